package org.openledger.cli.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.datanet.Datanets;
import org.openledger.contracts.staking.Staking;
import org.junit.jupiter.api.Test;

class RevertsTest {
  @Test
  void aCustomErrorOfTheCalledContractIsNamedWithItsArgumentsAndMeaning() {
    Bytes32 content = Bytes32.fromHexString("0x" + "ab".repeat(32));
    String data = Datanets.DUPLICATE_CONTENT.encode(BigInteger.ONE, content, BigInteger.TWO).toHexString();
    String words = Reverts.describe(Addresses.DATANETS.toHexString(), data);
    assertThat(words).startsWith("DuplicateContent(1, " + content.toHexString() + ", 2)").contains(" — ");
  }

  @Test
  void anErrorRaisedByAnotherContractInANestedCallIsStillDecoded() {
    String data = Staking.WRONG_POSITION_STATUS.encode(BigInteger.valueOf(7), BigInteger.valueOf(4)).toHexString();
    assertThat(Reverts.describe(Addresses.DATANETS.toHexString(), data)).startsWith("WrongPositionStatus(7, 4)");
  }

  @Test
  void revertDataQuotedAsJsonTextIsDecodedToo() {
    String data = "\"" + Staking.WRONG_POSITION_STATUS.encode(BigInteger.ONE, BigInteger.TWO).toHexString() + "\"";
    assertThat(Reverts.describe(Addresses.STAKING.toHexString(), data)).startsWith("WrongPositionStatus(1, 2)");
  }

  @Test
  void unknownRevertDataIsShownAsHexNotGuessed() {
    assertThat(Reverts.describe(Addresses.DATANETS.toHexString(), "0xdeadbeef")).contains("unknown error data 0xdeadbeef");
    assertThat(Reverts.describe(Addresses.DATANETS.toHexString(), "0x")).isEqualTo("reverted without data");
  }

  @Test
  void aTransactionTargetIsNamedAsContractDotFunction() {
    String data = org.openledger.contracts.datanet.Datanets.CREATE.encodeCall("n", "", BigInteger.ONE, BigInteger.ZERO).toHexString();
    assertThat(CheckedTransactions.describeTarget(Addresses.DATANETS.toHexString(), data)).isEqualTo("Datanets.create");
    assertThat(CheckedTransactions.describeTarget("0x00000000000000000000000000000000000000aa", data)).isEqualTo("0x00000000000000000000000000000000000000aa");
  }
}

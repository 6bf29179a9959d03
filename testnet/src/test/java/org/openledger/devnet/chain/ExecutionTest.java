package org.openledger.devnet.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openledger.devnet.Wallets.ALICE;
import static org.openledger.devnet.Wallets.BOB;
import static org.openledger.devnet.Wallets.GWEI;
import static org.openledger.devnet.Wallets.OPEN;
import static org.openledger.devnet.Wallets.address;

import java.math.BigInteger;
import java.nio.file.Path;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.staking.Staking;
import org.openledger.devnet.TestChain;
import org.openledger.devnet.Wallets;
import org.openledger.devnet.transaction.InvalidTransactionException;
import org.openledger.precompiles.Address;

class ExecutionTest {
  @TempDir Path dir;
  TestChain t;
  final Address alice = address(ALICE);
  final Address bob = address(BOB);
  final Address treasury = Addresses.TREASURY;
  final Bytes stake = Staking.STAKE.encodeCall(BigInteger.ZERO);

  @BeforeEach
  void open() {
    t = new TestChain(dir);
  }

  @AfterEach
  void close() {
    t.close();
  }

  @Test
  void aTransferMovesTheValueAndChargesIntrinsicGas() {
    BigInteger before = t.balance(alice);
    BigInteger bobBefore = t.balance(bob);
    BigInteger baseFee = t.chain.nextBaseFee();
    Receipt r = t.include(Wallets.transfer(ALICE, 0, bob, OPEN));
    assertThat(r.success()).isTrue();
    assertThat(r.gasUsed()).isEqualTo(21_000);
    assertThat(r.effectiveGasPrice()).isEqualTo(baseFee.add(GWEI));
    assertThat(t.balance(bob)).isEqualTo(bobBefore.add(OPEN));
    assertThat(t.balance(alice)).isEqualTo(before.subtract(OPEN).subtract(r.effectiveGasPrice().multiply(BigInteger.valueOf(21_000))));
    assertThat(t.nonce(alice)).isEqualTo(1);
  }

  @Test
  void theBaseFeeIsBurnedAndTheTipPaidToTheFeeRecipient() {
    BigInteger treasuryBefore = t.balance(treasury);
    BigInteger burnedBefore = t.chain.burned();
    BigInteger baseFee = t.chain.nextBaseFee();
    Receipt r = t.include(Wallets.transfer(ALICE, 0, bob, OPEN));
    BigInteger gas = BigInteger.valueOf(r.gasUsed());
    assertThat(t.chain.burned()).isEqualTo(burnedBefore.add(baseFee.multiply(gas)));
    assertThat(t.balance(treasury)).isEqualTo(treasuryBefore.add(GWEI.multiply(gas)));
  }

  @Test
  void aSuccessfulNativeCallKeepsItsValueAndLogsAndSetsTheBloom() {
    BigInteger stakingBefore = t.balance(Addresses.STAKING);
    Receipt r = t.include(Wallets.eip1559(ALICE, 0, Addresses.STAKING, OPEN.multiply(BigInteger.TWO), stake, 500_000));
    assertThat(r.success()).isTrue();
    assertThat(r.gasUsed()).isGreaterThan(21_000 + 2_100);
    assertThat(t.balance(Addresses.STAKING)).isEqualTo(stakingBefore.add(OPEN.multiply(BigInteger.TWO)));
    assertThat(r.logs()).isNotEmpty().allMatch(l -> l.address().equals(Addresses.STAKING));
    Block block = t.chain.head();
    assertThat(LogsBloom.mayContain(block.header().logsBloom(), Addresses.STAKING)).isTrue();
    assertThat(LogsBloom.mayContain(block.header().logsBloom(), r.logs().get(0).topics().get(0))).isTrue();
    assertThat(r.logsBloom()).isEqualTo(block.header().logsBloom());
  }

  @Test
  void aRevertedCallReturnsTheValueKeepsTheRevertDataAndStillChargesGas() {
    BigInteger stakingBefore = t.balance(Addresses.STAKING);
    BigInteger aliceBefore = t.balance(alice);
    BigInteger half = OPEN.divide(BigInteger.TWO);
    Receipt r = t.include(Wallets.eip1559(ALICE, 0, Addresses.STAKING, half, stake, 500_000));
    assertThat(r.success()).isFalse();
    assertThat(Staking.STAKE_BELOW_MINIMUM.matches(r.output())).isTrue();
    assertThat(r.logs()).isEmpty();
    assertThat(t.balance(Addresses.STAKING)).isEqualTo(stakingBefore);
    assertThat(t.balance(alice)).isEqualTo(aliceBefore.subtract(r.effectiveGasPrice().multiply(BigInteger.valueOf(r.gasUsed()))));
    assertThat(t.nonce(alice)).isEqualTo(1);
  }

  @Test
  void aCallThatRunsOutOfGasHaltsAndUsesAllItsGas() {
    long gas = 21_000 + 36 * 16 + 100;
    BigInteger stakingBefore = t.balance(Addresses.STAKING);
    Receipt r = t.include(Wallets.eip1559(ALICE, 0, Addresses.STAKING, OPEN, stake, gas));
    assertThat(r.success()).isFalse();
    assertThat(r.gasUsed()).isEqualTo(gas);
    assertThat(t.balance(Addresses.STAKING)).isEqualTo(stakingBefore);
  }

  @Test
  void valueToAPlainAddressWithDataIsATransferChargedForItsCalldata() {
    Receipt r = t.include(Wallets.eip1559(ALICE, 0, bob, BigInteger.ONE, Bytes.of(0, 7), 30_000));
    assertThat(r.success()).isTrue();
    assertThat(r.gasUsed()).isEqualTo(21_000 + 4 + 16);
  }

  @Test
  void aLegacyTransactionPaysItsGasPriceWithTheExcessOverTheBaseFeeAsTip() {
    BigInteger price = GWEI.multiply(BigInteger.valueOf(3));
    BigInteger treasuryBefore = t.balance(treasury);
    BigInteger baseFee = t.chain.nextBaseFee();
    Receipt r = t.include(Wallets.legacy(ALICE, 1337, 0, bob, BigInteger.ONE, Bytes.EMPTY, 21_000, price));
    assertThat(r.effectiveGasPrice()).isEqualTo(price);
    assertThat(t.balance(treasury)).isEqualTo(treasuryBefore.add(price.subtract(baseFee).multiply(BigInteger.valueOf(21_000))));
  }

  @Test
  void contractCreationIsRefusedNamingBesu() {
    assertThatThrownBy(() -> t.send(Wallets.eip1559(ALICE, 0, null, BigInteger.ZERO, Bytes.of(0x60, 0x00), 100_000)))
        .isInstanceOf(InvalidTransactionException.class).hasMessageContaining("Besu");
  }

  @Test
  void theBlockCommitsToItsTransactionsReceiptsAndWrites() {
    t.include(Wallets.transfer(ALICE, 0, bob, OPEN));
    Block b = t.chain.head();
    assertThat(b.header().transactionsRoot()).isNotEqualTo(OrderedTrie.EMPTY_ROOT);
    assertThat(b.header().receiptsRoot()).isNotEqualTo(OrderedTrie.EMPTY_ROOT);
    Block parent = t.chain.block(b.number() - 1).orElseThrow();
    assertThat(b.header().parentHash()).isEqualTo(parent.hash());
    assertThat(b.header().stateRoot()).isNotEqualTo(parent.header().stateRoot());
    assertThat(b.hash()).isEqualTo(b.header().hash());
    byte[] tx = t.chain.includedTransaction(b.transactionHashes().get(0)).orElseThrow().transaction().raw().toArrayUnsafe();
    byte[] encoded = org.openledger.devnet.rlp.Rlp.encodeList(b.header().rlp(),
        org.openledger.devnet.rlp.Rlp.encodeList(org.openledger.devnet.rlp.Rlp.encodeBytes(tx)), org.openledger.devnet.rlp.Rlp.encodeList());
    assertThat(b.size()).isEqualTo(encoded.length);
  }

  @Test
  void anEmptyBlockStillChainsTheStateRoot() {
    Block parent = t.chain.head();
    Block empty = t.chain.seal();
    assertThat(empty.transactionHashes()).isEmpty();
    assertThat(empty.header().transactionsRoot()).isEqualTo(OrderedTrie.EMPTY_ROOT);
    assertThat(empty.header().stateRoot()).isEqualTo(new org.openledger.devnet.state.WriteSet(java.util.Map.of()).chainRoot(parent.header().stateRoot()));
  }
}

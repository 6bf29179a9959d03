package org.openledger.devnet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.host.Log;

class ChainPrimitivesTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void theEmptyTrieHasEthereumsEmptyRoot() {
    assertThat(OrderedTrie.root(List.of()).toHexString()).isEqualTo("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
  }

  @Test
  void theTrieMatchesEthereumsPublishedDogsVector() {
    // ethereum/tests TrieTests trieanyorder.json "dogs".
    Bytes32 root = OrderedTrie.rootOfKeys(List.of(b("doe"), b("dog"), b("dogglesworth")), List.of(b("reindeer"), b("puppy"), b("cat")));
    assertThat(root.toHexString()).isEqualTo("0x8aad789dff2f538bca5d8ea56e8abe10f4c7ba3a5dea95fea4cd6e7c3a1168d3");
  }

  @Test
  void theBloomHoldsEveryAddressAndTopicOfItsLogs() {
    Address a = Address.of(0x0a04);
    Bytes32 topic = Bytes32.fromHexString("0x" + "11".repeat(32));
    Bytes bloom = LogsBloom.of(List.of(new Log(a, List.of(topic), Bytes.EMPTY)));
    assertThat(LogsBloom.mayContain(bloom, a)).isTrue();
    assertThat(LogsBloom.mayContain(bloom, topic)).isTrue();
    assertThat(LogsBloom.mayContain(bloom, Address.of(0x0a05))).isFalse();
    assertThat(bloom.bitLength()).isGreaterThan(0);
  }

  @Test
  void aFullBlockRaisesTheBaseFeeByAnEighth() {
    assertThat(BaseFee.next(BigInteger.valueOf(1_000_000_000), 30_000_000, 30_000_000, BigInteger.ZERO)).isEqualTo(BigInteger.valueOf(1_125_000_000));
  }

  @Test
  void anEmptyBlockLowersTheBaseFeeByAnEighth() {
    assertThat(BaseFee.next(BigInteger.valueOf(1_000_000_000), 0, 30_000_000, BigInteger.ZERO)).isEqualTo(BigInteger.valueOf(875_000_000));
  }

  @Test
  void aHalfFullBlockKeepsTheBaseFee() {
    assertThat(BaseFee.next(BigInteger.valueOf(7), 15_000_000, 30_000_000, BigInteger.ZERO)).isEqualTo(BigInteger.valueOf(7));
  }

  @Test
  void theBaseFeeNeverFallsBelowTheFloor() {
    assertThat(BaseFee.next(BigInteger.valueOf(1_000_000_000), 0, 30_000_000, BigInteger.valueOf(1_000_000_000)))
        .isEqualTo(BigInteger.valueOf(1_000_000_000));
  }
}

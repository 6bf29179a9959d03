package org.openledger.devnet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Large ordered tries, whose keys rlp(i) take one, two and three bytes, against roots pinned from
 * the first implementation (a list-per-group recursion checked against Ethereum's published
 * vectors in {@link ChainPrimitivesTest}); the range-based builder must give the same roots.
 */
class OrderedTrieTest {
  /** n values of 1 to 200 random bytes (every seventh 1 to 3 bytes: nodes shorter than 32 bytes are inlined). */
  private static List<byte[]> values(int n) {
    Random random = new Random(1);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] b = new byte[1 + random.nextInt(i % 7 == 0 ? 3 : 200)];
      random.nextBytes(b);
      out.add(b);
    }
    return out;
  }

  @Test
  void aTrieOfOneValueIsItsLeaf() {
    assertThat(OrderedTrie.root(values(1)).toHexString()).isEqualTo("0x6c937c75150fd42e708b8c4e28bed20eafa12aa0898931ffd31e42cb5249b91b");
  }

  @Test
  void keysCrossingFromOneToTwoRlpBytesKeepTheReferenceRoot() {
    assertThat(OrderedTrie.root(values(129)).toHexString()).isEqualTo("0xdd7205055e2fb724e38fbda757cd9e7086464d1df696cace7ed6207927bc00cc");
  }

  @Test
  void aBlocksWorthOfValuesKeepsTheReferenceRoot() {
    assertThat(OrderedTrie.root(values(1500)).toHexString()).isEqualTo("0x104be3b11f87c4dcfc45b7671e38696fbece5ccc4147a1acf2c32a4a034b9d77");
  }
}

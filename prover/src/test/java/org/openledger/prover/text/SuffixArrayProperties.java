package org.openledger.prover.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SuffixArrayProperties {
  /** The definition: sort the suffixes, comparing unsigned bytes, a proper prefix first. O(n² log n). */
  static int[] naive(byte[] t) {
    return java.util.stream.IntStream.range(0, t.length).boxed()
        .sorted(Comparator.comparing((Integer i) -> Arrays.copyOfRange(t, i, t.length), Arrays::compareUnsigned))
        .mapToInt(Integer::intValue).toArray();
  }

  @Provide
  Arbitrary<byte[]> fewSymbols() {
    // two or three symbols make long repeats, which exercise the recursion on LMS names
    return Arbitraries.integers().between(1, 3).flatMap(k -> Arbitraries.bytes().between((byte) 'a', (byte) ('a' + k - 1))
        .array(byte[].class).ofMinSize(0).ofMaxSize(300));
  }

  @Property(tries = 400)
  void equalsTheNaiveSortOnRepetitiveStrings(@ForAll("fewSymbols") byte[] text) {
    assertThat(SuffixArray.of(text)).isEqualTo(naive(text));
  }

  @Property(tries = 200)
  void equalsTheNaiveSortOnArbitraryBytes(@ForAll byte[] text) {
    assertThat(SuffixArray.of(text)).isEqualTo(naive(text));
  }

  @Example
  void sortsBanana() {
    assertThat(SuffixArray.of("banana".getBytes())).containsExactly(5, 3, 1, 0, 4, 2);
  }

  @Example
  void ordersBytesAboveSevenBitAsUnsigned() {
    assertThat(SuffixArray.of(new byte[] {(byte) 0xFF, 0x01, (byte) 0x80})).containsExactly(1, 2, 0);
  }

  @Example
  void sortsARunOfOneSymbolShortestFirst() {
    assertThat(SuffixArray.of("aaaaa".getBytes())).containsExactly(4, 3, 2, 1, 0);
  }
}

package org.openledger.prover.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.openledger.precompiles.Address;

class SpanFinderProperties {
  private static final String[] WORDS = {"a", "an", "the", "cat", "sat", ",", ".", " ", "  ", "mat", "42", "é", "on"};

  private static String text(java.util.Random r, int tokens) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < tokens; i++) s.append(WORDS[r.nextInt(WORDS.length)]).append(r.nextInt(3) == 0 ? "" : " ");
    return s.toString();
  }

  /** The rule of docs/text-attribution.md §4 by brute force: every chunk, every offset. */
  static List<int[]> naiveSpans(TextCorpus corpus, byte[] out, int minTokens) {
    int[] b = ByteTokenizer.boundaries(out);
    List<int[]> spans = new ArrayList<>();
    int reached = 0;
    for (int i = 0; i + minTokens < b.length; i++) {
      for (int j = b.length - 1; j >= i + minTokens && j > reached; j--) {
        TreeMap<Integer, Integer> chunks = new TreeMap<>();
        for (int leaf = 0; leaf < corpus.chunks().size(); leaf++) {
          byte[] t = corpus.chunk(leaf).text();
          int len = b[j] - b[i];
          for (int p = 0; p + len <= t.length; p++) {
            if (java.util.Arrays.equals(t, p, p + len, out, b[i], b[j]) && ByteTokenizer.isBoundary(t, 0, t.length, p)
                && ByteTokenizer.isBoundary(t, 0, t.length, p + len)) {
              chunks.putIfAbsent(leaf, p);
            }
          }
        }
        if (!chunks.isEmpty()) {
          int[] span = new int[2 + 2 * chunks.size()];
          span[0] = i;
          span[1] = j;
          int k = 2;
          for (var e : chunks.entrySet()) {
            span[k++] = e.getKey();
            span[k++] = e.getValue();
          }
          spans.add(span);
          reached = j;
          break;
        }
      }
    }
    return spans;
  }

  @Property(tries = 60)
  void spansAreWhatBruteForceFinds(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int minTokens) {
    java.util.Random r = new java.util.Random(seed);
    List<TextCorpus.Contribution> cs = new ArrayList<>();
    for (int i = 0; i < 5; i++) cs.add(new TextCorpus.Contribution(Address.of(i + 1), BigInteger.valueOf(i), TextContribution.of(text(r, 5 + r.nextInt(60)))));
    TextCorpus corpus = TextCorpus.of(cs);
    byte[] out = text(r, 1 + r.nextInt(40)).getBytes(StandardCharsets.UTF_8);
    List<int[]> found = new ArrayList<>();
    for (Span s : SpanFinder.index(corpus).withMinTokens(minTokens).spans(out)) {
      int[] span = new int[2 + 2 * s.occurrences().size()];
      span[0] = s.startToken();
      span[1] = s.endToken();
      for (int k = 0; k < s.occurrences().size(); k++) {
        span[2 + 2 * k] = s.occurrences().get(k).leaf();
        span[3 + 2 * k] = s.occurrences().get(k).offset();
      }
      assertThat(s.common()).isFalse(); // five chunks
      found.add(span);
    }
    assertThat(found).containsExactlyElementsOf(naiveSpans(corpus, out, minTokens));
  }
}

package org.openledger.prover.text;

import java.util.List;

/**
 * A maximal stretch of the output, tokens {@code [startToken, endToken)} = bytes
 * {@code [startByte, endByte)}, that occurs verbatim and token-aligned in the corpus.
 * {@code occurrences} names one place per chunk (the smallest offset), by ascending leaf; a span
 * found in more than {@link SpanFinder#MAX_CHUNKS} chunks is {@code common}, lists only the first
 * chunks met, and earns nothing (docs/text-attribution.md §5).
 */
public record Span(int startToken, int endToken, int startByte, int endByte, List<Occurrence> occurrences, boolean common) {
  public Span {
    if (startToken < 0 || endToken <= startToken || startByte < 0 || endByte <= startByte) {
      throw new IllegalArgumentException("span tokens " + startToken + ".." + endToken + ", bytes " + startByte + ".." + endByte);
    }
    if (occurrences.isEmpty()) throw new IllegalArgumentException("a span occurs somewhere");
    occurrences = List.copyOf(occurrences);
  }

  public int tokens() {
    return endToken - startToken;
  }

  public int bytes() {
    return endByte - startByte;
  }
}

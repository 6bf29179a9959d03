package org.openledger.prover.text;

/** Where a span occurs: chunk (leaf index in the corpus tree) and byte offset inside that chunk's text. */
public record Occurrence(int leaf, int offset) {
  public Occurrence {
    if (leaf < 0 || offset < 0) throw new IllegalArgumentException("occurrence at leaf " + leaf + ", offset " + offset);
  }
}

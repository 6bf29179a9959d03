package org.openledger.compute.scoring;

/**
 * Keeps the M best (score, index) pairs of one row, in rank order (see {@link TopScores}). Fed in
 * ascending index order, a later equal score never displaces an earlier one, so the common case is
 * one comparison against the current M-th score.
 */
public final class TopMSelector {
  private final int m;
  private final long[] scores;
  private final int[] indices;
  private int size;

  public TopMSelector(int m) {
    if (m < 1) {
      throw new IllegalArgumentException("M must be at least 1, got " + m);
    }
    this.m = m;
    this.scores = new long[m];
    this.indices = new int[m];
  }

  public void reset() {
    size = 0;
  }

  /** Offers a candidate; any index order is accepted, ties resolve to the lower index. */
  public void offer(long score, int index) {
    if (size == m && !TopScores.ranksBefore(score, index, scores[m - 1], indices[m - 1])) {
      return;
    }
    int pos = size == m ? m - 1 : size++;
    while (pos > 0 && TopScores.ranksBefore(score, index, scores[pos - 1], indices[pos - 1])) {
      scores[pos] = scores[pos - 1];
      indices[pos] = indices[pos - 1];
      pos--;
    }
    scores[pos] = score;
    indices[pos] = index;
  }

  /** The current M-th best score, or Long.MIN_VALUE while fewer than M were offered. */
  public long threshold() {
    return size == m ? scores[m - 1] : Long.MIN_VALUE;
  }

  public int size() {
    return size;
  }

  /** Copies the kept pairs (best first) into row {@code row} of a top-{@code size()} result. */
  public void copyTo(int row, int[] outIndices, long[] outScores) {
    System.arraycopy(indices, 0, outIndices, row * size, size);
    System.arraycopy(scores, 0, outScores, row * size, size);
  }
}

package org.openledger.compute.scoring;

import java.util.Arrays;

/**
 * The M best contributors of each query row: {@code contributors[r * m + j]} and
 * {@code scores[r * m + j]} are the j-th best of row r. Order: higher score first; equal scores by
 * the lower contributor index first — the same total order on every backend, so the selection the
 * chain re-checks never depends on the device. {@code m} is min(requested M, contributor count).
 */
public record TopScores(int rows, int m, int[] contributors, long[] scores) {
  public TopScores {
    if (contributors.length != (long) rows * m || scores.length != (long) rows * m) {
      throw new IllegalArgumentException("expected " + rows + "x" + m + " entries");
    }
  }

  public int contributor(int row, int rank) {
    return contributors[row * m + rank];
  }

  public long score(int row, int rank) {
    return scores[row * m + rank];
  }

  /** True when (scoreA, indexA) ranks before (scoreB, indexB). */
  public static boolean ranksBefore(long scoreA, int indexA, long scoreB, int indexB) {
    return scoreA > scoreB || (scoreA == scoreB && indexA < indexB);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TopScores t && t.rows == rows && t.m == m
        && Arrays.equals(t.contributors, contributors) && Arrays.equals(t.scores, scores);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(contributors) + Arrays.hashCode(scores);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("TopScores[" + rows + "x" + m + "]");
    for (int r = 0; r < Math.min(rows, 4); r++) {
      s.append("\n  row ").append(r).append(':');
      for (int j = 0; j < m; j++) {
        s.append(' ').append(contributor(r, j)).append('=').append(score(r, j));
      }
    }
    return s.toString();
  }
}

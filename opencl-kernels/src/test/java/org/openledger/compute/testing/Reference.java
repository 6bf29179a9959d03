package org.openledger.compute.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.openledger.compute.scoring.Int16Matrix;
import org.openledger.compute.scoring.TopScores;

/** The simplest possible versions of the kernels: the specification the backends are held to. */
public final class Reference {
  private Reference() {}

  public static long[] scores(Int16Matrix q, Int16Matrix u) {
    long[] out = new long[q.rows() * u.rows()];
    for (int r = 0; r < q.rows(); r++) {
      for (int c = 0; c < u.rows(); c++) {
        long sum = 0;
        for (int k = 0; k < q.cols(); k++) {
          sum += (long) q.get(r, k) * u.get(c, k);
        }
        out[r * u.rows() + c] = sum;
      }
    }
    return out;
  }

  /** Sort every contributor of a row by (score descending, index ascending) and keep the first M. */
  public static TopScores topM(Int16Matrix q, Int16Matrix u, int m) {
    long[] all = scores(q, u);
    int kept = Math.min(m, u.rows());
    int[] indices = new int[q.rows() * kept];
    long[] scores = new long[q.rows() * kept];
    for (int r = 0; r < q.rows(); r++) {
      List<Integer> order = new ArrayList<>();
      for (int c = 0; c < u.rows(); c++) {
        order.add(c);
      }
      final int row = r;
      order.sort(Comparator.<Integer>comparingLong(c -> -all[row * u.rows() + c]).thenComparingInt(c -> c));
      for (int j = 0; j < kept; j++) {
        indices[r * kept + j] = order.get(j);
        scores[r * kept + j] = all[r * u.rows() + order.get(j)];
      }
    }
    return new TopScores(q.rows(), kept, indices, scores);
  }
}

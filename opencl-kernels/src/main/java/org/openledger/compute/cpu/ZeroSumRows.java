package org.openledger.compute.cpu;

import java.util.stream.IntStream;

/**
 * The structure a classifier's output gradients have and a dense basis can exploit: each row of
 * the n × out matrix p sums to zero (softmax residuals {@code onehot(y) − softmax(z)}, margin
 * gradients {@code e_c − e_c'}, Gauss–Newton directions {@code √p_c (e_c − p)}). Then
 * {@code Σ_o p_o B_o = Σ_{o<L} p_o (B_o − B_L)} with L the last class, and the feature GEMM needs
 * only out − 1 classes.
 *
 * <p>"Sums to zero" is to the rounding of a float row: |Σ_o p_o| ≤ 2·out·2⁻²⁴·Σ_o |p_o|, checked in
 * double. A row computed in double and stored as floats (as the prover's are) passes; its dropped
 * remainder moves each feature by at most that fraction of Σ_o |p_o B_o x|, far below the GEMM's
 * own rounding (≈ √in·2⁻²⁴). Any other row keeps the full path, so the result never depends on
 * the shortcut beyond float rounding.
 */
final class ZeroSumRows {
  private ZeroSumRows() {}

  /** Whether every one of the n rows of p (n × out, row-major) sums to zero within float rounding. */
  static boolean holds(float[] p, int n, int out) {
    if (out < 2) {
      return false;
    }
    double slack = 2.0 * out * 0x1p-24;
    for (int i = 0; i < n; i++) {
      double sum = 0;
      double magnitude = 0;
      for (int o = i * out, end = o + out; o < end; o++) {
        sum += p[o];
        magnitude += Math.abs(p[o]);
      }
      if (Math.abs(sum) > slack * magnitude) {
        return false;
      }
    }
    return true;
  }

  /**
   * B (k × out·in, row-major) with its last class subtracted and dropped: k × (out − 1)·in, row
   * r's block o is {@code B[r, o·in ..] − B[r, (out−1)·in ..]}, written into {@code reduced} (at
   * least (out − 1)·k·in long, possibly longer: a reused buffer), which is returned.
   */
  static float[] lastClassEliminated(float[] b, int k, int out, int in, float[] reduced) {
    int last = out - 1;
    IntStream.range(0, k).parallel().forEach(r -> {
      int lastRow = (r * out + last) * in;
      for (int o = 0; o < last; o++) {
        int from = (r * out + o) * in;
        int to = (r * last + o) * in;
        for (int j = 0; j < in; j++) {
          reduced[to + j] = b[from + j] - b[lastRow + j];
        }
      }
    });
    return reduced;
  }
}

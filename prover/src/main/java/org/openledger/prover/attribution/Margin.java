package org.openledger.prover.attribution;

/**
 * The output function attribution explains (docs/attribution.md §1): the margin of class ŷ,
 * {@code f = log p_ŷ − log(1 − p_ŷ) = z_ŷ − log Σ_{c≠ŷ} e^{z_c}}, computed from the logits so that
 * neither a confident nor an unconfident model loses it to round-off.
 */
public final class Margin {
  private Margin() {}

  /** {@code f(z) = z_ŷ − logsumexp_{c≠ŷ} z_c}. */
  public static double value(double[] logits, int cls) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < logits.length; c++) {
      if (c != cls) {
        max = Math.max(max, logits[c]);
      }
    }
    double sum = 0;
    for (int c = 0; c < logits.length; c++) {
      if (c != cls) {
        sum += StrictMath.exp(logits[c] - max);
      }
    }
    return logits[cls] - max - StrictMath.log(sum);
  }

  /** {@code ∂f/∂z}: 1 at ŷ, {@code −e^{z_c} / Σ_{j≠ŷ} e^{z_j}} elsewhere (the entries sum to 0). */
  public static double[] logitGradient(double[] logits, int cls) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < logits.length; c++) {
      if (c != cls) {
        max = Math.max(max, logits[c]);
      }
    }
    double[] g = new double[logits.length];
    double sum = 0;
    for (int c = 0; c < logits.length; c++) {
      if (c != cls) {
        g[c] = StrictMath.exp(logits[c] - max);
        sum += g[c];
      }
    }
    for (int c = 0; c < logits.length; c++) {
      g[c] = c == cls ? 1 : -g[c] / sum;
    }
    return g;
  }
}

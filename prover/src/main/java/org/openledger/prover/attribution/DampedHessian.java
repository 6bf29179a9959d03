package org.openledger.prover.attribution;

import org.openledger.compute.ComputeBackend;
import org.openledger.compute.linalg.DoubleMatrix;
import org.openledger.compute.linalg.SymmetricEigen;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.model.LogisticRegression;

/**
 * The exact Hessian of the mean training cross-entropy of a logistic regression plus {@code λ·I}
 * (docs/attribution.md §3), in the gradient layout of {@link Gradients}:
 * {@code H = (1/n) Σ_i (diag p_i − p_i p_iᵀ) ⊗ x̃_i x̃_iᵀ + λ I}, with {@code x̃ = (x, 1)}.
 *
 * <p>Why this damping: with λ equal to the training L2 the weight block is exactly the Hessian of
 * the objective the model was trained to convergence on, so {@code H⁻¹g_i} is the classical
 * influence function. The objective does not damp the biases; their block is singular along
 * "add the same constant to every class", which no gradient has a component along (each δ sums to
 * 0), so damping it by the same λ changes no score and makes {@code H} positive definite.
 */
public final class DampedHessian {
  private DampedHessian() {}

  /** {@code H} as a dense {@code d × d} matrix ({@code d = C·F + C}). */
  public static DoubleMatrix of(LogisticRegression model, LabelledImages data, double damping, Dense dense) {
    if (!(damping > 0)) {
      throw new IllegalArgumentException("damping must be positive, got " + damping);
    }
    int classes = model.classes();
    int f = model.features();
    int f1 = f + 1;
    int n = data.size();
    int d = Gradients.dimension(model);
    double[] xt = new double[Math.multiplyExact(n, f1)];
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < f; j++) {
        xt[i * f1 + j] = data.images().pixel(i, j) / LogisticRegression.PIXEL_SCALE;
      }
      xt[i * f1 + f] = 1;
      p[i] = Gradients.probabilities(model.logits(data.images(), i));
    }
    double[] h = new double[Math.multiplyExact(d, d)];
    double[] scaled = new double[xt.length];
    for (int c = 0; c < classes; c++) {
      for (int c2 = c; c2 < classes; c2++) {
        for (int i = 0; i < n; i++) {
          double a = p[i][c] * ((c == c2 ? 1 : 0) - p[i][c2]) / n;
          for (int j = 0; j < f1; j++) {
            scaled[i * f1 + j] = a * xt[i * f1 + j];
          }
        }
        double[] block = dense.multiply(true, false, f1, f1, n, xt, scaled);
        for (int j = 0; j < f1; j++) {
          int r = index(c, j, f, classes);
          for (int l = 0; l < f1; l++) {
            int col = index(c2, l, f, classes);
            double v = block[j * f1 + l];
            h[r * d + col] = v;
            h[col * d + r] = v;
          }
        }
      }
    }
    for (int q = 0; q < d; q++) {
      h[q * d + q] += damping;
    }
    return new DoubleMatrix(d, d, h);
  }

  /** Its eigendecomposition on the compute backend (LAPACK dsyevd on the CPU backend). */
  public static HessianEigen factor(DoubleMatrix hessian, ComputeBackend backend) {
    SymmetricEigen eigen = backend.symmetricEigen(hessian);
    return new HessianEigen(eigen.values(), eigen.vectors());
  }

  /** Parameter index of feature {@code j} of class {@code c}; feature {@code F} is the bias. */
  static int index(int c, int j, int features, int classes) {
    return j < features ? c * features + j : classes * features + c;
  }
}

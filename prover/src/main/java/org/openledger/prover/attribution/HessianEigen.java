package org.openledger.prover.attribution;

import org.openledger.compute.linalg.DoubleMatrix;

/**
 * {@code H = Vᵀ diag(λ) V} (rows of {@code V} the eigenvectors), from which any power of the damped
 * Hessian applies as two products: {@code R·H^p = ((R Vᵀ) diag(λ^p)) V}.
 */
public record HessianEigen(double[] values, DoubleMatrix vectors) {
  public HessianEigen {
    if (values.length == 0 || !(values[0] > 0)) {
      throw new IllegalArgumentException("the damped Hessian must be positive definite; smallest eigenvalue "
          + (values.length == 0 ? "none" : values[0]));
    }
  }

  public int dimension() {
    return values.length;
  }

  /** {@code R · H^power} for {@code rows} row vectors {@code R} (row-major {@code rows × d}). */
  public double[] timesPower(double[] r, int rows, double power, Dense dense) {
    int d = dimension();
    double[] t = dense.multiply(false, true, rows, d, d, r, vectors.data());
    for (int q = 0; q < d; q++) {
      double scale = power == -1 ? 1 / values[q] : Math.pow(values[q], power);
      for (int row = 0; row < rows; row++) {
        t[row * d + q] *= scale;
      }
    }
    return dense.multiply(false, false, rows, d, d, t, vectors.data());
  }

  /** {@code H^power = Vᵀ (diag(λ^power) V)} itself, symmetric {@code d × d}. */
  public double[] power(double power, Dense dense) {
    int d = dimension();
    double[] v = vectors.data();
    double[] scaled = new double[v.length];
    for (int q = 0; q < d; q++) {
      double scale = Math.pow(values[q], power);
      for (int l = 0; l < d; l++) {
        scaled[q * d + l] = scale * v[q * d + l];
      }
    }
    return dense.multiply(true, false, d, d, d, v, scaled);
  }
}

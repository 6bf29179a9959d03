package org.openledger.prover.attribution.kfac;

import org.openledger.compute.ComputeBackend;
import org.openledger.compute.linalg.FloatMatrix;

/** The few dense operations the K-FAC code composes, each one backend GEMM. */
final class Factored {

  private Factored() {}

  /** {@code Xᵀ X} (cols × cols), accumulated into {@code into} (row-major, double). */
  static void addGram(ComputeBackend backend, FloatMatrix x, double[] into) {
    addTransposedProduct(backend, x, x, into);
  }

  /** {@code Xᵀ Y} (x.cols × y.cols), accumulated into {@code into}. */
  static void addTransposedProduct(ComputeBackend backend, FloatMatrix x, FloatMatrix y, double[] into) {
    if (x.rows() != y.rows()) {
      throw new IllegalArgumentException(x + " and " + y + " have different row counts");
    }
    if (x.rows() == 0) {
      return;
    }
    float[] p = backend.gemm(transpose(x), y).data();
    for (int q = 0; q < p.length; q++) {
      into[q] += p[q];
    }
  }

  /** Every row of {@code x} projected on every row of {@code basis}: {@code x · basisᵀ}. */
  static FloatMatrix project(ComputeBackend backend, FloatMatrix x, FloatMatrix basis) {
    if (x.rows() == 0 || basis.rows() == 0) {
      return FloatMatrix.zeros(x.rows(), basis.rows());
    }
    return backend.gemmTransposedB(x, basis);
  }

  static FloatMatrix transpose(FloatMatrix m) {
    float[] t = new float[m.data().length];
    int r = m.rows();
    int c = m.cols();
    float[] d = m.data();
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        t[j * r + i] = d[i * c + j];
      }
    }
    return new FloatMatrix(c, r, t);
  }

  static FloatMatrix squared(FloatMatrix m) {
    float[] d = m.data();
    float[] s = new float[d.length];
    for (int q = 0; q < d.length; q++) {
      s[q] = d[q] * d[q];
    }
    return new FloatMatrix(m.rows(), m.cols(), s);
  }
}

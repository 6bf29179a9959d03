package org.openledger.prover.attribution;

import org.openledger.compute.cpu.NativeLinearAlgebra;

/**
 * Row-major double matrix products on the compute backend's BLAS (OpenBLAS through netlib): the
 * d×d work of the Hessian and the basis, where double keeps the small eigenvalues float would lose.
 */
public final class Dense {
  private final NativeLinearAlgebra blas;

  public Dense(NativeLinearAlgebra blas) {
    this.blas = blas;
  }

  /** The system's native BLAS (or netlib's Java fallback, with the backend's warning). */
  public static Dense load() {
    return new Dense(NativeLinearAlgebra.load());
  }

  /** {@code op(A) · op(B)}, {@code m × n}; A is {@code m × k} ({@code k × m} when transposed), B likewise. */
  public double[] multiply(boolean transA, boolean transB, int m, int n, int k, double[] a, double[] b) {
    double[] c = new double[Math.multiplyExact(m, n)];
    blas.dgemm(transA, transB, m, n, k, a, transA ? m : k, b, transB ? k : n, c, n);
    return c;
  }
}

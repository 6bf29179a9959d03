package org.openledger.compute.linalg;

/**
 * The eigendecomposition {@code A = Vᵀ diag(values) V} of a symmetric matrix: eigenvalues in
 * ascending order (LAPACK's), and row i of {@code vectors} the unit eigenvector of
 * {@code values[i]} — rows, because the basis the prover publishes is a set of rows.
 */
public record SymmetricEigen(double[] values, DoubleMatrix vectors) {
  public SymmetricEigen {
    if (vectors.rows() != values.length || vectors.cols() != values.length) {
      throw new IllegalArgumentException(
          values.length + " eigenvalues need a square " + values.length + " eigenvector matrix, got " + vectors);
    }
  }
}

package org.openledger.compute.linalg;

import java.util.Arrays;

/**
 * A dense row-major double matrix, for the factorisations (Hessian eigendecomposition, Cholesky)
 * whose small eigenvalues float would lose. Element (r, c) is {@code data[r * cols + c]}.
 */
public record DoubleMatrix(int rows, int cols, double[] data) {
  public DoubleMatrix {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("negative shape " + rows + "x" + cols);
    }
    if (data.length != (long) rows * cols) {
      throw new IllegalArgumentException(
          "a " + rows + "x" + cols + " matrix needs " + (long) rows * cols + " values, got " + data.length);
    }
  }

  public double get(int r, int c) {
    return data[r * cols + c];
  }

  public boolean isSquare() {
    return rows == cols;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DoubleMatrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + cols) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "DoubleMatrix[" + rows + "x" + cols + "]";
  }
}

package org.openledger.compute.scoring;

import java.util.Arrays;

/**
 * A dense row-major matrix of int16 values: quantized query vectors ψ (one per row) or quantized
 * contributor vectors u_c (one per row). Element (r, c) is {@code data[r * cols + c]}.
 */
public record Int16Matrix(int rows, int cols, short[] data) {
  /**
   * The longest row whose dot products are exact on every backend: each product is at most 2^30 in
   * magnitude, so any partial sum of fewer than 2^23 of them is an integer below 2^53 — exact in a
   * 64-bit integer and in a double alike, whatever the summation order.
   */
  public static final int MAX_COLS = (1 << 23) - 1;

  public Int16Matrix {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("negative shape " + rows + "x" + cols);
    }
    if (cols > MAX_COLS) {
      throw new IllegalArgumentException("rows of " + cols + " values exceed the exact-score limit of " + MAX_COLS);
    }
    if (data.length != (long) rows * cols) {
      throw new IllegalArgumentException(
          "a " + rows + "x" + cols + " matrix needs " + (long) rows * cols + " values, got " + data.length);
    }
  }

  public short get(int r, int c) {
    return data[r * cols + c];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Int16Matrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + cols) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Int16Matrix[" + rows + "x" + cols + "]";
  }
}

package org.openledger.compute.linalg;

import java.util.Arrays;

/**
 * A dense row-major float matrix: element (r, c) is {@code data[r * cols + c]}. The array is
 * shared, not copied, so a backend can hand it to native code without an extra pass; callers that
 * keep mutating their array own the consequences.
 */
public record FloatMatrix(int rows, int cols, float[] data) {
  public FloatMatrix {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("negative shape " + rows + "x" + cols);
    }
    if (data.length != (long) rows * cols) {
      throw new IllegalArgumentException(
          "a " + rows + "x" + cols + " matrix needs " + (long) rows * cols + " values, got " + data.length);
    }
  }

  public static FloatMatrix zeros(int rows, int cols) {
    return new FloatMatrix(rows, cols, new float[Math.multiplyExact(rows, cols)]);
  }

  public float get(int r, int c) {
    return data[r * cols + c];
  }

  /** The same values seen as {@code newRows x newCols} (row-major order is kept). */
  public FloatMatrix reshape(int newRows, int newCols) {
    return new FloatMatrix(newRows, newCols, data);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FloatMatrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + cols) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "FloatMatrix[" + rows + "x" + cols + "]";
  }
}

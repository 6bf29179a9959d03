package org.openledger.prover.data;

/**
 * {@code count} greyscale images of {@code rows × cols} unsigned bytes, row-major, image after image.
 * The array is owned by this record; callers read it through {@link #pixel}.
 */
public record Images(int count, int rows, int cols, byte[] pixels) {

  public Images {
    if (count < 0 || rows <= 0 || cols <= 0 || (long) count * rows * cols != pixels.length) {
      throw new IllegalArgumentException(
          "pixels length " + pixels.length + " is not " + count + "×" + rows + "×" + cols);
    }
  }

  /** Pixels per image. */
  public int size() {
    return rows * cols;
  }

  /** Pixel {@code j} (row-major) of image {@code i}, 0..255. */
  public int pixel(int i, int j) {
    return pixels[i * size() + j] & 0xff;
  }
}

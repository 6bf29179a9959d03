package org.openledger.prover.eval;

import org.openledger.prover.data.Images;
import org.openledger.prover.data.LabelledImages;

/** 2×2 mean pooling (rounded half up): 28×28 → 14×14, a quarter of the parameters for CI-sized runs. */
public final class Pooling {
  private Pooling() {}

  public static LabelledImages pool2x2(LabelledImages data) {
    Images in = data.images();
    int rows = in.rows() / 2;
    int cols = in.cols() / 2;
    byte[] out = new byte[in.count() * rows * cols];
    for (int i = 0; i < in.count(); i++) {
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          int p = 2 * r * in.cols() + 2 * c;
          int sum = in.pixel(i, p) + in.pixel(i, p + 1) + in.pixel(i, p + in.cols()) + in.pixel(i, p + in.cols() + 1);
          out[(i * rows + r) * cols + c] = (byte) ((sum + 2) / 4);
        }
      }
    }
    return new LabelledImages(new Images(in.count(), rows, cols, out), data.labels());
  }
}

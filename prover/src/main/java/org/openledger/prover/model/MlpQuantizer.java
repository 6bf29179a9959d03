package org.openledger.prover.model;

import java.util.Arrays;

import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.prover.data.Images;

/**
 * Turns a trained {@link Mlp} into the committed integer {@link FixedMlp}: each layer's weights at
 * the largest power-of-two shift that keeps them within ±32767 (so the largest weight uses the full
 * int16 range), biases at the scale their layer's sums carry. Rounding is {@link Math#round} (half
 * up), exact and portable.
 */
public final class MlpQuantizer {

  private MlpQuantizer() {}

  public static FixedMlp quantize(Mlp model) {
    int s1 = shift(model.w1());
    int s2 = shift(model.w2());
    double scale1 = Math.scalb(Mlp.PIXEL_SCALE, s1);
    double scale2 = Math.scalb(Mlp.PIXEL_SCALE, s1 + s2);
    return new FixedMlp(model.inputs(), model.hidden(), model.classes(), s1, s2,
        weights(model.w1(), s1), biases(model.b1(), scale1), weights(model.w2(), s2), biases(model.b2(), scale2));
  }

  /** Image {@code i}'s raw pixels, the input {@link FixedMlp} takes. */
  public static byte[] pixels(Images images, int i) {
    return Arrays.copyOfRange(images.pixels(), i * images.size(), (i + 1) * images.size());
  }

  static int shift(double[] w) {
    double maxAbs = 0;
    for (double v : w) {
      maxAbs = Math.max(maxAbs, Math.abs(v));
    }
    int shift = 0;
    while (shift < FixedMlp.MAX_SHIFT && Math.round(maxAbs * Math.scalb(1.0, shift + 1)) <= Short.MAX_VALUE) {
      shift++;
    }
    return shift;
  }

  private static short[] weights(double[] w, int shift) {
    double scale = Math.scalb(1.0, shift);
    short[] q = new short[w.length];
    for (int k = 0; k < q.length; k++) {
      q[k] = (short) Math.round(w[k] * scale);
    }
    return q;
  }

  private static long[] biases(double[] b, double scale) {
    long[] q = new long[b.length];
    for (int k = 0; k < q.length; k++) {
      q[k] = Math.round(b[k] * scale);
    }
    return q;
  }
}

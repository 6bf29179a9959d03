package org.openledger.prover.model;

import org.openledger.prover.data.Images;
import org.openledger.prover.data.LabelledImages;

/**
 * The integer form of a {@link LogisticRegression}: int16 weights at a power-of-two scale, raw
 * 0..255 pixels, exact {@code long} dot products. Every operation is integer, so any machine — a
 * verifier, a challenger, the chain in a one-step fraud proof — reproduces the logits bit for bit.
 *
 * <p>{@code logit_c = Σ_j weights[c,j]·pixel_j + bias[c] ≈ 2^shift · 255 · floatLogit_c}, where
 * {@code weights = round(2^shift · w)} and {@code bias = round(2^shift · 255 · b)}. No overflow: at
 * most 784 · 32,767 · 255 + 2³¹ < 2⁶³.
 */
public record FixedPointClassifier(int classes, int features, int shift, short[] weights, int[] bias) {

  public FixedPointClassifier {
    if (classes < 2 || features <= 0 || weights.length != classes * features || bias.length != classes) {
      throw new IllegalArgumentException("shape " + classes + "×" + features + " does not match arrays");
    }
  }

  /**
   * Quantizes with the largest shift that keeps every weight within int16, so the largest weight
   * uses the full range. Rounding is {@link Math#round} (half up), which is exact and portable.
   */
  public static FixedPointClassifier quantize(LogisticRegression model) {
    double maxAbs = 0;
    for (double v : model.weights()) {
      maxAbs = Math.max(maxAbs, Math.abs(v));
    }
    int shift = 0;
    while (shift < 30 && maxAbs * Math.scalb(1.0, shift + 1) <= Short.MAX_VALUE) {
      shift++;
    }
    double scale = Math.scalb(1.0, shift);
    short[] q = new short[model.weights().length];
    for (int k = 0; k < q.length; k++) {
      q[k] = (short) Math.round(model.weights()[k] * scale);
    }
    int[] qb = new int[model.classes()];
    for (int c = 0; c < qb.length; c++) {
      long v = Math.round(model.bias()[c] * scale * LogisticRegression.PIXEL_SCALE);
      qb[c] = Math.toIntExact(v);
    }
    return new FixedPointClassifier(model.classes(), model.features(), shift, q, qb);
  }

  /** Integer logits of image {@code i}. */
  public long[] logits(Images images, int i) {
    if (images.size() != features) {
      throw new IllegalArgumentException("images have " + images.size() + " pixels, model " + features);
    }
    long[] z = new long[classes];
    for (int c = 0; c < classes; c++) {
      long s = bias[c];
      int row = c * features;
      for (int j = 0; j < features; j++) {
        s += (long) weights[row + j] * images.pixel(i, j);
      }
      z[c] = s;
    }
    return z;
  }

  /** The highest integer logit's class, lowest index on ties. */
  public int predict(Images images, int i) {
    long[] z = logits(images, i);
    int best = 0;
    for (int c = 1; c < z.length; c++) {
      if (z[c] > z[best]) {
        best = c;
      }
    }
    return best;
  }

  /** Fraction of examples whose predicted class is the label. */
  public double accuracy(LabelledImages data) {
    int correct = 0;
    for (int i = 0; i < data.size(); i++) {
      if (predict(data.images(), i) == data.label(i)) {
        correct++;
      }
    }
    return (double) correct / data.size();
  }
}

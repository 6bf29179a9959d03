package org.openledger.prover.model;

import java.util.Arrays;

import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.prover.data.Images;
import org.openledger.prover.data.LabelledImages;

/**
 * The prover's face of the committed integer model {@link FixedLogistic} (docs/attribution.md §2):
 * the quantization of a trained {@link LogisticRegression}, and its integer operations over
 * {@link Images}. Every number it returns comes from {@link FixedLogistic}, the class the chain
 * re-runs in a fraud proof, so prover and verifier cannot drift apart.
 *
 * <p>{@code logit_c = Σ_j weights[c,j]·pixel_j + bias[c] ≈ 2^shift · 255 · floatLogit_c}, where
 * {@code weights = round(2^shift · w)} and {@code bias = round(2^shift · 255 · b)}.
 */
public record FixedPointClassifier(FixedLogistic committed) implements Classifier {

  /** The largest weight shift {@link #quantize} picks; keeps biases of any sane model within int32. */
  public static final int MAX_SHIFT = 30;

  public FixedPointClassifier {
    java.util.Objects.requireNonNull(committed, "committed");
  }

  public FixedPointClassifier(int classes, int features, int shift, short[] weights, int[] bias) {
    this(new FixedLogistic(classes, features, shift, weights, bias));
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
    while (shift < MAX_SHIFT && maxAbs * Math.scalb(1.0, shift + 1) <= Short.MAX_VALUE) {
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

  public int classes() {
    return committed.classes();
  }

  public int features() {
    return committed.features();
  }

  public int shift() {
    return committed.shift();
  }

  public short[] weights() {
    return committed.weights();
  }

  public int[] bias() {
    return committed.bias();
  }

  /** The raw pixels of image {@code i}, the bytes the committed model reads. */
  public byte[] input(Images images, int i) {
    if (images.size() != committed.features()) {
      throw new IllegalArgumentException("images have " + images.size() + " pixels, model " + committed.features());
    }
    if (i < 0 || i >= images.count()) {
      throw new IndexOutOfBoundsException("image " + i + " of " + images.count());
    }
    int size = images.size();
    return Arrays.copyOfRange(images.pixels(), i * size, (i + 1) * size);
  }

  /** Integer logits of image {@code i}. */
  public long[] logits(Images images, int i) {
    return committed.logits(input(images, i));
  }

  /** The highest integer logit's class, lowest index on ties. */
  public int predict(Images images, int i) {
    return committed.predict(input(images, i));
  }

  /** The margin gradient of image {@code i}'s returned class, with respect to the parameters. */
  public long[] outputGradient(Images images, int i) {
    return committed.outputGradient(input(images, i));
  }

  /** The negative loss gradient of example {@code i}, with respect to the parameters. */
  public long[] lossGradient(LabelledImages data, int i) {
    return committed.lossGradient(input(data.images(), i), data.label(i));
  }

}

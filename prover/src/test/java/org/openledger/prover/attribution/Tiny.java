package org.openledger.prover.attribution;

import java.util.SplittableRandom;

import org.openledger.prover.data.Images;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.model.LogisticRegression;

/** A 3-class model on 2×2 images: small enough to check every derivative by finite differences. */
final class Tiny {
  static final int CLASSES = 3;
  static final int FEATURES = 4;

  private Tiny() {}

  static LabelledImages data(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] pixels = new byte[n * FEATURES];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < FEATURES; j++) {
        pixels[i * FEATURES + j] = (byte) r.nextInt(256);
      }
      labels[i] = (byte) r.nextInt(CLASSES);
    }
    return new LabelledImages(new Images(n, 2, 2, pixels), labels);
  }

  static LogisticRegression model(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] w = new double[CLASSES * FEATURES];
    double[] b = new double[CLASSES];
    for (int q = 0; q < w.length; q++) {
      w[q] = r.nextDouble(-2, 2);
    }
    for (int c = 0; c < CLASSES; c++) {
      b[c] = r.nextDouble(-1, 1);
    }
    return new LogisticRegression(CLASSES, FEATURES, w, b);
  }

  /** The model with parameter {@code q} (gradient layout: weights, then biases) moved by {@code h}. */
  static LogisticRegression nudged(LogisticRegression m, int q, double h) {
    double[] w = m.weights().clone();
    double[] b = m.bias().clone();
    if (q < w.length) {
      w[q] += h;
    } else {
      b[q - w.length] += h;
    }
    return new LogisticRegression(m.classes(), m.features(), w, b);
  }

  /** Mean cross-entropy of {@code m} on {@code data}. */
  static double meanLoss(LogisticRegression m, LabelledImages data) {
    double s = 0;
    for (int i = 0; i < data.size(); i++) {
      s -= Math.log(Gradients.probabilities(m.logits(data.images(), i))[data.label(i)]);
    }
    return s / data.size();
  }
}

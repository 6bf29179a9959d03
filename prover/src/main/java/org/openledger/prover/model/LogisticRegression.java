package org.openledger.prover.model;

import java.util.SplittableRandom;

import org.openledger.prover.data.Images;
import org.openledger.prover.data.LabelledImages;

/**
 * Multinomial logistic regression (softmax over {@code classes} linear scores) on pixel features
 * scaled to [0, 1]. {@code weights} is row-major {@code classes × features}; the arrays are owned by
 * this record.
 */
public record LogisticRegression(int classes, int features, double[] weights, double[] bias) {

  /** Pixels are 0..255; the float model sees them divided by this. */
  public static final double PIXEL_SCALE = 255.0;

  public LogisticRegression {
    if (classes < 2 || features <= 0 || weights.length != classes * features || bias.length != classes) {
      throw new IllegalArgumentException("shape " + classes + "×" + features + " does not match arrays");
    }
  }

  /**
   * Trains by mini-batch SGD from zero weights on mean cross-entropy + λ/2·‖W‖². Deterministic: see
   * {@link TrainingConfig}.
   */
  public static LogisticRegression train(LabelledImages data, int classes, TrainingConfig config) {
    Images images = data.images();
    int f = images.size();
    int n = data.size();
    double[] w = new double[classes * f];
    double[] b = new double[classes];
    double[] gw = new double[w.length];
    double[] gb = new double[classes];
    double[] x = new double[f];
    double[] p = new double[classes];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(config.seed());
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      shuffle(order, random);
      for (int start = 0; start < n; start += config.batchSize()) {
        int end = Math.min(n, start + config.batchSize());
        java.util.Arrays.fill(gw, 0);
        java.util.Arrays.fill(gb, 0);
        for (int k = start; k < end; k++) {
          int i = order[k];
          features(images, i, x);
          probabilities(w, b, x, classes, p);
          p[data.label(i)] -= 1; // ∂loss/∂logit = p − onehot(y)
          for (int c = 0; c < classes; c++) {
            double d = p[c];
            gb[c] += d;
            int row = c * f;
            for (int j = 0; j < f; j++) {
              gw[row + j] += d * x[j];
            }
          }
        }
        double step = config.learningRate() / (end - start);
        double decay = config.learningRate() * config.l2();
        for (int q = 0; q < w.length; q++) {
          w[q] -= step * gw[q] + decay * w[q];
        }
        for (int c = 0; c < classes; c++) {
          b[c] -= step * gb[c];
        }
      }
    }
    return new LogisticRegression(classes, f, w, b);
  }

  /** The linear scores of image {@code i}. */
  public double[] logits(Images images, int i) {
    double[] x = new double[features];
    features(images, i, x);
    double[] z = new double[classes];
    logits(weights, bias, x, classes, z);
    return z;
  }

  /** The highest-scoring class of image {@code i} (lowest index on ties). */
  public int predict(Images images, int i) {
    return argmax(logits(images, i));
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

  /** Squared Frobenius norm of the weights (biases excluded, as in the damping term). */
  public double weightNormSquared() {
    double s = 0;
    for (double v : weights) {
      s += v * v;
    }
    return s;
  }

  static int argmax(double[] z) {
    int best = 0;
    for (int c = 1; c < z.length; c++) {
      if (z[c] > z[best]) {
        best = c;
      }
    }
    return best;
  }

  private static void features(Images images, int i, double[] x) {
    if (images.size() != x.length) {
      throw new IllegalArgumentException("images have " + images.size() + " pixels, model " + x.length);
    }
    for (int j = 0; j < x.length; j++) {
      x[j] = images.pixel(i, j) / PIXEL_SCALE;
    }
  }

  private static void logits(double[] w, double[] b, double[] x, int classes, double[] z) {
    int f = x.length;
    for (int c = 0; c < classes; c++) {
      double s = b[c];
      int row = c * f;
      for (int j = 0; j < f; j++) {
        s += w[row + j] * x[j];
      }
      z[c] = s;
    }
  }

  private static void probabilities(double[] w, double[] b, double[] x, int classes, double[] p) {
    logits(w, b, x, classes, p);
    double max = p[argmax(p)];
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      // StrictMath: Math.exp may be a platform intrinsic that differs in the last bit.
      p[c] = StrictMath.exp(p[c] - max);
      sum += p[c];
    }
    for (int c = 0; c < classes; c++) {
      p[c] /= sum;
    }
  }

  /** Fisher–Yates with the run's generator, so batch order depends only on the seed. */
  private static void shuffle(int[] order, SplittableRandom random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }
}

package org.openledger.prover.attribution;

import org.openledger.prover.data.Images;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.model.LogisticRegression;

/**
 * Parameter gradients of the float model in the layout of docs/attribution.md §2: {@code d = C·F + C}
 * entries, the weights row-major ({@code [c·F + j] = δ_c · x_j}), then the biases
 * ({@code [C·F + c] = δ_c}), with {@code x_j} the pixel / 255 — the integer gradients of §2 are these
 * scaled by {@code 255 · 2^16}, so one basis serves both.
 */
public final class Gradients {
  private Gradients() {}

  public static int dimension(LogisticRegression model) {
    return model.classes() * model.features() + model.classes();
  }

  /**
   * The negative loss gradient of every example (the direction training on it moves the weights),
   * row-major {@code n × d}: {@code δ = onehot(y) − p}.
   */
  public static double[] training(LogisticRegression model, LabelledImages data) {
    int n = data.size();
    int d = dimension(model);
    double[] g = new double[Math.multiplyExact(n, d)];
    for (int i = 0; i < n; i++) {
      double[] p = probabilities(model.logits(data.images(), i));
      for (int c = 0; c < p.length; c++) {
        p[c] = (c == data.label(i) ? 1 : 0) - p[c];
      }
      outer(model, data.images(), i, p, g, i * d);
    }
    return g;
  }

  /** The margin gradient {@code ∇f} of each image at its class {@code classes[t]}, row-major. */
  public static double[] margin(LogisticRegression model, Images images, int[] classes) {
    int d = dimension(model);
    double[] g = new double[Math.multiplyExact(classes.length, d)];
    for (int t = 0; t < classes.length; t++) {
      outer(model, images, t, Margin.logitGradient(model.logits(images, t), classes[t]), g, t * d);
    }
    return g;
  }

  /** The margins {@code f} of each image at its class under {@code model}. */
  public static double[] margins(LogisticRegression model, Images images, int[] classes) {
    double[] f = new double[classes.length];
    for (int t = 0; t < classes.length; t++) {
      f[t] = Margin.value(model.logits(images, t), classes[t]);
    }
    return f;
  }

  /** The model's predicted class of every image. */
  public static int[] predictions(LogisticRegression model, Images images) {
    int[] y = new int[images.count()];
    for (int t = 0; t < y.length; t++) {
      y[t] = model.predict(images, t);
    }
    return y;
  }

  static double[] probabilities(double[] z) {
    return org.openledger.prover.model.Classifier.softmax(z);
  }

  private static void outer(LogisticRegression model, Images images, int i, double[] delta, double[] g, int at) {
    int f = model.features();
    int classes = model.classes();
    for (int c = 0; c < classes; c++) {
      int row = at + c * f;
      for (int j = 0; j < f; j++) {
        g[row + j] = delta[c] * (images.pixel(i, j) / LogisticRegression.PIXEL_SCALE);
      }
      g[at + classes * f + c] = delta[c];
    }
  }
}

package org.openledger.prover.model;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.openledger.prover.data.Images;
import org.openledger.prover.data.LabelledImages;

/**
 * A one-hidden-layer perceptron {@code inputs → hidden (ReLU) → classes} with a softmax, on pixel
 * features scaled to [0, 1]. {@code w1} is row-major {@code hidden × inputs}, {@code w2} row-major
 * {@code classes × hidden}; the arrays are owned by this record.
 *
 * <p>Training minimises mean cross-entropy + λ/2·‖θ‖² by deterministic mini-batch SGD
 * ({@link MlpTrainingConfig}). The per-example quantities attribution needs — each layer's input
 * and the gradient at each layer's pre-activation — come from {@link #activations} and
 * {@link #hiddenGradient}.
 */
public record Mlp(int inputs, int hidden, int classes, double[] w1, double[] b1, double[] w2, double[] b2) implements Classifier {

  /** Pixels are 0..255; the float model sees them divided by this. */
  public static final double PIXEL_SCALE = 255.0;

  public Mlp {
    if (inputs <= 0 || hidden <= 0 || classes < 2 || w1.length != hidden * inputs || b1.length != hidden
        || w2.length != classes * hidden || b2.length != classes) {
      throw new IllegalArgumentException("shape " + inputs + "→" + hidden + "→" + classes + " does not match arrays");
    }
  }

  /**
   * One example's forward pass.
   *
   * @param input the scaled pixels x (the first layer's input, without the bias 1)
   * @param preActivation h = W1 x + b1
   * @param activation a = ReLU(h) (the second layer's input, without the bias 1)
   * @param logits z = W2 a + b2
   */
  public record Activations(double[] input, double[] preActivation, double[] activation, double[] logits) {}

  /** Trains from He-uniform initial weights drawn from {@code config.seed()}. */
  public static Mlp train(LabelledImages data, int classes, MlpTrainingConfig config) {
    return train(data, initial(data.images().size(), classes, config), config);
  }

  /**
   * Trains from {@code start} (a warm start; its shape must match {@code config.hidden()}). The
   * start is not modified.
   */
  public static Mlp train(LabelledImages data, Mlp start, MlpTrainingConfig config) {
    if (start.hidden != config.hidden() || start.inputs != data.images().size()) {
      throw new IllegalArgumentException("start model " + start.inputs + "→" + start.hidden
          + " does not fit " + data.images().size() + " inputs and hidden width " + config.hidden());
    }
    Mlp m = start.copy();
    Images images = data.images();
    int n = data.size();
    int f = m.inputs;
    int h = m.hidden;
    int c = m.classes;
    double[] gw1 = new double[m.w1.length];
    double[] gb1 = new double[h];
    double[] gw2 = new double[m.w2.length];
    double[] gb2 = new double[c];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(config.seed());
    int batchesPerEpoch = (n + config.batchSize() - 1) / config.batchSize();
    long totalSteps = (long) batchesPerEpoch * config.epochs();
    long step = 0;
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      shuffle(order, random);
      for (int start0 = 0; start0 < n; start0 += config.batchSize()) {
        int end = Math.min(n, start0 + config.batchSize());
        Arrays.fill(gw1, 0);
        Arrays.fill(gb1, 0);
        Arrays.fill(gw2, 0);
        Arrays.fill(gb2, 0);
        for (int k = start0; k < end; k++) {
          int i = order[k];
          Activations act = m.activations(images, i);
          double[] d2 = softmax(act.logits);
          d2[data.label(i)] -= 1; // ∂loss/∂z = p − onehot(y)
          double[] d1 = m.hiddenGradient(act, d2);
          accumulate(gw2, gb2, d2, act.activation);
          accumulate(gw1, gb1, d1, act.input);
        }
        double lr = config.learningRate() * (1.0 - (double) step / totalSteps);
        double scale = lr / (end - start0);
        double decay = lr * config.l2();
        update(m.w1, gw1, scale, decay);
        update(m.b1, gb1, scale, decay);
        update(m.w2, gw2, scale, decay);
        update(m.b2, gb2, scale, decay);
        step++;
      }
    }
    return m;
  }

  /** He-uniform weights U(±√(6/fan-in)) and zero biases, from the config's seed alone. */
  static Mlp initial(int inputs, int classes, MlpTrainingConfig config) {
    SplittableRandom random = new SplittableRandom(config.seed() ^ 0x9E3779B97F4A7C15L);
    int h = config.hidden();
    double[] w1 = new double[h * inputs];
    double[] w2 = new double[classes * h];
    double r1 = Math.sqrt(6.0 / inputs);
    double r2 = Math.sqrt(6.0 / h);
    for (int q = 0; q < w1.length; q++) {
      w1[q] = (2 * random.nextDouble() - 1) * r1;
    }
    for (int q = 0; q < w2.length; q++) {
      w2[q] = (2 * random.nextDouble() - 1) * r2;
    }
    return new Mlp(inputs, h, classes, w1, new double[h], w2, new double[classes]);
  }

  /** The forward pass of image {@code i}. */
  public Activations activations(Images images, int i) {
    if (images.size() != inputs) {
      throw new IllegalArgumentException("images have " + images.size() + " pixels, model " + inputs);
    }
    double[] x = new double[inputs];
    for (int j = 0; j < inputs; j++) {
      x[j] = images.pixel(i, j) / PIXEL_SCALE;
    }
    double[] pre = new double[hidden];
    double[] a = new double[hidden];
    for (int u = 0; u < hidden; u++) {
      double s = b1[u];
      int row = u * inputs;
      for (int j = 0; j < inputs; j++) {
        s += w1[row + j] * x[j];
      }
      pre[u] = s;
      a[u] = s > 0 ? s : 0;
    }
    double[] z = new double[classes];
    for (int k = 0; k < classes; k++) {
      double s = b2[k];
      int row = k * hidden;
      for (int u = 0; u < hidden; u++) {
        s += w2[row + u] * a[u];
      }
      z[k] = s;
    }
    return new Activations(x, pre, a, z);
  }

  /**
   * Backpropagates a gradient with respect to the logits to the hidden pre-activations:
   * {@code (W2ᵀ δ) ⊙ [h > 0]}.
   */
  public double[] hiddenGradient(Activations act, double[] logitGradient) {
    double[] d = new double[hidden];
    for (int u = 0; u < hidden; u++) {
      if (act.preActivation[u] > 0) {
        double s = 0;
        for (int k = 0; k < classes; k++) {
          s += w2[k * hidden + u] * logitGradient[k];
        }
        d[u] = s;
      }
    }
    return d;
  }

  /** The logits of image {@code i}. */
  public double[] logits(Images images, int i) {
    return activations(images, i).logits;
  }

  /** The highest-scoring class of image {@code i} (lowest index on ties). */
  public int predict(Images images, int i) {
    return LogisticRegression.argmax(logits(images, i));
  }

  /**
   * The output function attribution explains (docs/attribution.md §1): the margin of class
   * {@code cls}, {@code log p_cls − log(1 − p_cls) = z_cls − log Σ_{c≠cls} e^{z_c}}, in the second
   * form so it stays finite when p_cls rounds to 1.
   */
  public double margin(Images images, int i, int cls) {
    return margin(logits(images, i), cls);
  }

  /** {@link #margin(Images, int, int)} from logits. */
  public static double margin(double[] z, int cls) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < z.length; c++) {
      if (c != cls) {
        max = Math.max(max, z[c]);
      }
    }
    double sum = 0;
    for (int c = 0; c < z.length; c++) {
      if (c != cls) {
        sum += StrictMath.exp(z[c] - max);
      }
    }
    return z[cls] - max - StrictMath.log(sum);
  }

  /**
   * ∂margin/∂z: 1 at {@code cls}, {@code −e^{z_c} / Σ_{j≠cls} e^{z_j}} elsewhere (docs §1).
   */
  public static double[] marginGradient(double[] z, int cls) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < z.length; c++) {
      if (c != cls) {
        max = Math.max(max, z[c]);
      }
    }
    double[] g = new double[z.length];
    double sum = 0;
    for (int c = 0; c < z.length; c++) {
      if (c != cls) {
        g[c] = StrictMath.exp(z[c] - max);
        sum += g[c];
      }
    }
    for (int c = 0; c < z.length; c++) {
      g[c] = c == cls ? 1 : -g[c] / sum;
    }
    return g;
  }

  /** {@link Classifier#softmax}. */
  public static double[] softmax(double[] z) {
    return Classifier.softmax(z);
  }

  /** Number of parameters: both weight matrices and both bias vectors. */
  public int parameterCount() {
    return w1.length + b1.length + w2.length + b2.length;
  }

  /** A deep copy (the record's arrays are mutable). */
  public Mlp copy() {
    return new Mlp(inputs, hidden, classes, w1.clone(), b1.clone(), w2.clone(), b2.clone());
  }

  private static void accumulate(double[] gw, double[] gb, double[] out, double[] in) {
    int f = in.length;
    for (int o = 0; o < out.length; o++) {
      double d = out[o];
      gb[o] += d;
      if (d != 0) {
        int row = o * f;
        for (int j = 0; j < f; j++) {
          gw[row + j] += d * in[j];
        }
      }
    }
  }

  private static void update(double[] w, double[] g, double scale, double decay) {
    for (int q = 0; q < w.length; q++) {
      w[q] -= scale * g[q] + decay * w[q];
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

  @Override
  public boolean equals(Object o) {
    return o instanceof Mlp m && m.inputs == inputs && m.hidden == hidden && m.classes == classes
        && Arrays.equals(m.w1, w1) && Arrays.equals(m.b1, b1) && Arrays.equals(m.w2, w2) && Arrays.equals(m.b2, b2);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(w1) * 31 + Arrays.hashCode(w2);
  }

  @Override
  public String toString() {
    return "Mlp[" + inputs + "→" + hidden + "→" + classes + "]";
  }
}

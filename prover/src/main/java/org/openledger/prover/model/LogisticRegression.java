package org.openledger.prover.model;

import java.util.SplittableRandom;

import org.openledger.prover.data.Images;
import org.openledger.prover.data.LabelledImages;

/**
 * Multinomial logistic regression (softmax over {@code classes} linear scores) on pixel features
 * scaled to [0, 1]. {@code weights} is row-major {@code classes × features}; the arrays are owned by
 * this record.
 */
public record LogisticRegression(int classes, int features, double[] weights, double[] bias) implements Classifier {

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

  /**
   * Minimises mean cross-entropy + λ/2·‖W‖² over the examples {@code examples} of {@code data} with
   * full-batch L-BFGS until the gradient's Euclidean norm is at most the tolerance. Deterministic
   * (sequential double arithmetic, no randomness), and started from {@code warmStart} when given —
   * influence evaluation retrains on many subsets and starts each from the full model.
   *
   * @throws NotConvergedException when {@code maxIterations} pass or the line search stalls first
   */
  public static Fit trainToConvergence(
      LabelledImages data, int[] examples, int classes, Convergence config, LogisticRegression warmStart) {
    return trainToConvergence(data, examples, classes, config, warmStart, null);
  }

  /**
   * As {@link #trainToConvergence(LabelledImages, int[], int, Convergence, LogisticRegression)}, with
   * {@code preconditioner} as L-BFGS's initial inverse Hessian (null: the usual scaled identity). A
   * close one — the full model's inverse Hessian when retraining on a subset — cuts the steps
   * several-fold; it changes the path, not the optimum.
   */
  public static Fit trainToConvergence(LabelledImages data, int[] examples, int classes, Convergence config,
      LogisticRegression warmStart, Preconditioner preconditioner) {
    Objective objective = new Objective(data, examples, classes, config.l2());
    int f = objective.features;
    int d = classes * f + classes;
    double[] theta = new double[d];
    if (warmStart != null) {
      if (warmStart.classes != classes || warmStart.features != f) {
        throw new IllegalArgumentException("warm start is " + warmStart.classes + "×" + warmStart.features
            + ", data needs " + classes + "×" + f);
      }
      System.arraycopy(warmStart.weights, 0, theta, 0, classes * f);
      System.arraycopy(warmStart.bias, 0, theta, classes * f, classes);
    }
    int m = config.history();
    double[][] s = new double[m][];
    double[][] y = new double[m][];
    double[] rho = new double[m];
    double[] alpha = new double[m];
    double[] grad = new double[d];
    double value = objective.evaluate(theta, grad);
    double[] next = new double[d];
    double[] nextGrad = new double[d];
    double[] dir = new double[d];
    int stored = 0;
    int newest = -1;
    for (int iteration = 0; ; iteration++) {
      double gnorm = Math.sqrt(dot(grad, grad));
      if (gnorm <= config.gradientTolerance()) {
        return new Fit(objective.model(theta), iteration, gnorm, value);
      }
      if (iteration == config.maxIterations()) {
        throw new NotConvergedException(iteration, gnorm, config.gradientTolerance());
      }
      // two-loop recursion: dir = −H_k ∇, H_0 = (sᵀy / yᵀy)·I
      for (int q = 0; q < d; q++) {
        dir[q] = -grad[q];
      }
      for (int back = 0; back < stored; back++) {
        int h = Math.floorMod(newest - back, m);
        alpha[h] = rho[h] * dot(s[h], dir);
        axpy(-alpha[h], y[h], dir);
      }
      if (preconditioner != null) {
        preconditioner.apply(dir.clone(), dir);
      } else if (stored > 0) {
        double gamma = dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
        for (int q = 0; q < d; q++) {
          dir[q] *= gamma;
        }
      } else {
        double scale = 1 / Math.max(1, gnorm);
        for (int q = 0; q < d; q++) {
          dir[q] *= scale;
        }
      }
      for (int back = stored - 1; back >= 0; back--) {
        int h = Math.floorMod(newest - back, m);
        double beta = rho[h] * dot(y[h], dir);
        axpy(alpha[h] - beta, s[h], dir);
      }
      double slope = dot(grad, dir);
      if (!(slope < 0)) { // lost descent (round-off near the optimum): restart from steepest descent
        stored = 0;
        for (int q = 0; q < d; q++) {
          dir[q] = -grad[q] / Math.max(1, gnorm);
        }
        slope = dot(grad, dir);
      }
      // Armijo backtracking from the unit step, the step L-BFGS is scaled for
      double step = 1;
      double nextValue;
      int halvings = 0;
      while (true) {
        for (int q = 0; q < d; q++) {
          next[q] = theta[q] + step * dir[q];
        }
        nextValue = objective.evaluate(next, nextGrad);
        if (nextValue <= value + 1e-4 * step * slope) {
          break;
        }
        // Near the optimum the decrease drops below the objective's round-off; there a step that
        // does not raise the objective beyond round-off and shrinks the gradient is progress.
        if (nextValue <= value + 1e-14 * Math.abs(value) && dot(nextGrad, nextGrad) < gnorm * gnorm) {
          break;
        }
        if (++halvings == 40) {
          throw new NotConvergedException(iteration, gnorm, config.gradientTolerance());
        }
        step /= 2;
      }
      int slot = (newest + 1) % m;
      double[] sNew = s[slot] == null ? new double[d] : s[slot];
      double[] yNew = y[slot] == null ? new double[d] : y[slot];
      for (int q = 0; q < d; q++) {
        sNew[q] = next[q] - theta[q];
        yNew[q] = nextGrad[q] - grad[q];
      }
      double sy = dot(sNew, yNew);
      if (sy > 0) { // strictly convex objective: only round-off can break the curvature condition
        s[slot] = sNew;
        y[slot] = yNew;
        rho[slot] = 1 / sy;
        newest = slot;
        stored = Math.min(stored + 1, m);
      }
      double[] t = theta;
      theta = next;
      next = t;
      t = grad;
      grad = nextGrad;
      nextGrad = t;
      value = nextValue;
    }
  }

  /** As {@link #trainToConvergence(LabelledImages, int[], int, Convergence, LogisticRegression)} on every example, from zero. */
  public static Fit trainToConvergence(LabelledImages data, int classes, Convergence config) {
    int[] all = new int[data.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return trainToConvergence(data, all, classes, config, null);
  }

  /**
   * What decides a converged fit.
   *
   * @param l2 λ of the objective mean cross-entropy + λ/2·‖W‖² (biases undamped)
   * @param gradientTolerance stop when the objective's gradient has at most this Euclidean norm
   * @param maxIterations give up (with {@link NotConvergedException}) after this many L-BFGS steps
   * @param history L-BFGS memory: the curvature pairs kept
   */
  public record Convergence(double l2, double gradientTolerance, int maxIterations, int history) {
    public Convergence {
      if (!(l2 > 0) || !(gradientTolerance > 0) || maxIterations <= 0 || history <= 0) {
        throw new IllegalArgumentException("invalid convergence config " + this);
      }
    }

    /**
     * λ = 10⁻²: on Fashion-MNIST it raised every LDS over 10⁻³ (2×2-pooled, 800 examples: exact
     * influence 0.894 → 0.941, basis k = 256 0.876 → 0.929) at the same test accuracy; ‖∇‖ ≤ 10⁻⁶
     * puts the retrained outputs far inside what LDS ranks.
     */
    public static Convergence defaults() {
      return new Convergence(1e-2, 1e-6, 5_000, 20);
    }
  }

  /** An approximation {@code P ≈ ∇²J⁻¹} (symmetric positive definite) in the gradient layout: weights row-major, then biases. */
  @FunctionalInterface
  public interface Preconditioner {
    /** {@code out = P · v}; {@code v} is not modified. */
    void apply(double[] v, double[] out);
  }

  /** A converged fit: the model, the L-BFGS steps taken, and the final gradient norm and objective. */
  public record Fit(LogisticRegression model, int iterations, double gradientNorm, double objective) {}

  /** L-BFGS did not reach the gradient tolerance. */
  public static final class NotConvergedException extends RuntimeException {
    public NotConvergedException(int iterations, double gradientNorm, double tolerance) {
      super("L-BFGS stopped after " + iterations + " steps at gradient norm " + gradientNorm
          + " > tolerance " + tolerance + " (raise maxIterations or λ)");
    }
  }

  /** Mean cross-entropy + λ/2·‖W‖² over a set of examples; parameters are weights row-major, then biases. */
  private static final class Objective {
    final int classes;
    final int features;
    final double l2;
    final double[] x; // examples × features, pixels / 255
    final int[] labels;

    Objective(LabelledImages data, int[] examples, int classes, double l2) {
      if (examples.length == 0) {
        throw new IllegalArgumentException("no examples to train on");
      }
      this.classes = classes;
      this.features = data.images().size();
      this.l2 = l2;
      this.x = new double[examples.length * features];
      this.labels = new int[examples.length];
      for (int e = 0; e < examples.length; e++) {
        for (int j = 0; j < features; j++) {
          x[e * features + j] = data.images().pixel(examples[e], j) / PIXEL_SCALE;
        }
        labels[e] = data.label(examples[e]);
        if (labels[e] >= classes) {
          throw new IllegalArgumentException("label " + labels[e] + " of example " + examples[e] + " ≥ " + classes);
        }
      }
    }

    double evaluate(double[] theta, double[] grad) {
      int f = features;
      int n = labels.length;
      int biasAt = classes * f;
      java.util.Arrays.fill(grad, 0);
      double[] z = new double[classes];
      double loss = 0;
      for (int e = 0; e < n; e++) {
        int xo = e * f;
        for (int c = 0; c < classes; c++) {
          z[c] = theta[biasAt + c] + dot(theta, c * f, x, xo, f);
        }
        double max = z[argmax(z)];
        int label = labels[e];
        double labelLogit = z[label] - max;
        double sum = 0;
        for (int c = 0; c < classes; c++) {
          z[c] = StrictMath.exp(z[c] - max);
          sum += z[c];
        }
        loss += StrictMath.log(sum) - labelLogit;
        for (int c = 0; c < classes; c++) {
          double delta = z[c] / sum - (c == label ? 1 : 0);
          grad[biasAt + c] += delta;
          int row = c * f;
          for (int j = 0; j < f; j++) {
            grad[row + j] += delta * x[xo + j];
          }
        }
      }
      double penalty = 0;
      for (int q = 0; q < d(); q++) {
        grad[q] /= n;
        if (q < biasAt) {
          grad[q] += l2 * theta[q];
          penalty += theta[q] * theta[q];
        }
      }
      return loss / n + l2 / 2 * penalty;
    }

    private int d() {
      return classes * features + classes;
    }

    LogisticRegression model(double[] theta) {
      return new LogisticRegression(classes, features,
          java.util.Arrays.copyOf(theta, classes * features),
          java.util.Arrays.copyOfRange(theta, classes * features, d()));
    }
  }

  private static double dot(double[] a, double[] b) {
    return dot(a, 0, b, 0, a.length);
  }

  /** Four partial sums: the JIT does not reorder floating-point reductions, so this is ~3× a plain loop. */
  private static double dot(double[] a, int ao, double[] b, int bo, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = 0;
    for (; j + 3 < n; j += 4) {
      s0 += a[ao + j] * b[bo + j];
      s1 += a[ao + j + 1] * b[bo + j + 1];
      s2 += a[ao + j + 2] * b[bo + j + 2];
      s3 += a[ao + j + 3] * b[bo + j + 3];
    }
    for (; j < n; j++) {
      s0 += a[ao + j] * b[bo + j];
    }
    return (s0 + s1) + (s2 + s3);
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int q = 0; q < y.length; q++) {
      y[q] += a * x[q];
    }
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

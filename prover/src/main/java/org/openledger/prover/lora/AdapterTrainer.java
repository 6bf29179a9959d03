package org.openledger.prover.lora;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.openledger.prover.data.LabelledImages;

/**
 * Fine-tunes a LoRA adapter on labelled images with the base frozen: seeded mini-batch SGD on the
 * mean cross-entropy, A initialised Kaiming-uniform and B at zero as in LoRA (the adapted model
 * starts as the base). Bit-reproducible: per-example gradients are computed in parallel but summed
 * in example order.
 */
public final class AdapterTrainer {
  private AdapterTrainer() {}

  /**
   * @param rank r on every layer
   * @param alpha the scale is {@code alpha / rank}
   */
  public record Config(int rank, float alpha, int epochs, int batchSize, double learningRate, long seed) {
    public Config {
      if (rank < 1 || epochs < 1 || batchSize < 1 || !(learningRate > 0) || !(alpha > 0)) throw new IllegalArgumentException("invalid adapter training config " + this);
    }

    /** Rank 8, α = 16, 30 epochs of batches of 32 at η = 0.05 (what the devnet test and the measurement use). */
    public static Config defaults() {
      return new Config(8, 16, 30, 32, 0.05, 2026);
    }
  }

  public static LoraAdapter train(BaseMlp base, LabelledImages data, Config c) {
    if (data.size() == 0) throw new IllegalArgumentException("no examples to fine-tune on");
    SplittableRandom random = new SplittableRandom(c.seed());
    int layers = base.layers().size();
    double[][] a = new double[layers][], b = new double[layers][];
    for (int l = 0; l < layers; l++) {
      DenseLayer d = base.layers().get(l);
      a[l] = new double[c.rank() * d.in()];
      b[l] = new double[d.out() * c.rank()];
      double range = Math.sqrt(3.0 / d.in());
      for (int i = 0; i < a[l].length; i++) a[l][i] = (2 * random.nextDouble() - 1) * range;
    }
    float[][] inputs = new float[data.size()][];
    for (int i = 0; i < inputs.length; i++) inputs[i] = BaseMlp.pixels(data, i);
    int[] order = IntStream.range(0, data.size()).toArray();
    for (int epoch = 0; epoch < c.epochs(); epoch++) {
      for (int i = order.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1), t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (int start = 0; start < order.length; start += c.batchSize()) {
        int end = Math.min(order.length, start + c.batchSize()), from = start;
        LoraGradient g = new LoraGradient(base, adapter(base, a, b, c));
        LoraGradient.Factored[] f = new LoraGradient.Factored[end - start];
        IntStream.range(start, end).parallel().forEach(i -> f[i - from] = g.negativeLossFactors(inputs[order[i]], data.label(order[i])));
        double step = c.learningRate() / f.length;
        for (LoraGradient.Factored x : f) {
          for (int l = 0; l < layers; l++) {
            LoraGradient.Factors y = x.layers().get(l);
            addOuter(a[l], y.aOut(), y.aIn(), step);
            addOuter(b[l], y.bOut(), y.bIn(), step);
          }
        }
      }
    }
    return adapter(base, a, b, c);
  }

  /** {@code m += step · out ⊗ in}: ascent on the negative loss. */
  private static void addOuter(double[] m, double[] out, double[] in, double step) {
    for (int o = 0; o < out.length; o++) {
      double so = step * out[o];
      if (so == 0) continue;
      for (int i = 0; i < in.length; i++) m[o * in.length + i] += so * in[i];
    }
  }

  private static LoraAdapter adapter(BaseMlp base, double[][] a, double[][] b, Config c) {
    List<LoraLayer> out = new ArrayList<>();
    for (int l = 0; l < a.length; l++) {
      DenseLayer d = base.layers().get(l);
      out.add(new LoraLayer(c.rank(), d.in(), d.out(), c.alpha() / c.rank(), toFloat(a[l]), toFloat(b[l])));
    }
    return new LoraAdapter(out);
  }

  private static float[] toFloat(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
    return f;
  }
}

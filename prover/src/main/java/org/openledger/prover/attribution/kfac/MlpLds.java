package org.openledger.prover.attribution.kfac;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.openledger.compute.ComputeBackend;
import org.openledger.compute.ComputeBackends;
import org.openledger.compute.features.LayerGradients;
import org.openledger.compute.linalg.FloatMatrix;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.FashionMnist.Split;
import org.openledger.prover.data.Images;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.model.Mlp;
import org.openledger.prover.model.MlpTrainingConfig;

/**
 * Linear datamodeling score for the MLP (TRAK's LDS): for random 50% subsets S_m of the training
 * set, the model is retrained on S_m and the margin of each test point's returned class (returned
 * by the full model) is measured; the prediction for S_m is {@code Σ_{i∈S_m} τ_i}. LDS is the
 * Spearman correlation between prediction and measurement over the subsets, averaged over the
 * test points.
 *
 * <p>The pieces are separate so another harness can reuse them: {@link #halfSubsets},
 * {@link #retrainedMargins}, and {@link #lds(FloatMatrix, boolean[][], double[][])}, which takes
 * any t × n score matrix.
 */
public final class MlpLds {

  /**
   * @param subsets how many random half subsets are retrained
   * @param seed draws the subsets
   * @param warmStart retrain each subset from the full model's weights instead of from the seeded
   *     initialisation (the response influence functions model most directly, Bae et al. 2022)
   */
  public record Config(int subsets, long seed, boolean warmStart) {
    public Config {
      if (subsets < 3) {
        throw new IllegalArgumentException("a rank correlation needs at least 3 subsets, got " + subsets);
      }
    }
  }

  /** LDS of each attribution method, measured against the same retrained models. */
  public record Result(int train, int test, int subsets, double testAccuracy, Map<String, Double> lds, List<String> bases) {
    @Override
    public String toString() {
      StringBuilder b = new StringBuilder(String.format("MLP LDS: %d train, %d test points, %d half subsets, test accuracy %.3f%n",
          train, test, subsets, testAccuracy));
      lds.forEach((name, v) -> b.append(String.format("  %-36s %.3f%n", name, v)));
      bases.forEach(d -> b.append("  ").append(d).append(System.lineSeparator()));
      return b.toString();
    }
  }

  private MlpLds() {}

  /**
   * Trains on {@code train}, retrains on {@code config.subsets()} halves, and scores K-FAC-basis
   * influence at each rank in {@code bases} against gradient-dot, all on the same retrained models.
   */
  public static Result run(ComputeBackend backend, LabelledImages train, LabelledImages test, MlpTrainingConfig training,
      List<KfacConfig> bases, Config config) {
    Mlp model = Mlp.train(train, FashionMnist.CLASSES, training);
    int t = test.size();
    int[] examples = new int[t];
    int[] classes = new int[t];
    for (int r = 0; r < t; r++) {
      examples[r] = r;
      classes[r] = model.predict(test.images(), r);
    }
    Map<String, FloatMatrix> scores = new LinkedHashMap<>();
    List<String> described = new ArrayList<>();
    for (KfacConfig kc : bases) {
      KfacAttribution a = KfacAttribution.build(backend, model, train, kc);
      described.add(describe(a.basis()));
      FloatMatrix q = a.queryFeatures(backend, test.images(), examples, classes);
      String name = (kc.rank() == KfacConfig.ALL_PAIRS ? "EK-FAC, all pairs" : "K-FAC basis, k=" + a.basis().rank())
          + " λ=" + kc.damping();
      scores.put(name, a.exampleScores(backend, q));
      if (kc.rank() != KfacConfig.ALL_PAIRS) {
        scores.put(name + ", int16", int16Scores(q, a.trainingFeatures()));
      }
    }
    List<LayerGradients> queries = MlpGradients.marginGradients(model, test.images(), examples, classes);
    scores.put("gradient-dot", GradientDot.scores(backend, queries, MlpGradients.negativeLossGradients(model, train, 0, train.size())));

    boolean[][] masks = halfSubsets(train.size(), config.subsets(), config.seed());
    double[][] actual = retrainedMargins(train, masks, training, config.warmStart() ? model : null, test.images(), examples, classes);
    Map<String, Double> lds = new LinkedHashMap<>();
    scores.forEach((name, s) -> lds.put(name, lds(s, masks, actual)));
    return new Result(train.size(), t, config.subsets(), model.accuracy(test), lds, described);
  }

  /** Rows per layer, distinct factor vectors per layer, and the largest row as published (values). */
  static String describe(KfacBasis basis) {
    int[] rows = new int[basis.layers().size()];
    int largest = 0;
    for (int r = 0; r < basis.rank(); r++) {
      rows[basis.rows().get(r).layer()]++;
      largest = Math.max(largest, basis.rowValues(r));
    }
    StringBuilder b = new StringBuilder("k=" + basis.rank() + ":");
    for (int l = 0; l < rows.length; l++) {
      KfacBasis.Layer layer = basis.layers().get(l);
      b.append(String.format(" layer %d: %d rows from %d out × %d in vectors;", l, rows[l],
          layer.outFactors().rows(), layer.inFactors().rows()));
    }
    return b.append(" largest row ").append(largest).append(" values").toString();
  }

  /**
   * Exact integer scores after int16 quantization as docs/attribution.md §3 does it — one
   * power-of-two scale for all training vectors, one per query — returned as floats for
   * {@link #lds}: what quantization alone costs, before the MLP's integer gradient spec exists.
   */
  public static FloatMatrix int16Scores(FloatMatrix queries, FloatMatrix train) {
    short[] u = quantize(train.data(), 0, train.data().length);
    int k = train.cols();
    float[] out = new float[Math.multiplyExact(queries.rows(), train.rows())];
    for (int r = 0; r < queries.rows(); r++) {
      short[] psi = quantize(queries.data(), r * k, (r + 1) * k);
      for (int i = 0; i < train.rows(); i++) {
        long s = 0;
        for (int j = 0; j < k; j++) {
          s += (long) psi[j] * u[i * k + j];
        }
        out[r * train.rows() + i] = s;
      }
    }
    return new FloatMatrix(queries.rows(), train.rows(), out);
  }

  /** values[from, to) at the largest power-of-two scale that keeps them within ±32767, rounded half up. */
  private static short[] quantize(float[] values, int from, int to) {
    double maxAbs = 0;
    for (int q = from; q < to; q++) {
      maxAbs = Math.max(maxAbs, Math.abs(values[q]));
    }
    int e = maxAbs == 0 ? 0 : Math.getExponent(Short.MAX_VALUE / maxAbs);
    short[] out = new short[to - from];
    for (int q = from; q < to; q++) {
      out[q - from] = (short) Math.floor(Math.scalb((double) values[q], e) + 0.5);
    }
    return out;
  }

  /** {@code subsets} masks, each selecting exactly ⌊n/2⌋ examples at random. */
  public static boolean[][] halfSubsets(int n, int subsets, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    boolean[][] masks = new boolean[subsets][n];
    int[] order = new int[n];
    for (int m = 0; m < subsets; m++) {
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
      }
      for (int i = 0; i < n / 2; i++) {
        masks[m][order[i]] = true;
      }
    }
    return masks;
  }

  /** The examples {@code mask} selects, in their original order. */
  public static LabelledImages subset(LabelledImages data, boolean[] mask) {
    Images images = data.images();
    int size = images.size();
    int count = 0;
    for (boolean b : mask) {
      count += b ? 1 : 0;
    }
    byte[] pixels = new byte[count * size];
    byte[] labels = new byte[count];
    int o = 0;
    for (int i = 0; i < mask.length; i++) {
      if (mask[i]) {
        System.arraycopy(images.pixels(), i * size, pixels, o * size, size);
        labels[o++] = data.labels()[i];
      }
    }
    return new LabelledImages(new Images(count, images.rows(), images.cols(), pixels), labels);
  }

  /**
   * t × m: the margin of {@code classes[r]} at {@code examples[r]} under the model retrained on
   * subset m — from {@code start} when given (warm start), else from the config's seeded
   * initialisation.
   */
  public static double[][] retrainedMargins(LabelledImages train, boolean[][] masks, MlpTrainingConfig training, Mlp start,
      Images queries, int[] examples, int[] classes) {
    double[][] actual = new double[examples.length][masks.length];
    for (int m = 0; m < masks.length; m++) {
      LabelledImages half = subset(train, masks[m]);
      Mlp retrained = start == null ? Mlp.train(half, FashionMnist.CLASSES, training) : Mlp.train(half, start, training);
      for (int r = 0; r < examples.length; r++) {
        actual[r][m] = retrained.margin(queries, examples[r], classes[r]);
      }
    }
    return actual;
  }

  /** Mean over queries r of Spearman({@code Σ_{i∈S_m} scores[r][i]}, {@code actual[r][m]}) over subsets m. */
  public static double lds(FloatMatrix scores, boolean[][] masks, double[][] actual) {
    if (scores.rows() != actual.length || masks.length == 0 || scores.cols() != masks[0].length) {
      throw new IllegalArgumentException("scores " + scores + " do not match " + actual.length + " queries and "
          + masks.length + " masks");
    }
    double sum = 0;
    for (int r = 0; r < scores.rows(); r++) {
      double[] predicted = new double[masks.length];
      for (int m = 0; m < masks.length; m++) {
        double s = 0;
        for (int i = 0; i < scores.cols(); i++) {
          if (masks[m][i]) {
            s += scores.get(r, i);
          }
        }
        predicted[m] = s;
      }
      sum += spearman(predicted, actual[r]);
    }
    return sum / scores.rows();
  }

  /** Spearman's rank correlation (Pearson on ranks, ties sharing their mean rank); 0 if either side is constant. */
  public static double spearman(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(x.length + " vs " + y.length + " values");
    }
    double[] rx = ranks(x);
    double[] ry = ranks(y);
    double mx = Arrays.stream(rx).average().orElse(0);
    double my = Arrays.stream(ry).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (rx[i] - mx) * (ry[i] - my);
      sxx += (rx[i] - mx) * (rx[i] - mx);
      syy += (ry[i] - my) * (ry[i] - my);
    }
    return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
  }

  private static double[] ranks(double[] v) {
    Integer[] idx = new Integer[v.length];
    for (int i = 0; i < v.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
    double[] r = new double[v.length];
    int i = 0;
    while (i < v.length) {
      int j = i;
      while (j + 1 < v.length && v[idx[j + 1]] == v[idx[i]]) {
        j++;
      }
      double mean = (i + j) / 2.0;
      for (int q = i; q <= j; q++) {
        r[idx[q]] = mean;
      }
      i = j + 1;
    }
    return r;
  }

  /**
   * {@code MlpLds [train] [test] [subsets] [epochs] [warm|scratch] [k…]}: the first {@code train} /
   * {@code test} examples of the shipped subset (or Debian's full set when {@code train > 2000}).
   */
  public static void main(String[] args) throws IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int t = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int m = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    int epochs = args.length > 3 ? Integer.parseInt(args[3]) : MlpTrainingConfig.defaults().epochs();
    boolean warm = args.length > 4 && args[4].equals("warm");
    double damping = args.length > 5 ? Double.parseDouble(args[5]) : 1e-3;
    List<KfacConfig> bases = new ArrayList<>();
    for (int q = 6; q < args.length; q++) {
      bases.add(new KfacConfig(args[q].equals("all") ? KfacConfig.ALL_PAIRS : Integer.parseInt(args[q]), damping));
    }
    if (bases.isEmpty()) {
      bases = List.of(new KfacConfig(512, damping), new KfacConfig(KfacConfig.ALL_PAIRS, damping));
    }
    LabelledImages train = n > FashionMnist.SHIPPED_TRAIN
        ? FashionMnist.load(FashionMnist.DEBIAN_DIR, Split.TRAIN) : FashionMnist.shipped(Split.TRAIN);
    LabelledImages test = FashionMnist.shipped(Split.TEST);
    try (ComputeBackend backend = ComputeBackends.open()) {
      Result r = run(backend, train.first(n), test.first(t), MlpTrainingConfig.defaults().withEpochs(epochs), bases,
          new Config(m, 1, warm));
      System.out.print(r);
    }
  }
}

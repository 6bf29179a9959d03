package org.openledger.prover.eval;

import java.util.ArrayList;
import java.util.List;

import org.openledger.compute.ComputeBackend;
import org.openledger.compute.features.LayerGradients;
import org.openledger.compute.linalg.FloatMatrix;
import org.openledger.prover.attribution.Groups;
import org.openledger.prover.attribution.Quantization;
import org.openledger.prover.attribution.kfac.GradientDot;
import org.openledger.prover.attribution.kfac.KfacAttribution;
import org.openledger.prover.attribution.kfac.KfacBasis;
import org.openledger.prover.attribution.kfac.KfacConfig;
import org.openledger.prover.attribution.kfac.MlpGradients;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.LdsEvaluation.Row;
import org.openledger.prover.model.Mlp;
import org.openledger.prover.model.MlpTrainingConfig;

/**
 * The MLP's LDS at example and contributor level (TRAK's linear datamodeling score, as
 * {@link LdsEvaluation} measures it for logistic regression): random halves of the examples, and of
 * the contributors owning them, are retrained, and each test output's retrained margin (at the
 * full model's class) is ranked against the influence each scorer predicts for the half.
 *
 * <p>Scorers: the K-FAC whitened basis at each rank (float, and int16 as a proof carries it — at
 * contributor level the int16 operand is the quantized <em>sum</em> of the contributor's features,
 * as an index leaf is), all EK-FAC pairs when asked (the exact EK-FAC influence, a reference only),
 * and gradient-dot.
 */
public final class MlpLdsEvaluation {
  private MlpLdsEvaluation() {}

  /**
   * @param warmStart retrain each half from the full model's weights instead of from the seeded
   *     initialisation (the response influence functions model most directly, Bae et al. 2022)
   * @param proofLeaves M, the leaves a proof carries, for the size column
   */
  public record Config(int contributors, int subsets, long seed, boolean warmStart, int threads, int proofLeaves) {
    public Config {
      if (contributors < 2 || subsets < 3 || threads < 1 || proofLeaves < 1) {
        throw new IllegalArgumentException("invalid MLP LDS config " + this);
      }
    }
  }

  /** Every scorer's row, the full model's test accuracy, and each basis described (rows per layer, largest row). */
  public record Result(List<Row> rows, double testAccuracy, int retrainings, List<String> bases) {}

  /** Trains on {@code train}, builds each basis, retrains at both levels, and scores every scorer against the same retrainings. */
  public static Result run(ComputeBackend backend, LabelledImages train, LabelledImages test, MlpTrainingConfig training,
      List<KfacConfig> bases, Config config, Progress progress) {
    if (config.contributors() > train.size()) {
      throw new IllegalArgumentException(config.contributors() + " contributors for " + train.size() + " examples");
    }
    progress.phase("train full model", 0);
    Mlp model = Mlp.train(train, FashionMnist.CLASSES, training);
    int t = test.size();
    int[] examples = new int[t];
    int[] classes = new int[t];
    for (int r = 0; r < t; r++) {
      examples[r] = r;
      classes[r] = model.predict(test.images(), r);
    }
    Groups single = Groups.examples(train.size());
    Groups owners = Groups.contributors(train.size(), config.contributors(), config.seed());

    List<Scored> scored = new ArrayList<>();
    List<String> described = new ArrayList<>();
    for (KfacConfig kc : bases) {
      progress.phase("K-FAC basis, k = " + (kc.rank() == KfacConfig.ALL_PAIRS ? "all pairs" : kc.rank()), 0);
      KfacAttribution a = KfacAttribution.build(backend, model, train, kc);
      described.add(describe(a.basis()));
      FloatMatrix q = a.queryFeatures(backend, test.images(), examples, classes);
      FloatMatrix perExample = a.exampleScores(backend, q);
      boolean all = kc.rank() == KfacConfig.ALL_PAIRS;
      String name = (all ? "EK-FAC, all pairs" : "K-FAC basis") + " λ=" + kc.damping();
      int k = all ? 0 : a.basis().rank();
      scored.add(new Scored(name, k, Quantization.FLOAT, toDouble(perExample), perContributor(perExample, owners)));
      if (!all) {
        FloatMatrix contributorVectors = a.contributorVectors(owners.groupOf(), owners.count());
        scored.add(new Scored(name, k, Quantization.INT16, toDouble(int16Scores(q, a.trainingFeatures())),
            toDouble(int16Scores(q, contributorVectors))));
      }
    }
    List<LayerGradients> queries = MlpGradients.marginGradients(model, test.images(), examples, classes);
    FloatMatrix dot = GradientDot.scores(backend, queries, MlpGradients.negativeLossGradients(model, train, 0, train.size()));
    scored.add(new Scored("gradient-dot", 0, Quantization.FLOAT, toDouble(dot), perContributor(dot, owners)));

    RetrainedSubsets.Retraining retraining = chosen -> {
      LabelledImages half = train.select(chosen);
      Mlp retrained = config.warmStart() ? Mlp.train(half, model, training) : Mlp.train(half, FashionMnist.CLASSES, training);
      double[] margins = new double[t];
      for (int r = 0; r < t; r++) {
        margins[r] = retrained.margin(test.images(), examples[r], classes[r]);
      }
      return new RetrainedSubsets.Retraining.Fit(margins, training.epochs());
    };
    progress.phase("retrain on example subsets", config.subsets());
    RetrainedSubsets exampleLevel = RetrainedSubsets.retrain(single, t, config.subsets(), config.seed() * 31 + 1,
        config.threads(), progress, retraining);
    progress.phase("retrain on contributor subsets", config.subsets());
    RetrainedSubsets contributorLevel = RetrainedSubsets.retrain(owners, t, config.subsets(), config.seed() * 31 + 2,
        config.threads(), progress, retraining);

    List<Row> rows = new ArrayList<>();
    for (Scored s : scored) {
      int bytes = s.k() == 0 ? 0 : ProofSize.bytes(s.k(), s.quantization(), config.proofLeaves(), config.contributors());
      rows.add(new Row(s.name(), s.k(), s.quantization(), exampleLevel.lds(s.examples()),
          contributorLevel.lds(s.contributors()), bytes));
    }
    return new Result(rows, model.accuracy(test), 2 * config.subsets(), described);
  }

  /** One scorer's influence, t × n per example and t × contributors per contributor. */
  private record Scored(String name, int k, Quantization quantization, double[] examples, double[] contributors) {}

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
   * power-of-two scale for all vectors, one per query — as floats: what quantization costs.
   */
  public static FloatMatrix int16Scores(FloatMatrix queries, FloatMatrix vectors) {
    short[] u = quantize(vectors.data(), 0, vectors.data().length);
    int k = vectors.cols();
    float[] out = new float[Math.multiplyExact(queries.rows(), vectors.rows())];
    for (int r = 0; r < queries.rows(); r++) {
      short[] psi = quantize(queries.data(), r * k, (r + 1) * k);
      for (int i = 0; i < vectors.rows(); i++) {
        long s = 0;
        for (int j = 0; j < k; j++) {
          s += (long) psi[j] * u[i * k + j];
        }
        out[r * vectors.rows() + i] = s;
      }
    }
    return new FloatMatrix(queries.rows(), vectors.rows(), out);
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

  private static double[] toDouble(FloatMatrix m) {
    double[] d = new double[m.data().length];
    for (int q = 0; q < d.length; q++) {
      d[q] = m.data()[q];
    }
    return d;
  }

  /** t × n per-example scores summed per contributor, t × contributors: first-order group influence is additive. */
  private static double[] perContributor(FloatMatrix scores, Groups owners) {
    int t = scores.rows(), n = scores.cols(), g = owners.count();
    double[] out = new double[Math.multiplyExact(t, g)];
    for (int r = 0; r < t; r++) {
      for (int i = 0; i < n; i++) {
        out[r * g + owners.groupOf()[i]] += scores.data()[r * n + i];
      }
    }
    return out;
  }
}

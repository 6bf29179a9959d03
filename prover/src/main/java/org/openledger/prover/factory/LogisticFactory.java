package org.openledger.prover.factory;

import java.util.ArrayList;
import java.util.List;
import org.openledger.compute.ComputeBackend;
import org.openledger.compute.linalg.DoubleMatrix;
import org.openledger.contracts.attribution.BasisRows;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.prover.attribution.DampedHessian;
import org.openledger.prover.attribution.Dense;
import org.openledger.prover.attribution.Gradients;
import org.openledger.prover.attribution.HessianEigen;
import org.openledger.prover.attribution.WhitenedPcaBasis;
import org.openledger.prover.attribution.index.AttributionIndex;
import org.openledger.prover.attribution.index.IndexBuilder;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.Progress;
import org.openledger.prover.model.FixedPointClassifier;
import org.openledger.prover.model.LogisticRegression;
import org.openledger.prover.model.LogisticRegression.Convergence;
import org.openledger.prover.proof.VersionArtifacts;

/**
 * The ModelFactory pipeline for a logistic-regression version (DESIGN §6 "Index"): train to
 * convergence on the datanets' accepted contributions, quantize the weights, build the damped
 * Hessian, the whitened-PCA basis and the integer index, and score the committed (integer) model on
 * the job's evaluation set. Deterministic: an attester running it on the same data gets the same
 * artifacts, which is what it attests.
 */
public final class LogisticFactory {
  private LogisticFactory() {}

  /**
   * @param rank basis rank k (capped at the number of training examples)
   * @param damping λ added to the Hessian
   */
  public record Config(int rank, double damping, Convergence convergence) {
    public Config {
      if (rank < 1 || !(damping > 0)) throw new IllegalArgumentException("invalid factory config " + this);
    }

    /** k = 128 and the Hessian damped by the training L2 (the objective's own curvature): the demo's defaults. */
    public static Config defaults() {
      Convergence c = Convergence.defaults();
      return new Config(128, c.l2(), c);
    }
  }

  /**
   * What a trainer delivers: the artifacts, the version's scale {@code 2^{e_U}}, the committed
   * model's evaluation score in basis points, and every blob a content store needs (weights,
   * basis, index, contributions roots).
   */
  public record Built(VersionArtifacts artifacts, long scale, int evaluationScoreBp, List<byte[]> blobs, LogisticRegression model) {}

  public static Built build(TrainingSet set, LabelledImages evaluation, int classes, Config config, ComputeBackend backend, Dense dense,
      Progress progress) {
    LabelledImages train = set.examples();
    int n = train.size();
    int[] all = new int[n];
    for (int i = 0; i < n; i++) all[i] = i;
    progress.phase("train to convergence (" + n + " examples)", 0);
    LogisticRegression model = LogisticRegression.trainToConvergence(train, all, classes, config.convergence(), null).model();
    FixedLogistic fixed = FixedPointClassifier.quantize(model).committed();

    progress.phase("Hessian and its eigendecomposition (d = " + Gradients.dimension(model) + ")", 0);
    DoubleMatrix h = DampedHessian.of(model, train, config.damping(), dense);
    HessianEigen eigen = DampedHessian.factor(h, backend);
    h = null;
    int k = Math.min(config.rank(), Math.min(n, Gradients.dimension(model)));
    progress.phase("whitened-PCA basis, k = " + k, 0);
    BasisRows basis = WhitenedPcaBasis.compute(Gradients.training(model, train), n, eigen, k, backend, dense).quantize();

    progress.phase("integer index", 0);
    AttributionIndex index = new IndexBuilder(fixed, basis).build(train, set.owners());
    VersionArtifacts artifacts = VersionArtifacts.of(fixed, basis, index.leaves());
    List<byte[]> blobs = new ArrayList<>(artifacts.blobs());
    blobs.addAll(set.blobs());
    return new Built(artifacts, index.scale(), evaluationScoreBp(fixed, evaluation), List.copyOf(blobs), model);
  }

  /** The committed integer model's accuracy on the evaluation set, in basis points (rounded down): what anyone recomputes. */
  public static int evaluationScoreBp(FixedLogistic model, LabelledImages evaluation) {
    if (evaluation.size() == 0) throw new IllegalArgumentException("an empty evaluation set");
    int size = evaluation.images().size(), correct = 0;
    for (int i = 0; i < evaluation.size(); i++) {
      byte[] px = java.util.Arrays.copyOfRange(evaluation.images().pixels(), i * size, (i + 1) * size);
      if (model.predict(px) == evaluation.label(i)) correct++;
    }
    return (int) (10_000L * correct / evaluation.size());
  }
}

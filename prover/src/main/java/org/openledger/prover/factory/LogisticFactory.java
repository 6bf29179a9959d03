package org.openledger.prover.factory;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.openledger.compute.ComputeBackend;
import org.openledger.compute.linalg.DoubleMatrix;
import org.openledger.contracts.attribution.BasisRows;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.precompiles.Keccak;
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
 * The ModelFactory pipeline for a logistic-regression version ({@link MlpFactory} builds the MLP's) (DESIGN §6 "Index"): train to
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
  public record Config(int rank, double damping, Convergence convergence) implements VersionFactory {
    public Config {
      if (rank < 1 || !(damping > 0)) throw new IllegalArgumentException("invalid factory config " + this);
    }

    /** k = 128 and the Hessian damped by the training L2 (the objective's own curvature): the demo's defaults. */
    public static Config defaults() {
      Convergence c = Convergence.defaults();
      return new Config(128, c.l2(), c);
    }

    @Override
    public String architecture() {
      return "logistic";
    }

    @Override
    public VersionFactory.Built build(TrainingSet set, LabelledImages evaluation, int classes, ComputeBackend backend, Progress progress,
        Checkpoints checkpoints) {
      LogisticFactory.Built b = LogisticFactory.build(set, evaluation, classes, this, backend, Dense.load(), progress, checkpoints);
      return new VersionFactory.Built(b.artifacts(), b.scale(), b.evaluationScoreBp(), b.blobs());
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
    return build(set, evaluation, classes, config, backend, dense, progress, Checkpoints.NONE);
  }

  /**
   * Builds it, keeping the trained model, the Hessian's eigendecomposition and the basis in
   * {@code checkpoints}: a build that was stopped resumes after the last stage it finished.
   */
  public static Built build(TrainingSet set, LabelledImages evaluation, int classes, Config config, ComputeBackend backend, Dense dense,
      Progress progress, Checkpoints checkpoints) {
    LabelledImages train = set.examples();
    int n = train.size();
    int[] all = new int[n];
    for (int i = 0; i < n; i++) all[i] = i;
    byte[] modelKey = checkpoints.enabled() ? modelKey(train, classes, config.convergence()) : new byte[32];
    LogisticRegression model = checkpoints.stage("model", modelKey, MODEL,
        () -> LogisticRegression.trainToConvergence(train, all, classes, config.convergence(), null).model(),
        o -> progress.phase("train to convergence (" + n + " examples)" + resumed(o), 0));
    FixedLogistic fixed = FixedPointClassifier.quantize(model).committed();

    byte[] eigenKey = Keccak.hash("eigen".getBytes(), modelKey, longBytes(Double.doubleToLongBits(config.damping())));
    HessianEigen eigen = checkpoints.stage("eigen", eigenKey, EIGEN,
        () -> DampedHessian.factor(DampedHessian.of(model, train, config.damping(), dense), backend),
        o -> progress.phase("Hessian and its eigendecomposition (d = " + Gradients.dimension(model) + ")" + resumed(o), 0));
    int k = Math.min(config.rank(), Math.min(n, Gradients.dimension(model)));
    byte[] basisKey = Keccak.hash("basis".getBytes(), eigenKey, longBytes(k));
    BasisRows basis = checkpoints.stage("basis", basisKey, BASIS,
        () -> WhitenedPcaBasis.compute(Gradients.training(model, train), n, eigen, k, backend, dense).quantize(),
        o -> progress.phase("whitened-PCA basis, k = " + k + resumed(o), 0));

    progress.phase("integer index", 0);
    AttributionIndex index = new IndexBuilder(fixed, basis).build(train, set.owners());
    VersionArtifacts artifacts = VersionArtifacts.of(fixed, basis, index.leaves());
    List<byte[]> blobs = new ArrayList<>(artifacts.blobs());
    blobs.addAll(set.blobs());
    return new Built(artifacts, index.scale(), evaluationScoreBp(fixed, evaluation), List.copyOf(blobs), model);
  }

  private static String resumed(Checkpoints.Outcome o) {
    return o == Checkpoints.Outcome.RESUMED ? " — resumed from checkpoint" : "";
  }

  /** Everything the trained model depends on: the examples, their labels, the classes and the optimiser's settings. */
  static byte[] modelKey(LabelledImages train, int classes, Convergence c) {
    return Keccak.hash("model".getBytes(), train.images().pixels(), train.labels(),
        longBytes(train.images().rows()), longBytes(train.images().cols()), longBytes(classes),
        longBytes(Double.doubleToLongBits(c.l2())), longBytes(Double.doubleToLongBits(c.gradientTolerance())),
        longBytes(c.maxIterations()), longBytes(c.history()));
  }

  private static byte[] longBytes(long v) {
    return java.nio.ByteBuffer.allocate(8).putLong(v).array();
  }

  private static final Checkpoints.Codec<LogisticRegression> MODEL = new Checkpoints.Codec<>() {
    @Override
    public void write(LogisticRegression m, DataOutputStream out) throws IOException {
      out.writeInt(m.classes());
      out.writeInt(m.features());
      Checkpoints.writeDoubles(out, m.weights());
      Checkpoints.writeDoubles(out, m.bias());
    }

    @Override
    public LogisticRegression read(DataInputStream in) throws IOException {
      return new LogisticRegression(in.readInt(), in.readInt(), Checkpoints.readDoubles(in), Checkpoints.readDoubles(in));
    }
  };

  private static final Checkpoints.Codec<HessianEigen> EIGEN = new Checkpoints.Codec<>() {
    @Override
    public void write(HessianEigen e, DataOutputStream out) throws IOException {
      Checkpoints.writeDoubles(out, e.values());
      out.writeInt(e.vectors().rows());
      out.writeInt(e.vectors().cols());
      Checkpoints.writeDoubles(out, e.vectors().data());
    }

    @Override
    public HessianEigen read(DataInputStream in) throws IOException {
      double[] values = Checkpoints.readDoubles(in);
      int rows = in.readInt(), cols = in.readInt();
      return new HessianEigen(values, new DoubleMatrix(rows, cols, Checkpoints.readDoubles(in)));
    }
  };

  private static final Checkpoints.Codec<BasisRows> BASIS = new Checkpoints.Codec<>() {
    @Override
    public void write(BasisRows b, DataOutputStream out) throws IOException {
      out.writeInt(b.k());
      out.writeInt(b.d());
      out.writeInt(b.shift());
      out.writeInt(b.rows().length);
      for (short v : b.rows()) out.writeShort(v);
    }

    @Override
    public BasisRows read(DataInputStream in) throws IOException {
      int k = in.readInt(), d = in.readInt(), shift = in.readInt(), n = in.readInt();
      if (n < 0) throw new IOException("negative length");
      short[] rows = new short[n];
      for (int q = 0; q < n; q++) rows[q] = in.readShort();
      return new BasisRows(k, d, rows, shift);
    }
  };

  /** The committed integer model's accuracy on the evaluation set, in basis points (rounded down): what anyone recomputes. */
  public static int evaluationScoreBp(FixedLogistic model, LabelledImages evaluation) {
    return VersionFactory.evaluationScoreBp(model, evaluation);
  }
}

package org.openledger.prover.factory;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.openledger.compute.ComputeBackend;
import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.contracts.attribution.MlpBasisRow;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.attribution.index.AttributionIndex;
import org.openledger.prover.attribution.kfac.IntegerKfacBasis;
import org.openledger.prover.attribution.kfac.KfacAttribution;
import org.openledger.prover.attribution.kfac.KfacConfig;
import org.openledger.prover.attribution.kfac.MlpIndexBuilder;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.Progress;
import org.openledger.prover.model.Mlp;
import org.openledger.prover.model.MlpQuantizer;
import org.openledger.prover.model.MlpTrainingConfig;
import org.openledger.prover.proof.VersionArtifacts;

/**
 * The ModelFactory pipeline for an MLP version (DESIGN §6 "Index", docs/attribution.md §2b, §3b):
 * train the one-hidden-layer MLP (seeded mini-batch SGD, bit-reproducible), quantize it, build the
 * per-layer K-FAC basis (Kronecker factors — never a d×d matrix) and its int16 rows, the integer
 * index, and score the committed model on the job's evaluation set. Resumable: the trained model
 * and the integer basis are checkpointed.
 */
public final class MlpFactory {
  private MlpFactory() {}

  /**
   * @param training the SGD run (its hidden width is the version's)
   * @param rank basis rank k: Kronecker rows kept over both layers
   * @param damping λ added to every corrected eigenvalue
   */
  public record Config(MlpTrainingConfig training, int rank, double damping) implements VersionFactory {
    public Config {
      if (rank < 1 || !(damping > 0)) throw new IllegalArgumentException("invalid MLP factory config " + this);
    }

    /** The shipped MLP (64 hidden units, 30 epochs), k = 64, λ = 10⁻² (what {@code eval mlp-lds} measures by default). */
    public static Config defaults() {
      return new Config(MlpTrainingConfig.defaults(), 64, 1e-2);
    }

    public Config withHidden(int hidden) {
      return new Config(training.withHidden(hidden), rank, damping);
    }

    @Override
    public String architecture() {
      return "mlp";
    }

    @Override
    public VersionFactory.Built build(TrainingSet set, LabelledImages evaluation, int classes, ComputeBackend backend, Progress progress,
        Checkpoints checkpoints) {
      return MlpFactory.build(set, evaluation, classes, this, backend, progress, checkpoints);
    }
  }

  public static VersionFactory.Built build(TrainingSet set, LabelledImages evaluation, int classes, Config config, ComputeBackend backend,
      Progress progress, Checkpoints checkpoints) {
    LabelledImages train = set.examples();
    int n = train.size();
    byte[] modelKey = checkpoints.enabled() ? modelKey(train, classes, config.training()) : new byte[32];
    Mlp model = checkpoints.stage("mlp-model", modelKey, MODEL, () -> Mlp.train(train, classes, config.training()),
        o -> progress.phase("train the MLP (" + train.images().size() + " → " + config.training().hidden() + " → " + classes + ", "
            + config.training().epochs() + " epochs, " + n + " examples)" + resumed(o), 0));
    FixedMlp fixed = MlpQuantizer.quantize(model);

    byte[] basisKey = Keccak.hash("kfac-basis".getBytes(), modelKey, longBytes(config.rank()), longBytes(Double.doubleToLongBits(config.damping())));
    IntegerKfacBasis basis = checkpoints.stage("kfac-basis", basisKey, BASIS,
        () -> IntegerKfacBasis.of(KfacAttribution.build(backend, model, train, new KfacConfig(config.rank(), config.damping())), fixed),
        o -> progress.phase("K-FAC factors, eigenbases and the Kronecker basis, k = " + config.rank() + resumed(o), 0));

    progress.phase("integer index", 0);
    AttributionIndex index = new MlpIndexBuilder(fixed, basis.rows()).build(train, set.owners());
    VersionArtifacts artifacts = VersionArtifacts.of(fixed, basis.rows(), index.leaves());
    List<byte[]> blobs = new ArrayList<>(artifacts.blobs());
    blobs.addAll(set.blobs());
    return new VersionFactory.Built(artifacts, index.scale(), VersionFactory.evaluationScoreBp(fixed, evaluation), blobs);
  }

  private static String resumed(Checkpoints.Outcome o) {
    return o == Checkpoints.Outcome.RESUMED ? " — resumed from checkpoint" : "";
  }

  /** Everything the trained MLP depends on: the examples, their labels, the classes and the whole SGD configuration. */
  static byte[] modelKey(LabelledImages train, int classes, MlpTrainingConfig c) {
    return Keccak.hash("mlp-model".getBytes(), train.images().pixels(), train.labels(),
        longBytes(train.images().rows()), longBytes(train.images().cols()), longBytes(classes),
        longBytes(c.seed()), longBytes(c.hidden()), longBytes(c.epochs()), longBytes(c.batchSize()),
        longBytes(Double.doubleToLongBits(c.learningRate())), longBytes(Double.doubleToLongBits(c.l2())));
  }

  private static byte[] longBytes(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  private static final Checkpoints.Codec<Mlp> MODEL = new Checkpoints.Codec<>() {
    @Override
    public void write(Mlp m, DataOutputStream out) throws IOException {
      out.writeInt(m.inputs());
      out.writeInt(m.hidden());
      out.writeInt(m.classes());
      Checkpoints.writeDoubles(out, m.w1());
      Checkpoints.writeDoubles(out, m.b1());
      Checkpoints.writeDoubles(out, m.w2());
      Checkpoints.writeDoubles(out, m.b2());
    }

    @Override
    public Mlp read(DataInputStream in) throws IOException {
      return new Mlp(in.readInt(), in.readInt(), in.readInt(), Checkpoints.readDoubles(in), Checkpoints.readDoubles(in),
          Checkpoints.readDoubles(in), Checkpoints.readDoubles(in));
    }
  };

  private static final Checkpoints.Codec<IntegerKfacBasis> BASIS = new Checkpoints.Codec<>() {
    @Override
    public void write(IntegerKfacBasis b, DataOutputStream out) throws IOException {
      out.writeInt(b.exponent());
      out.writeInt(b.rank());
      for (MlpBasisRow r : b.rows()) {
        out.writeInt(r.index());
        out.writeInt(r.layer());
        out.writeInt(r.shift());
        writeShorts(out, r.a());
        writeShorts(out, r.b());
      }
    }

    @Override
    public IntegerKfacBasis read(DataInputStream in) throws IOException {
      int exponent = in.readInt(), k = in.readInt();
      if (k < 0) throw new IOException("negative rank");
      List<MlpBasisRow> rows = new ArrayList<>(k);
      for (int j = 0; j < k; j++) {
        int index = in.readInt(), layer = in.readInt(), shift = in.readInt();
        try {
          rows.add(new MlpBasisRow(index, layer, shift, readShorts(in), readShorts(in)));
        } catch (IllegalArgumentException e) {
          throw new IOException("row " + j + ": " + e.getMessage(), e);
        }
      }
      return new IntegerKfacBasis(rows, exponent);
    }
  };

  private static void writeShorts(DataOutputStream out, short[] v) throws IOException {
    out.writeInt(v.length);
    for (short x : v) out.writeShort(x);
  }

  private static short[] readShorts(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) throw new IOException("negative length");
    short[] v = new short[n];
    for (int q = 0; q < n; q++) v[q] = in.readShort();
    return v;
  }
}

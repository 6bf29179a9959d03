package org.openledger.prover.factory;

import java.util.List;
import org.openledger.compute.ComputeBackend;
import org.openledger.contracts.attribution.CommittedModel;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.FixedLora;
import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.Progress;
import org.openledger.prover.model.MlpQuantizer;
import org.openledger.prover.proof.VersionArtifacts;

/**
 * How the ModelFactory builds a version of one architecture (DESIGN §6 "Index"): train on the
 * datanets' accepted contributions, quantize, build the attribution basis and the integer index,
 * score the committed model. Deterministic, so an attester running the same factory on the same
 * data gets the same artifacts — which is what it attests.
 */
public sealed interface VersionFactory extends Architecture permits LogisticFactory.Config, MlpFactory.Config {

  /**
   * What a trainer delivers: the artifacts, the version's scale {@code 2^{e_U}}, the committed
   * model's evaluation score in basis points, and every blob a content store needs (weights,
   * basis, index, contributions roots).
   */
  record Built(VersionArtifacts artifacts, long scale, int evaluationScoreBp, List<byte[]> blobs) {
    public Built {
      blobs = List.copyOf(blobs);
    }
  }

  /** Builds the version, keeping its expensive stages in {@code checkpoints} so a stopped build resumes. */
  Built build(TrainingSet set, LabelledImages evaluation, int classes, ComputeBackend backend, Progress progress, Checkpoints checkpoints);

  /**
   * The factory an attester rebuilds a published version with: the published model's kind and (for
   * the MLP) hidden width, the version's registered rank and damping, and this factory's other
   * settings when it is of the same kind (the defaults otherwise).
   */
  default VersionFactory toRebuild(CommittedModel published, int rank, double damping) {
    return switch (published) {
      case FixedLogistic l -> new LogisticFactory.Config(rank, damping,
          this instanceof LogisticFactory.Config c ? c.convergence() : LogisticFactory.Config.defaults().convergence());
      case FixedMlp m -> new MlpFactory.Config(
          (this instanceof MlpFactory.Config c ? c.training() : MlpFactory.Config.defaults().training()).withHidden(m.hidden()), rank, damping);
      case FixedLora a -> throw new IllegalArgumentException("an OLA2 adapter version is rebuilt by AdapterFactory, not a whole-model factory");
    };
  }

  /** The committed integer model's accuracy on the evaluation set, in basis points (rounded down): what anyone recomputes. */
  static int evaluationScoreBp(CommittedModel model, LabelledImages evaluation) {
    if (evaluation.size() == 0) throw new IllegalArgumentException("an empty evaluation set");
    int correct = 0;
    for (int i = 0; i < evaluation.size(); i++) {
      if (model.predict(MlpQuantizer.pixels(evaluation.images(), i)) == evaluation.label(i)) correct++;
    }
    return (int) (10_000L * correct / evaluation.size());
  }
}

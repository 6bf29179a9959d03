package org.openledger.prover.lora;

import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.compute.ComputeBackend;
import org.openledger.prover.attribution.adapter.AdapterBasis;
import org.openledger.prover.attribution.adapter.AdapterIndexBuilder;
import org.openledger.prover.attribution.index.AttributionIndex;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.factory.TrainingSet;

/**
 * An adapter version from its datanets' accepted contributions (docs/openlora.md §5): fine-tune the
 * adapter on the base (frozen), build the K-FAC basis over the adapter's parameters, the integer
 * index, and the blobs that make the version's roots resolvable.
 */
public final class AdapterFactory {
  private AdapterFactory() {}

  public record Config(AdapterTrainer.Config training, AdapterBasis.Config basis) {
    /** {@link AdapterTrainer.Config#defaults()}, k = 32, λ = 0.1 of the mean corrected eigenvalue. */
    public static Config defaults() {
      return new Config(AdapterTrainer.Config.defaults(), new AdapterBasis.Config(32, 0.1));
    }
  }

  /** The version: its artifacts, the leaves' scale, and every blob to publish (the artifacts' and the contributions trees'). */
  public record Built(AdapterArtifacts artifacts, AttributionIndex index, List<byte[]> blobs) {}

  public static Built build(BaseMlp base, Bytes32 baseWeightsRoot, TrainingSet set, Config config, ComputeBackend backend) {
    LoraAdapter adapter = AdapterTrainer.train(base, set.examples(), config.training());
    return index(base, baseWeightsRoot, adapter, set, config.basis(), backend);
  }

  /**
   * The adapted model's accuracy on {@code evaluation}, in basis points (rounded down): the class of
   * the double-precision reference forward pass ({@link LoraGradient#logits}), which anyone
   * recomputes from the committed base and adapter.
   */
  public static int evaluationScoreBp(BaseMlp base, LoraAdapter adapter, LabelledImages evaluation) {
    if (evaluation.size() == 0) throw new IllegalArgumentException("an empty evaluation set");
    if (evaluation.images().size() != base.inputs()) {
      throw new IllegalArgumentException("the evaluation images have " + evaluation.images().size() + " pixels, the base model takes " + base.inputs());
    }
    LoraGradient model = new LoraGradient(base, adapter);
    int correct = 0;
    for (int i = 0; i < evaluation.size(); i++) if (model.predict(BaseMlp.pixels(evaluation, i)) == evaluation.label(i)) correct++;
    return (int) (10_000L * correct / evaluation.size());
  }

  /** The basis and index of an already trained adapter. */
  public static Built index(BaseMlp base, Bytes32 baseWeightsRoot, LoraAdapter adapter, TrainingSet set, AdapterBasis.Config config,
      ComputeBackend backend) {
    AdapterBasis basis = AdapterBasis.build(base, baseWeightsRoot, adapter, set.examples(), config, backend);
    AttributionIndex index = new AdapterIndexBuilder(base, adapter, basis.rows()).build(set.examples(), set.owners());
    AdapterArtifacts artifacts = AdapterArtifacts.of(base, adapter, basis.rows(), index.leaves());
    List<byte[]> blobs = new ArrayList<>(artifacts.blobs());
    blobs.addAll(set.blobs());
    return new Built(artifacts, index, blobs);
  }
}

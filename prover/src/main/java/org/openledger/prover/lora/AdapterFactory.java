package org.openledger.prover.lora;

import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.compute.ComputeBackend;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.FixedLora;
import org.openledger.prover.attribution.adapter.AdapterBasis;
import org.openledger.prover.attribution.adapter.AdapterIndexBuilder;
import org.openledger.prover.attribution.adapter.IntegerAdapter;
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

  /**
   * An OLA2 version (docs/openlora.md §8) on a committed logistic-regression base: the adapter is
   * fine-tuned in float on the base's float reading, quantized ({@link IntegerAdapter#quantize}),
   * and its basis, index and every proof use the chain's integers, so its outputs, ψ and leaves
   * are challengeable.
   */
  public static Built build(FixedLogistic base, TrainingSet set, Config config, ComputeBackend backend) {
    LoraAdapter adapter = AdapterTrainer.train(BaseMlp.of(base), set.examples(), config.training());
    return indexInteger(IntegerAdapter.quantize(base, adapter), set, config.basis(), backend);
  }

  /** The basis and index of an already quantized OLA2 adapter, in the chain's integers. */
  public static Built indexInteger(FixedLora adapter, TrainingSet set, AdapterBasis.Config config, ComputeBackend backend) {
    AdapterBasis basis = AdapterBasis.buildInteger(adapter, set.examples(), config, backend);
    AttributionIndex index = IntegerAdapter.index(adapter, IntegerAdapter.chainRows(basis.rows()), set.examples(), set.owners());
    return built(AdapterArtifacts.ofInteger(adapter, basis.rows(), index.leaves()), index, set);
  }

  private static Built built(AdapterArtifacts artifacts, AttributionIndex index, TrainingSet set) {
    List<byte[]> blobs = new ArrayList<>(artifacts.blobs());
    blobs.addAll(set.blobs());
    return new Built(artifacts, index, blobs);
  }

  /**
   * A float OLA1 version (an MLP base, {@code "OLM1"}): proven in double precision and not
   * challengeable on-chain beyond omissions. A committed logistic base gets OLA2:
   * {@link #build(FixedLogistic, TrainingSet, Config, ComputeBackend)}.
   */
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
    LoraGradient model = new LoraGradient(base, adapter);
    return scoreBp(base.inputs(), evaluation, i -> model.predict(BaseMlp.pixels(evaluation, i)));
  }

  /** {@link #evaluationScoreBp} of a version's artifacts: the integer class for OLA2, the double-precision one for OLA1. */
  public static int evaluationScoreBp(AdapterArtifacts a, LabelledImages evaluation) {
    if (!a.isInteger()) return evaluationScoreBp(a.base(), a.adapter(), evaluation);
    return scoreBp(a.integer().inputs(), evaluation, i -> a.integer().predict(IntegerAdapter.pixels(evaluation, i)));
  }

  private static int scoreBp(int inputs, LabelledImages evaluation, java.util.function.IntUnaryOperator predict) {
    if (evaluation.size() == 0) throw new IllegalArgumentException("an empty evaluation set");
    if (evaluation.images().size() != inputs) {
      throw new IllegalArgumentException("the evaluation images have " + evaluation.images().size() + " pixels, the base model takes " + inputs);
    }
    int correct = 0;
    for (int i = 0; i < evaluation.size(); i++) if (predict.applyAsInt(i) == evaluation.label(i)) correct++;
    return (int) (10_000L * correct / evaluation.size());
  }

  /** The basis and index of an already trained adapter. */
  public static Built index(BaseMlp base, Bytes32 baseWeightsRoot, LoraAdapter adapter, TrainingSet set, AdapterBasis.Config config,
      ComputeBackend backend) {
    AdapterBasis basis = AdapterBasis.build(base, baseWeightsRoot, adapter, set.examples(), config, backend);
    AttributionIndex index = new AdapterIndexBuilder(base, adapter, basis.rows()).build(set.examples(), set.owners());
    return built(AdapterArtifacts.of(base, adapter, basis.rows(), index.leaves()), index, set);
  }
}

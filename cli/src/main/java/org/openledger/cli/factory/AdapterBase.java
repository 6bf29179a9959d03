package org.openledger.cli.factory;

import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.Session;
import org.openledger.compute.ComputeBackend;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.contracts.model.Models;
import org.openledger.prover.factory.TrainingSet;
import org.openledger.prover.lora.AdapterFactory;
import org.openledger.prover.lora.BaseMlp;
import org.openledger.prover.proof.ContentSource;

/**
 * The base model an OpenLoRA adapter sits on (docs/openlora.md §1), read from the chain and the
 * content store and checked as such: an existing base model (not itself an adapter), Deployed,
 * whose version is an image classifier with weights in the content store in a form the adapter
 * trainer and server run — a committed logistic-regression version or a float MLP ({@code "OLM1"}).
 *
 * @param modelId the base model
 * @param version the base version
 * @param weightsRoot that version's weights root: what every basis row of an adapter fine-tuned on it names
 * @param model the weights, as the adapter's frozen base
 * @param committed the committed logistic-regression model the weights are, or {@code null} for a float MLP ({@code "OLM1"})
 */
public record AdapterBase(BigInteger modelId, BigInteger version, Bytes32 weightsRoot, BaseMlp model, FixedLogistic committed) {

  /**
   * Fine-tunes, quantizes and indexes an adapter on this base (docs/openlora.md §5, §8): an OLA2
   * version — the chain's integers, so its outputs and ψ are challengeable — on a committed
   * logistic-regression base when {@code integer}; a float OLA1 version otherwise (a float MLP
   * base, or rebuilding an OLA1 version published before OLA2 to attest it).
   *
   * @throws IllegalArgumentException if {@code integer} is asked of a float MLP base
   */
  public AdapterFactory.Built build(TrainingSet set, AdapterFactory.Config config, ComputeBackend backend, boolean integer) {
    if (!integer) return AdapterFactory.build(model, weightsRoot, set, config, backend);
    if (committed == null) throw new IllegalArgumentException("an OLA2 adapter needs a committed logistic-regression base; this base is a float MLP (OLM1)");
    return AdapterFactory.build(committed, set, config, backend);
  }

  /** Whether adapters of this base are built as OLA2 (a committed logistic-regression base). */
  public boolean integer() {
    return committed != null;
  }

  /**
   * The base a new adapter is fine-tuned on: {@link #resolve}, and the version must be the base's
   * deployed one — adapters are served on the deployed base (docs/openlora.md §3), so an adapter of
   * another version would be explained over weights its server does not run.
   */
  public static AdapterBase toFineTune(Session s, ContentSource content, BigInteger baseModelId, BigInteger version) {
    AdapterBase b = resolve(s, content, baseModelId, version);
    BigInteger deployed = s.view(s.models(false).model(baseModelId)).deployedVersion;
    if (!b.version().equals(deployed)) {
      throw new UserError("base model " + baseModelId + " v" + b.version() + " is not its deployed version (v" + deployed
          + "), which adapters are served on: fine-tune on v" + deployed + " (--base-version " + deployed + ", the default)");
    }
    return b;
  }

  /**
   * Version {@code version} of base model {@code baseModelId}, or its deployed version when
   * {@code version} is null.
   *
   * @throws UserError saying what is wrong and what to do: an unknown model or version, a model that
   *     is an adapter or is not Deployed, a version that is not an image classifier, weights that
   *     are missing or of a kind the adapter trainer cannot fine-tune (a fixed-point MLP)
   */
  public static AdapterBase resolve(Session s, ContentSource content, BigInteger baseModelId, BigInteger version) {
    if (baseModelId.signum() <= 0 || baseModelId.compareTo(s.view(s.models(false).modelCount())) > 0) {
      throw new UserError("there is no base model " + baseModelId + " (openledger model list shows the models)");
    }
    org.openledger.contracts.web3j.Models.Model m = s.view(s.models(false).model(baseModelId));
    if (m.baseModelId.signum() != 0) {
      throw new UserError("model " + baseModelId + " is itself an adapter (of model " + m.baseModelId + "): an adapter's base is a base model");
    }
    if (m.state.intValue() != Models.State.DEPLOYED.code()) {
      throw new UserError("base model " + baseModelId + " is not Deployed (state " + Models.State.of(m.state.intValue())
          + "): governance deploys a version of it first (openledger propose deploy-model)");
    }
    BigInteger v = version == null ? m.deployedVersion : version;
    if (v.signum() <= 0 || v.compareTo(m.versionCount) > 0) {
      throw new UserError("base model " + baseModelId + " has no version " + v + " (it has 1.." + m.versionCount + "; version " + m.deployedVersion
          + " is deployed)");
    }
    var spec = s.view(s.models(false).version(baseModelId, v)).component1();
    if (spec.outputFunction.intValueExact() != Models.OUTPUT_CLASSIFIER_MARGIN) {
      throw new UserError("base model " + baseModelId + " v" + v + " is not an image classifier (output function " + spec.outputFunction
          + "): adapters fine-tune image classifiers");
    }
    Bytes32 root = Bytes32.wrap(spec.weightsRoot);
    byte[] blob;
    try {
      blob = content.get(root);
    } catch (ContentSource.Unavailable e) {
      throw new UserError("base model " + baseModelId + " v" + v + "'s weights " + root.toHexString() + " are not in the node's content store: "
          + e.getMessage() + " — its owner publishes them");
    }
    if (FixedMlp.isMlp(blob)) {
      throw new UserError("base model " + baseModelId + " v" + v + " is a fixed-point MLP (the factory's mlp), which the adapter trainer cannot "
          + "fine-tune: an adapter's base is a logistic-regression version or a float MLP (OLM1)");
    }
    try {
      BaseMlp model = BaseMlp.fromWeightsBytes(blob);
      return new AdapterBase(baseModelId, v, root, model, BaseMlp.isFloatMlp(blob) ? null : FixedLogistic.fromWeightsBytes(blob));
    } catch (IllegalArgumentException e) {
      throw new UserError("base model " + baseModelId + " v" + v + "'s weights are not a model the adapter trainer fine-tunes (a logistic-regression "
          + "version or a float MLP): " + e.getMessage());
    }
  }
}

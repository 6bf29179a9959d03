package org.openledger.prover.proof;

import org.apache.tuweni.bytes.Bytes;
import org.openledger.contracts.attribution.AttributionVerifier;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.FixedMlp;

/**
 * The prover daemon's engine: loads a version once (one cache for every kind) and hands the
 * request to the engine of the model its weights blob commits — the MLP's for a blob tagged
 * {@link FixedMlp#TAG}, logistic regression's otherwise — exactly as the chain's fraud proofs pick
 * the model ({@code CommittedModel.fromWeightsBytes}).
 */
public final class ProofEngines implements ProofEngine, ProofAuditor {
  private final VersionCache versions;
  private final LogisticProofEngine logistic;
  private final MlpProofEngine mlp;

  public ProofEngines(ContentSource content) {
    this.versions = new VersionCache(content);
    this.logistic = new LogisticProofEngine(versions);
    this.mlp = new MlpProofEngine(versions);
  }

  @Override
  public Outcome prove(AttributionVerifier.Binding binding, Version version) {
    try {
      return engineFor(version).prove(binding, version);
    } catch (ContentSource.Unavailable e) {
      return new Outcome.NotProvable(e.getMessage());
    }
  }

  @Override
  public Finding audit(AttributionVerifier.Binding binding, Version version, Bytes proof) {
    try {
      return engineFor(version).audit(binding, version, proof);
    } catch (ContentSource.Unavailable e) {
      return new Finding.Uncheckable(e.getMessage());
    }
  }

  /** The engine for the version's model kind, as its committed weights name it. */
  public CommittedProofEngine engineFor(Version version) throws ContentSource.Unavailable {
    return switch (versions.artifacts(version).model()) {
      case FixedLogistic l -> logistic;
      case FixedMlp m -> mlp;
    };
  }
}

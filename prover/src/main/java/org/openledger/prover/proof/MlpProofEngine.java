package org.openledger.prover.proof;

import org.openledger.contracts.attribution.CommittedModel;
import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.prover.attribution.index.Query;
import org.openledger.prover.attribution.kfac.MlpQueryBuilder;

/**
 * Proves and audits requests on MLP versions (docs/attribution.md §2b, §3b): ψ projects the
 * exact integer margin gradient of both layers onto each committed Kronecker row
 * ({@link MlpQueryBuilder}). {@link ProofEngines} picks it for a version whose weights blob begins
 * with {@link FixedMlp#TAG}.
 */
public final class MlpProofEngine extends CommittedProofEngine {

  public MlpProofEngine(ContentSource content) {
    this(new VersionCache<>(content, VersionArtifacts::load));
  }

  MlpProofEngine(VersionCache<VersionArtifacts> versions) {
    super(versions);
  }

  @Override
  String kind() {
    return "MLP";
  }

  @Override
  boolean proves(CommittedModel model) {
    return model instanceof FixedMlp;
  }

  @Override
  Query query(VersionArtifacts a, byte[] input) {
    return new MlpQueryBuilder(a.mlp(), a.mlpRows()).query(input);
  }
}

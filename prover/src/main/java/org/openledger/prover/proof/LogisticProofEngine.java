package org.openledger.prover.proof;

import org.openledger.contracts.attribution.CommittedModel;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.prover.attribution.index.Query;
import org.openledger.prover.attribution.index.QueryBuilder;

/**
 * Proves and audits requests on logistic-regression versions: ψ is the dense basis times the
 * exact integer margin gradient ({@link QueryBuilder}). {@link ProofEngines} picks it for a version
 * whose weights blob is logistic regression's.
 */
public final class LogisticProofEngine extends CommittedProofEngine {

  public LogisticProofEngine(ContentSource content) {
    this(new VersionCache<>(content, VersionArtifacts::load));
  }

  LogisticProofEngine(VersionCache<VersionArtifacts> versions) {
    super(versions);
  }

  @Override
  String kind() {
    return "logistic-regression";
  }

  @Override
  boolean proves(CommittedModel model) {
    return model instanceof FixedLogistic;
  }

  @Override
  Query query(VersionArtifacts a, byte[] input) {
    return new QueryBuilder(a.logistic(), a.denseBasis()).query(input);
  }
}

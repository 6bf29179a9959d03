package org.openledger.prover.proof;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.attribution.AttributionProof;
import org.openledger.contracts.attribution.AttributionVerifier;
import org.openledger.contracts.attribution.FraudChecks;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.attribution.index.Query;
import org.openledger.prover.attribution.index.QueryBuilder;

/**
 * Proves requests on logistic-regression versions ({@code outputFunction = 1}): recomputes the
 * output from the committed weights and input — a host's wrong output is reported, never proven —
 * then ψ, exact scores against every leaf, the top 16 positive (possibly none) and their multiproof. Loaded
 * versions are kept (a few, least recently used first out), since loading one fetches its whole
 * basis and index.
 */
public final class LogisticProofEngine implements ProofEngine {
  public static final int OUTPUT_MARGIN = org.openledger.contracts.model.Models.OUTPUT_CLASSIFIER_MARGIN;
  private static final int CACHED_VERSIONS = 4;

  private final ContentSource content;
  private final Map<Version, VersionArtifacts> cache = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Version, VersionArtifacts> eldest) {
      return size() > CACHED_VERSIONS;
    }
  };

  public LogisticProofEngine(ContentSource content) {
    this.content = content;
  }

  @Override
  public Outcome prove(AttributionVerifier.Binding binding, Version version) {
    if (version.outputFunction() != OUTPUT_MARGIN) {
      return new Outcome.NotProvable("output function " + version.outputFunction() + " is not the classifier margin (" + OUTPUT_MARGIN + ")");
    }
    VersionArtifacts a;
    byte[] input;
    try {
      a = artifacts(version);
      input = content.get(binding.inputHash());
    } catch (ContentSource.Unavailable e) {
      return new Outcome.NotProvable(e.getMessage());
    }
    if (input.length != a.model().features()) {
      return new Outcome.WrongOutput("the committed input has " + input.length + " bytes, the model takes " + a.model().features() + " pixels");
    }
    Query q = new QueryBuilder(a.model(), a.basis()).query(input);
    Bytes32 expected = Bytes32.wrap(Keccak.hash(FraudChecks.classOutput(q.predicted())));
    if (!expected.equals(binding.outputHash())) {
      return new Outcome.WrongOutput("the committed weights give class " + q.predicted() + " (output hash " + expected.toHexString()
          + "), the host posted " + binding.outputHash().toHexString());
    }
    // no positive leaf gives the empty proof: it settles, and the pool goes to the treasury
    AttributionProof proof = AttributionProof.build(binding.hash(), q.shift(), q.psi(), a.leaves(), a.tree(), AttributionProof.MAX_LEAVES);
    return new Outcome.Proof(proof.encode(), proof.leaves().size());
  }

  private synchronized VersionArtifacts artifacts(Version v) throws ContentSource.Unavailable {
    VersionArtifacts a = cache.get(v);
    if (a == null) {
      a = VersionArtifacts.load(content, v);
      cache.put(v, a);
    }
    return a;
  }
}

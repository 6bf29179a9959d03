package org.openledger.prover.proof;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.attribution.AttributionProof;
import org.openledger.contracts.attribution.AttributionVerifier;
import org.openledger.contracts.attribution.FraudChecks;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.IndexTree;
import org.openledger.contracts.attribution.Rounding;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.attribution.index.Query;
import org.openledger.prover.attribution.index.QueryBuilder;

/**
 * Proves requests on logistic-regression versions ({@code outputFunction = 1}): recomputes the
 * output from the committed weights and input — a host's wrong output is reported, never proven —
 * then ψ, exact scores against every leaf, the top 16 positive (possibly none) and their multiproof. Loaded
 * versions are kept (a few, least recently used first out), since loading one fetches its whole
 * basis and index. The same recomputation audits other provers' proofs ({@link #audit}).
 */
public final class LogisticProofEngine implements ProofEngine, ProofAuditor {
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

  @Override
  public Finding audit(AttributionVerifier.Binding binding, Version version, Bytes proofBytes) {
    if (version.outputFunction() != OUTPUT_MARGIN) {
      return new Finding.Uncheckable("output function " + version.outputFunction() + " is not the classifier margin (" + OUTPUT_MARGIN + ")");
    }
    AttributionProof proof;
    try {
      proof = AttributionProof.decode(proofBytes);
    } catch (AttributionProof.FormatException e) {
      return new Finding.Uncheckable("the proof does not decode: " + e.getMessage());
    }
    VersionArtifacts a;
    byte[] input;
    try {
      a = artifacts(version);
      input = content.get(binding.inputHash());
    } catch (ContentSource.Unavailable e) {
      return new Finding.Uncheckable(e.getMessage());
    }
    // the chain refuses an input the model cannot read as evidence, so no challenge can show anything
    if (input.length != a.model().features()) return new Finding.Uncheckable("the committed input has " + input.length + " bytes");
    byte[] weights = a.model().weightsBytes();
    if (FraudChecks.outputIsWrong(a.model(), input, binding.outputHash())) {
      return new Finding.WrongOutput(weights, input, a.model().predict(input));
    }
    if (proof.k() != a.basis().k()) return new Finding.Uncheckable("the proof has k = " + proof.k() + ", the version " + a.basis().k());
    Query q = new QueryBuilder(a.model(), a.basis()).query(input);
    short[] psi = proof.psi();
    for (int j = 0; j < psi.length; j++) {
      long expected = Rounding.shift(q.raw()[j], proof.psiShift());
      if (psi[j] != expected) {
        short[] row = Arrays.copyOfRange(a.basis().rows(), j * a.basis().d(), (j + 1) * a.basis().d());
        // the chain decides with FraudChecks: confirm with it, so a challenge is only sent when it wins
        if (!FraudChecks.psiIsWrong(proof, j, a.model(), input, row)) continue;
        return new Finding.WrongPsi(j, psi[j], expected, weights, input, a.basis().rowLeafBytes(j), IndexTree.ofBasis(a.basis()).multiproof(new int[] {j}));
      }
    }
    Set<Long> included = new HashSet<>();
    for (AttributionProof.ProvenLeaf l : proof.leaves()) included.add(l.index());
    AttributionProof.ProvenLeaf best = null;
    for (int i = 0; i < a.leaves().size(); i++) {
      if (included.contains((long) i)) continue;
      IndexLeaf leaf = a.leaves().get(i);
      if (!FraudChecks.omits(proof, i, leaf)) continue;
      AttributionProof.ProvenLeaf candidate = new AttributionProof.ProvenLeaf(i, leaf, leaf.score(psi));
      if (best == null || AttributionProof.ORDER.compare(candidate, best) < 0) best = candidate;
    }
    if (best != null) {
      return new Finding.Omitted(best.index(), best.score(), best.leaf().leafBytes(), a.tree().multiproof(new int[] {(int) best.index()}));
    }
    return new Finding.Sound();
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

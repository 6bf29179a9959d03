package org.openledger.prover.lora;

import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.attribution.AttributionProof;
import org.openledger.contracts.attribution.AttributionVerifier;
import org.openledger.contracts.attribution.FraudChecks;
import org.openledger.contracts.model.Models;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.attribution.adapter.IntegerAdapter;
import org.openledger.prover.attribution.index.Query;
import org.openledger.prover.proof.CommittedProofEngine;
import org.openledger.prover.proof.ContentSource;
import org.openledger.prover.proof.ProofAuditor;
import org.openledger.prover.proof.ProofEngine;
import org.openledger.prover.proof.VersionCache;

/**
 * Proves and audits requests on adapter versions (docs/openlora.md §5): recomputes the class from
 * the adapter and its base, ψ over the adapter's parameters, exact scores against every leaf, the
 * top 16 positive and their multiproof — the same v1 proof a whole-model version gets, verified by
 * the same contract. {@code ProofEngines} picks it for a version whose weights blob begins with
 * {@code "OLA1"} or {@code "OLA2"}.
 *
 * <p>An OLA2 version's class and ψ are the chain's integers ({@code FixedLora}), so an audit
 * finds a wrong output or ψ with the evidence for {@code challengeOutput}/{@code challengePsi}.
 * The chain cannot recompute a float OLA1 adapter (those challenges refuse it), so for OLA1 an
 * audit reports them as uncheckable; an omitted leaf needs only the index, and is reported for
 * {@code challengeOmission} either way.
 */
public final class AdapterProofEngine implements ProofEngine, ProofAuditor {
  private final VersionCache<AdapterArtifacts> versions;

  public AdapterProofEngine(ContentSource content) {
    this.versions = new VersionCache<>(content, AdapterArtifacts::load);
  }

  /** The version's artifacts, fetched once. */
  public AdapterArtifacts artifacts(Version v) throws ContentSource.Unavailable {
    return versions.artifacts(v);
  }

  @Override
  public Outcome prove(AttributionVerifier.Binding binding, Version version) {
    if (version.outputFunction() != Models.OUTPUT_CLASSIFIER_MARGIN) {
      return new Outcome.NotProvable("output function " + version.outputFunction() + " is not the classifier margin");
    }
    AdapterArtifacts a;
    byte[] input;
    try {
      a = artifacts(version);
      input = versions.content().get(binding.inputHash());
    } catch (ContentSource.Unavailable e) {
      return new Outcome.NotProvable(e.getMessage());
    }
    if (input.length != a.base().inputs()) {
      return new Outcome.WrongOutput("the committed input has " + input.length + " bytes, the adapter's base takes " + a.base().inputs() + " pixels");
    }
    Query q;
    try {
      q = a.query(input);
    } catch (ArithmeticException e) {
      return new Outcome.NotProvable("ψ of this input leaves int64: " + e.getMessage());
    }
    Bytes32 expected = Bytes32.wrap(Keccak.hash(FraudChecks.classOutput(q.predicted())));
    if (!expected.equals(binding.outputHash())) {
      return new Outcome.WrongOutput("the adapter gives class " + q.predicted() + " (output hash " + expected.toHexString() + "), the host posted "
          + binding.outputHash().toHexString());
    }
    AttributionProof proof = AttributionProof.build(binding.hash(), q.shift(), q.psi(), a.leaves(), a.tree(), AttributionProof.MAX_LEAVES);
    return new Outcome.Proof(proof.encode(), proof.leaves().size());
  }

  @Override
  public Finding audit(AttributionVerifier.Binding binding, Version version, Bytes proofBytes) {
    if (version.outputFunction() != Models.OUTPUT_CLASSIFIER_MARGIN) return new Finding.Uncheckable("output function " + version.outputFunction());
    AttributionProof proof;
    try {
      proof = AttributionProof.decode(proofBytes);
    } catch (AttributionProof.FormatException e) {
      return new Finding.Uncheckable("the proof does not decode: " + e.getMessage());
    }
    AdapterArtifacts a;
    byte[] input;
    try {
      a = artifacts(version);
      input = versions.content().get(binding.inputHash());
    } catch (ContentSource.Unavailable e) {
      return new Finding.Uncheckable(e.getMessage());
    }
    if (input.length != a.base().inputs()) return new Finding.Uncheckable("the committed input has " + input.length + " bytes");
    if (a.isInteger()) {
      // OLA2: the chain recomputes output and ψ, so a wrong one is a challenge that wins
      return CommittedProofEngine.recheck(a.integer(), input, binding.outputHash(), proof, IntegerAdapter.chainRows(a.rows()), a.basisTree(),
          () -> a.query(input).raw(), a.leaves(), a.tree());
    }
    if (proof.k() != a.rank()) return new Finding.Uncheckable("the proof has k = " + proof.k() + ", the version " + a.rank());
    Query q;
    try {
      q = a.query(input);
    } catch (ArithmeticException e) {
      return new Finding.Uncheckable("ψ leaves int64: " + e.getMessage());
    }
    if (!Bytes32.wrap(Keccak.hash(FraudChecks.classOutput(q.predicted()))).equals(binding.outputHash())) {
      return new Finding.Uncheckable("the adapter gives class " + q.predicted() + ", not the posted output; the chain does not recompute adapter outputs");
    }
    if (proof.psiShift() != q.shift() || !java.util.Arrays.equals(proof.psi(), q.psi())) {
      return new Finding.Uncheckable("ψ is not the adapter's; the chain does not recompute ψ over an adapter's parameters");
    }
    return ProofAuditor.omissionOrSound(proof, a.leaves(), a.tree());
  }
}

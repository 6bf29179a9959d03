package org.openledger.prover.proof;

import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.attribution.AttributionProof;
import org.openledger.contracts.attribution.AttributionVerifier;
import org.openledger.contracts.attribution.BasisRow;
import org.openledger.contracts.attribution.CommittedModel;
import org.openledger.contracts.attribution.FraudChecks;
import org.openledger.contracts.attribution.Rounding;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.attribution.index.Query;

/**
 * Proves and audits requests on classifier versions ({@code outputFunction = 1}) of one committed
 * model kind: recomputes the output from the committed weights and input — a host's wrong output is
 * reported, never proven — then ψ, exact scores against every leaf, the top 16 positive (possibly
 * none) and their multiproof. Only ψ depends on the kind ({@link #query}); everything else is the
 * same integer recomputation the chain's fraud proofs make ({@link FraudChecks}, {@link CommittedModel}).
 */
public abstract sealed class CommittedProofEngine implements ProofEngine, ProofAuditor permits LogisticProofEngine, MlpProofEngine {
  public static final int OUTPUT_MARGIN = org.openledger.contracts.model.Models.OUTPUT_CLASSIFIER_MARGIN;

  private final VersionCache<VersionArtifacts> versions;

  CommittedProofEngine(VersionCache<VersionArtifacts> versions) {
    this.versions = versions;
  }

  /** The model kind this engine proves, for messages. */
  abstract String kind();

  abstract boolean proves(CommittedModel model);

  /**
   * The query of {@code input} on {@code a}: the returned class and ψ at its smallest int16 shift.
   *
   * @throws ArithmeticException if a projection leaves int64 (no proof can carry it)
   */
  abstract Query query(VersionArtifacts a, byte[] input);

  @Override
  public Outcome prove(AttributionVerifier.Binding binding, Version version) {
    if (version.outputFunction() != OUTPUT_MARGIN) {
      return new Outcome.NotProvable("output function " + version.outputFunction() + " is not the classifier margin (" + OUTPUT_MARGIN + ")");
    }
    VersionArtifacts a;
    byte[] input;
    try {
      a = versions.artifacts(version);
      input = versions.content().get(binding.inputHash());
    } catch (ContentSource.Unavailable e) {
      return new Outcome.NotProvable(e.getMessage());
    }
    if (!proves(a.model())) return new Outcome.NotProvable("the version's weights are not " + kind() + " weights");
    if (input.length != a.model().inputLength()) {
      return new Outcome.WrongOutput("the committed input has " + input.length + " bytes, the model takes " + a.model().inputLength() + " pixels");
    }
    int predicted = a.model().predict(input);
    Bytes32 expected = Bytes32.wrap(Keccak.hash(FraudChecks.classOutput(predicted)));
    if (!expected.equals(binding.outputHash())) {
      return new Outcome.WrongOutput("the committed weights give class " + predicted + " (output hash " + expected.toHexString()
          + "), the host posted " + binding.outputHash().toHexString());
    }
    Query q;
    try {
      q = query(a, input);
    } catch (ArithmeticException e) {
      return new Outcome.NotProvable("ψ of this input leaves int64: " + e.getMessage());
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
      a = versions.artifacts(version);
      input = versions.content().get(binding.inputHash());
    } catch (ContentSource.Unavailable e) {
      return new Finding.Uncheckable(e.getMessage());
    }
    if (!proves(a.model())) return new Finding.Uncheckable("the version's weights are not " + kind() + " weights");
    CommittedModel model = a.model();
    // the chain refuses an input the model cannot read as evidence, so no challenge can show anything
    if (input.length != model.inputLength()) return new Finding.Uncheckable("the committed input has " + input.length + " bytes");
    return recheck(model, input, binding.outputHash(), proof, a.rows(), a.basisTree(), () -> query(a, input).raw(), a.leaves(), a.tree());
  }

  /**
   * What the chain's one-step challenges would find against a proof of a committed model (an OLA2
   * adapter included): the output, each ψ coordinate (confirmed with {@link FraudChecks}, so a
   * challenge is only sent when it wins), then an omitted leaf.
   *
   * @param raw the query's exact projections; an {@link ArithmeticException} from it makes every
   *     coordinate be checked the chain's unbounded way
   */
  public static Finding recheck(CommittedModel model, byte[] input, org.apache.tuweni.bytes.Bytes32 outputHash, AttributionProof proof,
      java.util.List<? extends BasisRow> rows, org.openledger.contracts.attribution.IndexTree basisTree, java.util.function.Supplier<long[]> raw,
      java.util.List<org.openledger.contracts.attribution.IndexLeaf> leaves, org.openledger.contracts.attribution.IndexTree tree) {
    byte[] weights = model.weightsBytes();
    if (FraudChecks.outputIsWrong(model, input, outputHash)) {
      return new Finding.WrongOutput(weights, input, model.predict(input));
    }
    if (proof.k() != rows.size()) return new Finding.Uncheckable("the proof has k = " + proof.k() + ", the version " + rows.size());
    long[] projections;
    try {
      projections = raw.get();
    } catch (ArithmeticException e) {
      projections = null; // some projection leaves int64: every coordinate is checked the chain's exact way
    }
    short[] psi = proof.psi();
    for (int j = 0; j < psi.length; j++) {
      if (projections != null && psi[j] == Rounding.shift(projections[j], proof.psiShift())) continue;
      BasisRow row = rows.get(j);
      // the chain decides with FraudChecks: confirm with it, so a challenge is only sent when it wins
      if (!FraudChecks.psiIsWrong(proof, model, row, input)) continue;
      BigInteger recomputed = model.psiCoordinate(row, input, proof.psiShift());
      long value = recomputed.bitLength() < 64 ? recomputed.longValue() : recomputed.signum() * Long.MAX_VALUE;
      return new Finding.WrongPsi(j, psi[j], value, weights, input, row.leafBytes(), basisTree.multiproof(new int[] {j}));
    }
    return ProofAuditor.omissionOrSound(proof, leaves, tree);
  }
}

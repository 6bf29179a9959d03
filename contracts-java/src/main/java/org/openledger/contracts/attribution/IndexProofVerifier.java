package org.openledger.contracts.attribution;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.model.Models;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.CallContext;
import org.openledger.precompiles.contract.Declarations;
import org.openledger.precompiles.contract.ErrorSpec;

/**
 * The on-chain verifier of v1 proofs (docs/attribution.md §7): it checks, in this order, the
 * layout, the binding, {@code k} against the version's basis rank, that the version is attested,
 * the leaf set, the multiproof against the version's index root, each score recomputed exactly,
 * the order, and positivity. Each failure is one of {@link #ERRORS}, which the Provers interface
 * lists; nothing is paid for a proof that fails.
 *
 * <p>A proof may include no leaf (no contributor scored above zero): its multiproof is then the
 * tree root alone, so it still proves the leaf count {@code n} that an omission challenge against
 * it needs; it pays no contributor, and settlement sends the pool to the treasury.
 *
 * <p>It reads the version through {@code Models.version} and the required attestation count through
 * {@code Models.parameters}: nested view calls, priced in {@link AttributionVerifier#gas}.
 */
public final class IndexProofVerifier implements AttributionVerifier {

  // Declared here, listed in IProvers (Provers includes ERRORS): the interface name is never emitted.
  private static final Declarations D = new Declarations("IAttributionProof");

  public static final ErrorSpec MALFORMED_PROOF = D.error("MalformedProof(uint256 offset)",
      "The proof does not follow the v1 layout (docs/attribution.md §6): it ends early, runs on, or holds an impossible value at this byte.");
  public static final ErrorSpec UNSUPPORTED_PROOF_VERSION = D.error("UnsupportedProofVersion(uint8 version)",
      "The proof's first byte names a format this fork does not verify (v1 only).");
  public static final ErrorSpec WRONG_BINDING = D.error("WrongBinding(bytes32 expected, bytes32 got)",
      "The proof is bound to another chain, contract, request, model version, input, output or prover.");
  public static final ErrorSpec WRONG_BASIS_RANK = D.error("WrongBasisRank(uint256 expected, uint256 got)",
      "The proof's k differs from the version's registered basis rank.");
  public static final ErrorSpec VERSION_NOT_ATTESTED = D.error(
      "VersionNotAttested(uint256 modelId, uint256 version, uint256 attestations, uint256 required)",
      "The version's index has fewer attestations than governance requires now; more attesters can make it provable.");
  public static final ErrorSpec TOO_MANY_LEAVES = D.error("TooManyLeaves(uint256 count, uint256 max)", "A proof includes at most M leaves.");
  public static final ErrorSpec LEAF_INDEX_OUT_OF_RANGE = D.error("LeafIndexOutOfRange(uint256 leafIndex, uint256 leafCount)",
      "A leaf index is not below the proof's leaf count.");
  public static final ErrorSpec DUPLICATE_LEAF = D.error("DuplicateLeaf(uint256 leafIndex)", "A leaf is included twice.");
  public static final ErrorSpec MULTIPROOF_SIZE = D.error("MultiproofSize(uint256 given)",
      "The multiproof has too few or too many hashes for these leaves in a tree of this size.");
  public static final ErrorSpec INDEX_ROOT_MISMATCH = D.error("IndexRootMismatch(bytes32 expected, bytes32 computed)",
      "The leaves, leaf count and multiproof do not hash to the version's registered index root.");
  public static final ErrorSpec SCORE_MISMATCH = D.error("ScoreMismatch(uint256 leafIndex, int256 declared, int256 computed)",
      "A declared score is not ψ · u recomputed exactly.");
  public static final ErrorSpec ORDER_VIOLATION = D.error("OrderViolation(uint256 position)",
      "The leaf at this position does not follow its predecessor in (score descending, leaf index ascending) order.");
  public static final ErrorSpec SCORE_NOT_POSITIVE = D.error("ScoreNotPositive(uint256 leafIndex, int256 score)",
      "Only positive influence is paid: every included score must be above zero.");

  /** Every error this verifier reverts with, for the interface of the contract that runs it. */
  public static final List<ErrorSpec> ERRORS = List.of(MALFORMED_PROOF, UNSUPPORTED_PROOF_VERSION, WRONG_BINDING, WRONG_BASIS_RANK,
      VERSION_NOT_ATTESTED, TOO_MANY_LEAVES, LEAF_INDEX_OUT_OF_RANGE, DUPLICATE_LEAF, MULTIPROOF_SIZE, INDEX_ROOT_MISMATCH,
      SCORE_MISMATCH, ORDER_VIOLATION, SCORE_NOT_POSITIVE);

  @Override
  public Verified verify(CallContext ctx, Binding binding, Bytes bytes) {
    AttributionProof proof;
    try {
      proof = AttributionProof.decode(bytes);
    } catch (AttributionProof.MalformedException e) {
      throw MALFORMED_PROOF.revert(BigInteger.valueOf(e.offset()));
    } catch (AttributionProof.UnsupportedVersionException e) {
      throw UNSUPPORTED_PROOF_VERSION.revert(BigInteger.valueOf(e.version()));
    }

    Bytes32 expected = binding.hash();
    if (!expected.equals(proof.binding())) throw WRONG_BINDING.revert(expected, proof.binding());

    List<?> version = (List<?>) ctx.call(Addresses.MODELS, Models.VERSION_VIEW, BigInteger.ZERO, binding.modelId(), binding.version());
    List<?> spec = (List<?>) version.get(0);
    BigInteger outputFunction = (BigInteger) spec.get(Models.VERSION_SPEC_FIELDS.indexOf("uint8 outputFunction"));
    // a text-spans version's indexRoot is a corpus root: an empty v1 proof against it would pay nobody without a span search
    if (outputFunction.intValueExact() == Models.OUTPUT_TEXT_SPANS) {
      throw SpanProofVerifier.PROOF_KIND_MISMATCH.revert(BigInteger.valueOf(AttributionProof.VERSION), outputFunction);
    }
    BigInteger basisRank = (BigInteger) spec.get(Models.VERSION_SPEC_FIELDS.indexOf("uint32 basisRank"));
    Bytes32 indexRoot = Bytes32.wrap((Bytes) spec.get(Models.VERSION_SPEC_FIELDS.indexOf("bytes32 indexRoot")));
    BigInteger k = BigInteger.valueOf(proof.k());
    if (!basisRank.equals(k)) throw WRONG_BASIS_RANK.revert(basisRank, k);

    BigInteger attestations = (BigInteger) version.get(1);
    BigInteger required = (BigInteger) ((List<?>) ctx.call(Addresses.MODELS, Models.PARAMETERS, BigInteger.ZERO)).get(2);
    if (attestations.compareTo(required.max(BigInteger.ONE)) < 0) {
      throw VERSION_NOT_ATTESTED.revert(binding.modelId(), binding.version(), attestations, required);
    }

    List<AttributionProof.ProvenLeaf> leaves = proof.leaves();
    int m = leaves.size();
    if (m > AttributionProof.MAX_LEAVES) throw TOO_MANY_LEAVES.revert(BigInteger.valueOf(m), BigInteger.valueOf(AttributionProof.MAX_LEAVES));
    long n = proof.leafCount();
    for (AttributionProof.ProvenLeaf l : leaves) {
      if (l.index() >= n) throw LEAF_INDEX_OUT_OF_RANGE.revert(BigInteger.valueOf(l.index()), BigInteger.valueOf(n));
    }
    AttributionProof.ProvenLeaf[] byIndex = leaves.toArray(AttributionProof.ProvenLeaf[]::new);
    Arrays.sort(byIndex, (a, b) -> Long.compare(a.index(), b.index()));
    long[] indices = new long[m];
    Bytes32[] hashes = new Bytes32[m];
    for (int i = 0; i < m; i++) {
      indices[i] = byIndex[i].index();
      if (i > 0 && indices[i] == indices[i - 1]) throw DUPLICATE_LEAF.revert(BigInteger.valueOf(indices[i]));
      hashes[i] = byIndex[i].leaf().hash();
    }
    Optional<Bytes32> treeRoot = IndexTree.rootFrom(n, indices, hashes, proof.multiproof());
    if (treeRoot.isEmpty()) throw MULTIPROOF_SIZE.revert(BigInteger.valueOf(proof.multiproof().size()));
    Bytes32 computed = IndexTree.indexRoot(n, treeRoot.get());
    if (!computed.equals(indexRoot)) throw INDEX_ROOT_MISMATCH.revert(indexRoot, computed);

    short[] psi = proof.psi();
    for (AttributionProof.ProvenLeaf l : leaves) {
      long score = l.leaf().score(psi);
      if (score != l.score()) throw SCORE_MISMATCH.revert(BigInteger.valueOf(l.index()), BigInteger.valueOf(l.score()), BigInteger.valueOf(score));
    }
    for (int i = 1; i < m; i++) {
      if (AttributionProof.ORDER.compare(leaves.get(i - 1), leaves.get(i)) >= 0) throw ORDER_VIOLATION.revert(BigInteger.valueOf(i));
    }
    List<Address> contributors = new ArrayList<>(m);
    List<BigInteger> scores = new ArrayList<>(m);
    for (AttributionProof.ProvenLeaf l : leaves) {
      if (l.score() <= 0) throw SCORE_NOT_POSITIVE.revert(BigInteger.valueOf(l.index()), BigInteger.valueOf(l.score()));
      contributors.add(l.leaf().contributor());
      scores.add(BigInteger.valueOf(l.score()));
    }
    return new Verified(contributors, scores);
  }
}

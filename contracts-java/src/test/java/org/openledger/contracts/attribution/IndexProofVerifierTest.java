package org.openledger.contracts.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.Protocol.open;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Protocol;
import org.openledger.contracts.attribution.AttributionProof.ProvenLeaf;
import org.openledger.contracts.inference.Inference;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.prover.Provers;
import org.openledger.contracts.staking.Staking;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.host.CallResult;

/**
 * Real proofs through the real contracts (docs/attribution.md §7): a valid proof pays exactly per
 * DESIGN §4 once its challenge window passes; every tampering is refused with its own error and
 * leaves the chain exactly as it was, so nothing is paid.
 */
class IndexProofVerifierTest {
  static final int N = 100, K = 16;
  final AttributedProtocol a = new AttributedProtocol(42, N, K);
  final Protocol p = a.p;

  // ------------------------------------------------------------------ the honest path

  @Test
  void aValidProofPaysOwnerStakersProverTreasuryAndContributorsInProportionToTheirVerifiedScores() {
    BigInteger position = p.stakeAndActivate(p.staker, a.model, open("10"));
    BigInteger id = a.claimedRequest();
    AttributionProof proof = a.proof(id);
    assertThat(proof.leaves()).hasSize(16);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id, proof.encode());
    p.chain.advance(Provers.CHALLENGE_WINDOW.defaultValue().longValueExact() + 1);

    Map<Address, BigInteger> before = balances(proof);
    BigInteger ownerBefore = p.chain.balance(p.owner), proverBefore = p.chain.balance(p.prover);
    BigInteger treasuryBefore = p.chain.balance(Addresses.TREASURY);
    p.chain.ok(p.user, Addresses.INFERENCE, Inference.SETTLE, id);

    // fee 1.14 = 0.64 net + 0.50 platform; net: owner 70 %, stakers 10 %, pool 20 %; platform: prover half, treasury half
    BigInteger pool = open("0.128");
    BigInteger total = proof.leaves().stream().map(l -> BigInteger.valueOf(l.score())).reduce(BigInteger.ZERO, BigInteger::add);
    BigInteger paidToContributors = BigInteger.ZERO;
    for (ProvenLeaf l : proof.leaves()) {
      BigInteger share = pool.multiply(BigInteger.valueOf(l.score())).divide(total);
      assertThat(p.chain.balance(l.leaf().contributor()).subtract(before.get(l.leaf().contributor()))).isEqualTo(share);
      paidToContributors = paidToContributors.add(share);
    }
    BigInteger toOwner = p.chain.balance(p.owner).subtract(ownerBefore);
    BigInteger toProver = p.chain.balance(p.prover).subtract(proverBefore);
    BigInteger toTreasury = p.chain.balance(Addresses.TREASURY).subtract(treasuryBefore);
    BigInteger toStakers = (BigInteger) p.chain.view(Addresses.STAKING, Staking.PENDING_REWARDS, position);
    assertThat(toOwner).isEqualTo(open("0.448"));
    assertThat(toStakers).isEqualTo(open("0.064"));
    assertThat(toProver).isEqualTo(open("0.25"));
    assertThat(toTreasury).isEqualTo(open("0.25").add(pool.subtract(paidToContributors))); // the pool's rounding dust too
    assertThat(toOwner.add(toStakers).add(toProver).add(toTreasury).add(paidToContributors)).isEqualTo(open("1.14"));
    assertThat(p.chain.totalBalances()).isEqualTo(p.chain.supply());
  }

  @Test
  void theVerifiedListIsTheProofsLeavesInScoreOrderAndPaysOnlyAfterTheWindow() {
    BigInteger id = a.claimedRequest();
    AttributionProof proof = a.proof(id);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id, proof.encode());
    List<?> verified = (List<?>) p.chain.view(Addresses.PROVERS, Provers.VERIFIED_ATTRIBUTION, id);
    assertThat(verified.get(1)).isEqualTo(false);
    assertThat(verified.get(2)).isEqualTo(proof.leaves().stream().map(l -> l.leaf().contributor()).toList());
    assertThat(verified.get(3)).isEqualTo(proof.leaves().stream().map(l -> BigInteger.valueOf(l.score())).toList());
    assertThat(Inference.PROOF_NOT_FINAL.matches(p.chain.send(p.user, Addresses.INFERENCE, Inference.SETTLE, id).output())).isTrue();
  }

  @Test
  void anEmptyProofPaysOwnerStakersAndProverAsUsualAndThePoolToTheTreasury() {
    BigInteger position = p.stakeAndActivate(p.staker, a.model, open("10"));
    BigInteger id = a.claimedRequest();
    AttributionProof empty = a.emptyProof(id);
    assertThat(empty.leaves()).isEmpty();
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id, empty.encode());
    List<?> verified = (List<?>) p.chain.view(Addresses.PROVERS, Provers.VERIFIED_ATTRIBUTION, id);
    assertThat((List<?>) verified.get(2)).isEmpty();
    p.chain.advance(Provers.CHALLENGE_WINDOW.defaultValue().longValueExact() + 1);

    Map<Address, BigInteger> contributorsBefore = new HashMap<>();
    for (IndexLeaf l : a.leaves) contributorsBefore.put(l.contributor(), p.chain.balance(l.contributor()));
    BigInteger ownerBefore = p.chain.balance(p.owner), proverBefore = p.chain.balance(p.prover);
    BigInteger treasuryBefore = p.chain.balance(Addresses.TREASURY);
    p.chain.ok(p.user, Addresses.INFERENCE, Inference.SETTLE, id);

    assertThat(p.chain.balance(p.owner).subtract(ownerBefore)).isEqualTo(open("0.448"));
    assertThat((BigInteger) p.chain.view(Addresses.STAKING, Staking.PENDING_REWARDS, position)).isEqualTo(open("0.064"));
    assertThat(p.chain.balance(p.prover).subtract(proverBefore)).isEqualTo(open("0.25"));
    assertThat(p.chain.balance(Addresses.TREASURY).subtract(treasuryBefore)).as("half the platform fee and the whole pool")
        .isEqualTo(open("0.25").add(open("0.128")));
    for (IndexLeaf l : a.leaves) assertThat(p.chain.balance(l.contributor())).isEqualTo(contributorsBefore.get(l.contributor()));
    assertThat(p.chain.totalBalances()).isEqualTo(p.chain.supply());
  }

  @Test
  void aProofWithFewerPositiveLeavesThanMIncludesExactlyThePositiveOnes() {
    AttributedProtocol small = new AttributedProtocol(7, 5, K);
    BigInteger id = small.claimedRequest();
    AttributionProof proof = small.proof(id);
    long positive = small.leaves.stream().filter(l -> l.score(proof.psi()) > 0).count();
    assertThat(proof.leaves()).hasSize((int) positive);
    small.p.chain.ok(small.p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id, proof.encode());
  }

  // ------------------------------------------------------------------ tampering, in the order the chain checks

  @Test
  void bytesThatEndEarlyAreMalformedAtTheFieldThatRunsOut() {
    BigInteger id = a.claimedRequest();
    Bytes proof = a.proof(id).encode();
    int psiEnd = AttributionProof.HEADER_BYTES + 2 * K;
    refused(a.submit(p.prover, id, proof.slice(0, psiEnd + 2)), IndexProofVerifier.MALFORMED_PROOF, BigInteger.valueOf(psiEnd));
    refused(a.submit(p.prover, id, proof.slice(0, proof.size() - 1)), IndexProofVerifier.MALFORMED_PROOF, BigInteger.valueOf(proof.size() - 32));
    refused(a.submit(p.prover, id, Bytes.EMPTY), IndexProofVerifier.MALFORMED_PROOF, BigInteger.ZERO);
  }

  @Test
  void trailingBytesAreMalformedWhereTheProofShouldEnd() {
    BigInteger id = a.claimedRequest();
    Bytes proof = a.proof(id).encode();
    refused(a.submit(p.prover, id, Bytes.concatenate(proof, Bytes.of(0))), IndexProofVerifier.MALFORMED_PROOF, BigInteger.valueOf(proof.size()));
  }

  @Test
  void anotherFormatVersionIsRefused() {
    BigInteger id = a.claimedRequest();
    byte[] proof = a.proof(id).encode().toArray();
    proof[0] = 3; // 2 is the span proof (docs/text-attribution.md §6)
    refused(a.submit(p.prover, id, Bytes.wrap(proof)), IndexProofVerifier.UNSUPPORTED_PROOF_VERSION, BigInteger.valueOf(3));
  }

  @Test
  void aProofBoundToAnotherRequestIsRefused() {
    BigInteger first = a.claimedRequest();
    BigInteger second = a.claimedRequest();
    AttributionProof forFirst = a.proof(first);
    refused(a.submit(second, forFirst), IndexProofVerifier.WRONG_BINDING, a.binding(second).hash(), a.binding(first).hash());
  }

  @Test
  void aProofBoundToAnotherChainIsRefused() {
    BigInteger id = a.claimedRequest();
    AttributionVerifier.Binding b = a.binding(id);
    Bytes32 otherChain = new AttributionVerifier.Binding(b.chainId() + 1, b.provers(), b.requestId(), b.modelId(), b.version(),
        b.inputHash(), b.outputHash(), b.prover()).hash();
    AttributionProof proof = a.proof(id);
    refused(a.submit(id, AttributedProtocol.with(proof, otherChain, proof.psi(), proof.leafCount(), proof.leaves(), proof.multiproof())),
        IndexProofVerifier.WRONG_BINDING, b.hash(), otherChain);
  }

  @Test
  void aProofBoundToAnotherProverIsRefused() {
    BigInteger id = a.claimedRequest();
    AttributionVerifier.Binding b = a.binding(id);
    Bytes32 otherProver = new AttributionVerifier.Binding(b.chainId(), b.provers(), b.requestId(), b.modelId(), b.version(),
        b.inputHash(), b.outputHash(), Address.of(0xbad)).hash();
    AttributionProof proof = a.proof(id);
    refused(a.submit(id, AttributedProtocol.with(proof, otherProver, proof.psi(), proof.leafCount(), proof.leaves(), proof.multiproof())),
        IndexProofVerifier.WRONG_BINDING, b.hash(), otherProver);
  }

  @Test
  void aCopiedProofSubmittedByAnAddressWithoutTheClaimIsRefused() {
    BigInteger id = a.claimedRequest();
    Bytes proof = a.proof(id).encode();
    Address copier = Address.of(0xc0b1);
    refused(a.submit(copier, id, proof), Provers.NOT_CLAIMANT, id, copier);
  }

  @Test
  void aCopiedProofSubmittedUnderAnotherProversLaterClaimIsBoundToTheFirstProverAndRefused() {
    BigInteger id = a.claimedRequest();
    Bytes proof = a.proof(id).encode();
    Address copier = Address.of(0xc0b1);
    p.chain.fund(copier, open("1000"));
    p.chain.ok(copier, Addresses.PROVERS, open("100"), Provers.BOND);
    p.chain.advance(Provers.CLAIM_WINDOW.defaultValue().longValueExact() + 1); // the first claim lapses unproven
    p.chain.ok(copier, Addresses.PROVERS, Provers.CLAIM, id);
    AttributionVerifier.Binding mine = new AttributionVerifier.Binding(p.chain.host.block().chainId(), Addresses.PROVERS, id, a.model,
        BigInteger.ONE, Protocol.root("input"), Protocol.root("output"), copier);
    refused(a.submit(copier, id, proof), IndexProofVerifier.WRONG_BINDING, mine.hash(), a.binding(id).hash());
  }

  @Test
  void aProofWhoseKIsNotTheVersionsBasisRankIsRefused() {
    List<IndexLeaf> wide = AttributedProtocol.randomLeaves(new java.util.Random(9), 8, K + 1);
    short[] psi = wide.get(0).u(); // scores leaf 0 positive
    BigInteger id = a.claimedRequest();
    AttributionProof proof = AttributionProof.build(a.binding(id).hash(), 0, psi, wide, AttributionProof.MAX_LEAVES);
    refused(a.submit(id, proof), IndexProofVerifier.WRONG_BASIS_RANK, BigInteger.valueOf(K), BigInteger.valueOf(K + 1));
  }

  /**
   * Only attested versions are deployed and only deployed versions take requests, so a version
   * with no attestation never has a request to prove. What is reachable: governance raising the
   * required count after deployment. The version is then unpaid until attested enough.
   */
  @Test
  void aVersionBelowTheRequiredAttestationsIsRefusedUntilMoreAttestersAttest() {
    BigInteger id = a.claimedRequest();
    Bytes proof = a.proof(id).encode();
    p.chain.ok(Addresses.TIMELOCK, Addresses.MODELS, Models.SET_REQUIRED_ATTESTATIONS, BigInteger.TWO);
    refused(a.submit(p.prover, id, proof), IndexProofVerifier.VERSION_NOT_ATTESTED, a.model, BigInteger.ONE, BigInteger.ONE, BigInteger.TWO);

    Address attester = Address.of(0xa77e);
    p.chain.fund(attester, open("100"));
    p.chain.ok(attester, Addresses.PROVERS, open("10"), Provers.BOND);
    p.chain.ok(attester, Addresses.PROVERS, Provers.ATTEST, a.model, BigInteger.ONE);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id, proof);
  }

  @Test
  void anEmptyProofWhoseMultiproofIsNotTheTreeRootAloneIsRefused() {
    BigInteger id = a.claimedRequest();
    AttributionProof full = a.proof(id);
    refused(a.submit(id, AttributedProtocol.withLeaves(full, List.of())), IndexProofVerifier.MULTIPROOF_SIZE,
        BigInteger.valueOf(full.multiproof().size()));
    refused(a.submit(id, AttributedProtocol.with(full, full.binding(), full.psi(), N, List.of(), List.of())), IndexProofVerifier.MULTIPROOF_SIZE,
        BigInteger.ZERO);
  }

  @Test
  void anEmptyProofWithAnotherLeafCountNoLongerHashesToTheIndexRoot() {
    BigInteger id = a.claimedRequest();
    AttributionProof empty = a.emptyProof(id);
    AttributionProof fewer = AttributedProtocol.with(empty, empty.binding(), empty.psi(), N - 1, List.of(), empty.multiproof());
    refused(a.submit(id, fewer), IndexProofVerifier.INDEX_ROOT_MISMATCH, a.tree.indexRoot(), IndexTree.indexRoot(N - 1, a.tree.root()));
  }

  @Test
  void aProofWithMoreThanMLeavesIsRefused() {
    BigInteger id = a.claimedRequest();
    AttributionProof proof = a.proof(id);
    List<ProvenLeaf> seventeen = new ArrayList<>(proof.leaves());
    seventeen.add(proof.leaves().get(0));
    refused(a.submit(id, AttributedProtocol.withLeaves(proof, seventeen)), IndexProofVerifier.TOO_MANY_LEAVES, BigInteger.valueOf(17), BigInteger.valueOf(16));
  }

  @Test
  void aLeafIndexAtOrBeyondTheLeafCountIsRefused() {
    BigInteger id = a.claimedRequest();
    AttributionProof proof = a.proof(id);
    List<ProvenLeaf> leaves = new ArrayList<>(proof.leaves());
    ProvenLeaf last = leaves.get(leaves.size() - 1);
    leaves.set(leaves.size() - 1, new ProvenLeaf(N, last.leaf(), last.score()));
    refused(a.submit(id, AttributedProtocol.withLeaves(proof, leaves)), IndexProofVerifier.LEAF_INDEX_OUT_OF_RANGE, BigInteger.valueOf(N), BigInteger.valueOf(N));
  }

  @Test
  void aLeafIncludedTwiceIsRefused() {
    BigInteger id = a.claimedRequest();
    AttributionProof proof = a.proof(id);
    List<ProvenLeaf> leaves = new ArrayList<>(proof.leaves());
    leaves.set(1, leaves.get(0));
    refused(a.submit(id, AttributedProtocol.withLeaves(proof, leaves)), IndexProofVerifier.DUPLICATE_LEAF, BigInteger.valueOf(leaves.get(0).index()));
  }

  @Test
  void aMultiproofWithAHashMissingOrToSpareIsRefused() {
    BigInteger id = a.claimedRequest();
    AttributionProof proof = a.proof(id);
    List<Bytes32> shorter = proof.multiproof().subList(0, proof.multiproof().size() - 1);
    List<Bytes32> longer = new ArrayList<>(proof.multiproof());
    longer.add(Bytes32.ZERO);
    refused(a.submit(id, AttributedProtocol.with(proof, proof.binding(), proof.psi(), N, proof.leaves(), shorter)),
        IndexProofVerifier.MULTIPROOF_SIZE, BigInteger.valueOf(shorter.size()));
    refused(a.submit(id, AttributedProtocol.with(proof, proof.binding(), proof.psi(), N, proof.leaves(), longer)),
        IndexProofVerifier.MULTIPROOF_SIZE, BigInteger.valueOf(longer.size()));
  }

  @Test
  void anAlteredLeafCoordinateNoLongerHashesToTheIndexRoot() {
    BigInteger id = a.claimedRequest();
    AttributionProof proof = a.proof(id);
    List<ProvenLeaf> leaves = new ArrayList<>(proof.leaves());
    ProvenLeaf first = leaves.get(0);
    short[] u = first.leaf().u();
    short[] raised = u.clone();
    raised[0] = (short) (u[0] + (proof.psi()[0] > 0 ? 1 : -1)); // a bigger score, declared consistently
    IndexLeaf altered = new IndexLeaf(first.leaf().contributor(), first.leaf().datanetId(), first.leaf().contributionsRoot(), raised);
    leaves.set(0, new ProvenLeaf(first.index(), altered, altered.score(proof.psi())));
    CallResult r = a.submit(id, AttributedProtocol.withLeaves(proof, leaves));
    refused(r, IndexProofVerifier.INDEX_ROOT_MISMATCH, a.tree.indexRoot(), IndexProofVerifier.INDEX_ROOT_MISMATCH.decode(r.output()).get(1));
  }

  @Test
  void anAlteredLeafCountNoLongerHashesToTheIndexRoot() {
    BigInteger id = a.claimedRequest();
    AttributionProof proof = a.proof(id);
    CallResult r = a.submit(id, AttributedProtocol.with(proof, proof.binding(), proof.psi(), N + 1, proof.leaves(), proof.multiproof()));
    assertThat(r.status()).isEqualTo(CallResult.Status.REVERT);
    assertThat(IndexProofVerifier.INDEX_ROOT_MISMATCH.matches(r.output()) || IndexProofVerifier.MULTIPROOF_SIZE.matches(r.output()))
        .as(p.chain.describe(Addresses.PROVERS, r)).isTrue();
  }

  @Test
  void aProofBuiltAgainstAnotherVersionsIndexIsRefusedByTheRoot() {
    BigInteger id = a.claimedRequest();
    List<IndexLeaf> otherIndex = AttributedProtocol.randomLeaves(new java.util.Random(99), N, K);
    AttributionProof proof = AttributionProof.build(a.binding(id).hash(), 7, a.psi(), otherIndex, AttributionProof.MAX_LEAVES);
    refused(a.submit(id, proof), IndexProofVerifier.INDEX_ROOT_MISMATCH, a.tree.indexRoot(), IndexTree.ofLeaves(otherIndex).indexRoot());
  }

  @Test
  void anAlteredPsiNoLongerGivesTheDeclaredScores() {
    BigInteger id = a.claimedRequest();
    AttributionProof proof = a.proof(id);
    short[] psi = proof.psi();
    psi[3]++;
    ProvenLeaf first = proof.leaves().get(0);
    refused(a.submit(id, AttributedProtocol.with(proof, proof.binding(), psi, N, proof.leaves(), proof.multiproof())),
        IndexProofVerifier.SCORE_MISMATCH, BigInteger.valueOf(first.index()), BigInteger.valueOf(first.score()),
        BigInteger.valueOf(first.leaf().score(psi)));
  }

  @Test
  void anAlteredScoreIsRefused() {
    BigInteger id = a.claimedRequest();
    AttributionProof proof = a.proof(id);
    List<ProvenLeaf> leaves = new ArrayList<>(proof.leaves());
    ProvenLeaf first = leaves.get(0);
    leaves.set(0, new ProvenLeaf(first.index(), first.leaf(), first.score() * 2));
    refused(a.submit(id, AttributedProtocol.withLeaves(proof, leaves)), IndexProofVerifier.SCORE_MISMATCH,
        BigInteger.valueOf(first.index()), BigInteger.valueOf(first.score() * 2), BigInteger.valueOf(first.score()));
  }

  @Test
  void leavesOutOfScoreOrderAreRefusedAtTheFirstLeafThatOutscoresItsPredecessor() {
    BigInteger id = a.claimedRequest();
    AttributionProof proof = a.proof(id);
    List<ProvenLeaf> leaves = new ArrayList<>(proof.leaves());
    java.util.Collections.swap(leaves, 4, 5); // position 4 still follows position 3; position 5 outscores position 4
    refused(a.submit(id, AttributedProtocol.withLeaves(proof, leaves)), IndexProofVerifier.ORDER_VIOLATION, BigInteger.valueOf(5));
  }

  @Test
  void equalScoresMustComeInAscendingLeafIndexOrder() {
    // leaf 0 and leaf 4 have the same large vector and so the same score; leaves 1–3 are small and score lower
    List<IndexLeaf> leaves = new ArrayList<>();
    short[] big = new short[K];
    java.util.Arrays.fill(big, (short) 20_000);
    leaves.add(new IndexLeaf(Address.of(0x1000), 1, Protocol.root("first"), big));
    java.util.Random random = new java.util.Random(5);
    for (int i = 1; i <= 3; i++) {
      short[] u = new short[K];
      for (int j = 0; j < K; j++) u[j] = (short) (random.nextInt(201) - 100);
      leaves.add(new IndexLeaf(Address.of(0x1000 + i), 1, Protocol.root("small " + i), u));
    }
    leaves.add(new IndexLeaf(Address.of(0x2000), 1, Protocol.root("twin"), big));
    Protocol q = new Protocol(new IndexProofVerifier());
    IndexTree tree = IndexTree.ofLeaves(leaves);
    BigInteger model = q.deployedModel(open("1"), tree.indexRoot(), K);
    BigInteger id = q.request(model, open("1.14"));
    q.result(id);
    q.chain.ok(q.prover, Addresses.PROVERS, Provers.CLAIM, id);
    short[] psi = big;
    AttributionProof proof = AttributionProof.build(q.binding(id, model).hash(), 0, psi, leaves, tree, 2);
    assertThat(proof.leaves()).extracting(ProvenLeaf::index).containsExactly(0L, 4L);
    List<ProvenLeaf> swapped = List.of(proof.leaves().get(1), proof.leaves().get(0));
    CallResult r = q.chain.send(q.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id, AttributedProtocol.withLeaves(proof, swapped).encode());
    assertThat(IndexProofVerifier.ORDER_VIOLATION.decode(r.output())).containsExactly(BigInteger.ONE);
    q.chain.ok(q.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id, proof.encode());
  }

  @Test
  void aLeafWithANonPositiveScoreIsRefusedEvenWhenScoredOrderedAndProvenCorrectly() {
    BigInteger id = a.claimedRequest();
    AttributionProof proof = a.proof(id);
    short[] psi = proof.psi();
    int negative = 0;
    while (a.leaves.get(negative).score(psi) > 0) negative++;
    List<ProvenLeaf> leaves = new ArrayList<>(proof.leaves().subList(0, 15));
    leaves.add(new ProvenLeaf(negative, a.leaves.get(negative), a.leaves.get(negative).score(psi)));
    int[] indices = leaves.stream().mapToInt(l -> (int) l.index()).sorted().toArray();
    AttributionProof withNegative = AttributedProtocol.with(proof, proof.binding(), psi, N, leaves, a.tree.multiproof(indices));
    refused(a.submit(id, withNegative), IndexProofVerifier.SCORE_NOT_POSITIVE, BigInteger.valueOf(negative),
        BigInteger.valueOf(a.leaves.get(negative).score(psi)));
  }

  // ------------------------------------------------------------------ single use

  @Test
  void aProofIsAcceptedOnceAndItsReplayRefused() {
    BigInteger id = a.claimedRequest();
    Bytes proof = a.proof(id).encode();
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id, proof);
    refused(a.submit(p.prover, id, proof), Provers.ALREADY_PROVEN, id);
  }

  @Test
  void theErrorsAreListedInTheProversInterface() {
    assertThat(Provers.SPEC.errors()).containsAll(IndexProofVerifier.ERRORS);
  }

  // ------------------------------------------------------------------ helpers

  /** The call reverted with exactly {@code error(args)} and changed nothing: no state, no balance, so nothing was paid. */
  private void refused(CallResult r, ErrorSpec error, Object... args) {
    assertThat(r.status()).as(p.chain.describe(Addresses.PROVERS, r)).isEqualTo(CallResult.Status.REVERT);
    assertThat(error.matches(r.output())).as(p.chain.describe(Addresses.PROVERS, r)).isTrue();
    assertThat(error.decode(r.output())).containsExactly(args);
    assertThat(a.lastSubmitChangedNothing).isTrue();
  }

  private Map<Address, BigInteger> balances(AttributionProof proof) {
    Map<Address, BigInteger> out = new HashMap<>();
    for (ProvenLeaf l : proof.leaves()) out.put(l.leaf().contributor(), p.chain.balance(l.leaf().contributor()));
    return out;
  }
}

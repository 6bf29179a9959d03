package org.openledger.contracts.prover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.Protocol.open;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Protocol;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.IndexTree;
import org.openledger.contracts.attribution.SumTree;
import org.openledger.contracts.inference.Inference;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.settlement.BasisPoints;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.host.CallResult;

/**
 * The leaf-coordinate challenge through the real Provers and Models contracts, on a tiny real
 * index ({@link TinyIndex}): a challenger who is right wins after the one step (or when the
 * defenders stay silent), one who is wrong loses at it; every evidence mismatch and every move out
 * of turn or out of its window reverts with its custom error and changes nothing; OPEN is conserved
 * to the wei.
 */
class LeafChallengesTest {
  static final int J = 2; // the disputed coordinate
  static final int A = 0; // contributor A's leaf: two contributions, the first uploaded in three chunks
  final Address challenger = Address.of(0xc4a1);
  final Address attester = Address.of(0xa77e);
  final Address stranger = Address.of(0x5157);
  final TinyIndex index = tiny();
  final Protocol p = new Protocol();
  final long window = Provers.LEAF_RESPONSE_WINDOW.defaultValue().longValueExact();
  final BigInteger bond = Provers.LEAF_CHALLENGER_BOND.defaultValue();
  List<IndexLeaf> leaves;
  IndexTree tree;
  BigInteger modelId;

  /** The committed model the game runs on: logistic regression here, the MLP in {@link MlpLeafChallengesTest}. */
  TinyIndex tiny() {
    return new TinyIndex();
  }

  LeafChallengesTest() {
    p.chain.fund(challenger, open("100"));
    p.chain.fund(attester, open("100"));
  }

  /** Registers, attests (the protocol's prover and a second attester) and deploys a version over {@code leaves}. */
  void register(List<IndexLeaf> registered) {
    leaves = registered;
    tree = IndexTree.ofLeaves(leaves);
    modelId = (BigInteger) p.chain.ok(p.owner, Addresses.MODELS, Models.PROPOSE, BigInteger.ZERO, List.of(BigInteger.ONE), "tiny", "ipfs://t");
    p.chain.ok(Addresses.TIMELOCK, Addresses.MODELS, Models.APPROVE, modelId);
    p.chain.ok(Addresses.SERVICES, Addresses.MODELS, Models.MARK_TRAINING, modelId);
    List<Object> spec = List.of(index.model.weightsRoot(), index.basisTree.root(), tree.indexRoot(), BigInteger.valueOf(100), index.scale(),
        BigInteger.ZERO, BigInteger.ZERO, BigInteger.valueOf(400), BigInteger.valueOf(240), p.owner, open("1"), open("1"), BigInteger.valueOf(TinyIndex.K));
    p.chain.ok(p.owner, Addresses.MODELS, Models.REGISTER_VERSION, modelId, spec);
    for (Address a : List.of(p.prover, attester)) {
      p.chain.ok(a, Addresses.PROVERS, open("50"), Provers.BOND);
      p.chain.ok(a, Addresses.PROVERS, Provers.ATTEST, modelId, BigInteger.ONE);
    }
    p.chain.ok(Addresses.TIMELOCK, Addresses.MODELS, Models.DEPLOY, modelId, BigInteger.ONE);
  }

  void registerWrongLeaf() {
    register(index.leaves(A, J, 1));
  }

  void registerHonest() {
    register(index.honestLeaves());
  }

  // ------------------------------------------------------------------ moves

  CallResult openWith(BigInteger value, int leaf, long[] partials, Bytes contributions, int leafProofOf) {
    return p.chain.send(challenger, Addresses.PROVERS, value, Provers.OPEN_LEAF_CHALLENGE, modelId, BigInteger.ONE,
        BigInteger.valueOf(leaves.size()), BigInteger.valueOf(leaf), BigInteger.valueOf(J), Bytes.wrap(leaves.get(leaf).leafBytes()),
        tree.multiproof(new int[] {leafProofOf}), contributions, int64s(partials));
  }

  CallResult openOn(long[] partials) {
    return openWith(bond, A, partials, index.owners.get(A).contributionLeaves(), A);
  }

  BigInteger opened(long[] partials) {
    CallResult r = openOn(partials);
    assertThat(r.isSuccess()).as(p.chain.describe(Addresses.PROVERS, r)).isTrue();
    return (BigInteger) Provers.OPEN_LEAF_CHALLENGE.decodeOutput(r.output());
  }

  CallResult dispute(Address who, BigInteger game, int contribution) {
    return p.chain.send(who, Addresses.PROVERS, Provers.DISPUTE_PARTIAL_SUM, game, BigInteger.valueOf(contribution));
  }

  TinyIndex.Contribution contribution(int i) {
    return index.owners.get(A).contributions().get(i);
  }

  CallResult descend(Address who, BigInteger game, long[] partials, int i, long[] values) {
    List<Bytes32> proof = IndexTree.of(index.owners.get(A).contributions().stream()
        .map(c -> Bytes32.wrap(org.openledger.precompiles.Keccak.hash(c.leafBytes()))).toList()).multiproof(new int[] {i});
    return p.chain.send(who, Addresses.PROVERS, Provers.DESCEND_LEAF_CHALLENGE, game, int64s(partials), Bytes.wrap(contribution(i).leafBytes()),
        proof, int64s(values));
  }

  CallResult upload(BigInteger game, long offset, byte[] chunk, long records) {
    return p.chain.send(challenger, Addresses.PROVERS, Provers.UPLOAD_CONTRIBUTION, game, BigInteger.valueOf(offset), Bytes.wrap(chunk),
        BigInteger.valueOf(records));
  }

  void uploadAll(BigInteger game, byte[] content) {
    long offset = 0;
    for (byte[] chunk : TinyIndex.chunks(content)) {
      ok(upload(game, offset, chunk, TinyIndex.recordsCompleted(offset, offset + chunk.length)));
      offset += chunk.length;
    }
  }

  CallResult step(Address who, BigInteger game, int e, long[] values, byte[] record, Bytes weights, int row) {
    return p.chain.send(who, Addresses.PROVERS, Provers.STEP_LEAF_CHALLENGE, game, BigInteger.valueOf(e), int64s(values), Bytes.wrap(record),
        weights, Bytes.wrap(index.rowLeaf(row)), index.basisTree.multiproof(new int[] {row}));
  }

  CallResult step(BigInteger game, int e, long[] values) {
    return step(p.owner, game, e, values, contribution(0).record(e), Bytes.wrap(index.model.weightsBytes()), J);
  }

  /** Opens with the exact sums, has the owner dispute contribution 0, descends with {@code values} and uploads it. */
  BigInteger atTheStep(long[] partials, long[] values) {
    BigInteger game = opened(partials);
    ok(dispute(p.owner, game, 0));
    ok(descend(challenger, game, partials, 0, values));
    uploadAll(game, contribution(0).content());
    return game;
  }

  CallResult timeout(BigInteger game) {
    return p.chain.send(stranger, Addresses.PROVERS, Provers.TIMEOUT_LEAF_CHALLENGE, game);
  }

  // ------------------------------------------------------------------ observations

  void ok(CallResult r) {
    assertThat(r.isSuccess()).as(p.chain.describe(Addresses.PROVERS, r)).isTrue();
  }

  int state(BigInteger game) {
    return ((BigInteger) ((List<?>) p.chain.view(Addresses.PROVERS, Provers.LEAF_CHALLENGE, game)).get(6)).intValueExact();
  }

  boolean faulty() {
    return (Boolean) p.chain.view(Addresses.PROVERS, Provers.VERSION_FAULTY_VIEW, modelId, BigInteger.ONE);
  }

  BigInteger bondOf(Address a) {
    return (BigInteger) ((List<?>) p.chain.view(Addresses.PROVERS, Provers.BOND_OF, a)).get(0);
  }

  void assertRefused(CallResult r, ErrorSpec error, Object before) {
    assertThat(r.status()).as(p.chain.describe(Addresses.PROVERS, r)).isEqualTo(CallResult.Status.REVERT);
    assertThat(error.matches(r.output())).as(p.chain.describe(Addresses.PROVERS, r)).isTrue();
    assertThat(p.chain.host.snapshot()).isEqualTo(before);
  }

  static List<BigInteger> int64s(long[] values) {
    return Arrays.stream(values).mapToObj(BigInteger::valueOf).toList();
  }

  long[] withError(long[] values, int at) {
    long[] out = values.clone();
    out[at] += 3L << index.leafShift; // moves the rounded total by 3
    return out;
  }

  // ------------------------------------------------------------------ the game's outcomes

  @Test
  void aRightChallengerWinsAfterTheOneStepAndTheAttestersAreSlashed() {
    registerWrongLeaf();
    BigInteger supply = p.chain.supply();
    BigInteger challengerBefore = p.chain.balance(challenger), treasuryBefore = p.chain.balance(Addresses.TREASURY);
    BigInteger proverBond = bondOf(p.prover), attesterBond = bondOf(attester);
    BigInteger game = atTheStep(index.partials(A, J), index.values(contribution(0), J));

    ok(step(game, 0, index.values(contribution(0), J)));

    assertThat(state(game)).isEqualTo(LeafChallenges.CHALLENGER_WON);
    assertThat(faulty()).isTrue();
    BigInteger each = Provers.MIN_ATTESTER_BOND.defaultValue(); // attesterSlashBp defaults to all of it
    assertThat(bondOf(p.prover)).isEqualTo(proverBond.subtract(each));
    assertThat(bondOf(attester)).isEqualTo(attesterBond.subtract(each));
    BigInteger slashed = each.add(each);
    BigInteger share = BasisPoints.share(slashed, Provers.CHALLENGER_SHARE_BP.defaultValue().intValueExact());
    assertThat(p.chain.balance(challenger)).as("bond back plus its share").isEqualTo(challengerBefore.add(share));
    assertThat(p.chain.balance(Addresses.TREASURY)).isEqualTo(treasuryBefore.add(slashed.subtract(share)));
    assertThat(p.chain.totalBalances()).isEqualTo(supply);
  }

  @Test
  void aWrongChallengerLosesAtTheOneStepAndItsBondGoesToTheDefender() {
    registerHonest();
    BigInteger supply = p.chain.supply();
    BigInteger challengerBefore = p.chain.balance(challenger), ownerBefore = p.chain.balance(p.owner);
    long[] values = withError(index.values(contribution(0), J), 5);
    long[] partials = withError(index.partials(A, J), 0);
    BigInteger game = atTheStep(partials, values);

    ok(step(game, 5, values));

    assertThat(state(game)).isEqualTo(LeafChallenges.CHALLENGER_LOST);
    assertThat(faulty()).isFalse();
    assertThat(p.chain.balance(challenger)).isEqualTo(challengerBefore.subtract(bond));
    assertThat(p.chain.balance(p.owner)).isEqualTo(ownerBefore.add(bond));
    assertThat(p.chain.totalBalances()).isEqualTo(supply);
  }

  @Test
  void aDefenderWhoPicksARightValueLosesTheStep() {
    registerHonest();
    long[] values = withError(index.values(contribution(0), J), 5);
    BigInteger game = atTheStep(withError(index.partials(A, J), 0), values);

    ok(step(game, 4, values)); // example 4's value is right: the defender picked wrongly

    assertThat(state(game)).isEqualTo(LeafChallenges.CHALLENGER_WON);
    assertThat(faulty()).isTrue();
  }

  @Test
  void withoutADisputeTheChallengerWinsAfterTheWindow() {
    registerWrongLeaf();
    BigInteger supply = p.chain.supply();
    BigInteger game = opened(index.partials(A, J));
    p.chain.advance(window + 1);

    ok(timeout(game));

    assertThat(state(game)).isEqualTo(LeafChallenges.CHALLENGER_WON);
    assertThat(faulty()).isTrue();
    assertThat(p.chain.totalBalances()).isEqualTo(supply);
  }

  @Test
  void withoutADescentTheChallengerLosesAfterTheWindow() {
    registerHonest();
    BigInteger ownerBefore = p.chain.balance(p.owner);
    BigInteger game = opened(withError(index.partials(A, J), 1));
    ok(dispute(p.owner, game, 1));
    p.chain.advance(window + 1);

    ok(timeout(game));

    assertThat(state(game)).isEqualTo(LeafChallenges.CHALLENGER_LOST);
    assertThat(p.chain.balance(p.owner)).isEqualTo(ownerBefore.add(bond));
  }

  @Test
  void anUnfinishedUploadLosesAfterTheWindow() {
    registerWrongLeaf();
    long[] partials = index.partials(A, J);
    BigInteger game = opened(partials);
    ok(dispute(attester, game, 0));
    ok(descend(challenger, game, partials, 0, index.values(contribution(0), J)));
    byte[] first = TinyIndex.chunks(contribution(0).content()).get(0);
    ok(upload(game, 0, first, TinyIndex.recordsCompleted(0, first.length)));
    p.chain.advance(window + 1);

    ok(timeout(game));

    assertThat(state(game)).isEqualTo(LeafChallenges.CHALLENGER_LOST);
    assertThat(faulty()).isFalse();
  }

  @Test
  void withoutAStepAfterTheUploadTheChallengerWins() {
    registerWrongLeaf();
    BigInteger game = atTheStep(index.partials(A, J), index.values(contribution(0), J));
    p.chain.advance(window + 1);

    ok(timeout(game));

    assertThat(state(game)).isEqualTo(LeafChallenges.CHALLENGER_WON);
  }

  // ------------------------------------------------------------------ a faulty version

  /** A game the challenger wins by the defenders' silence, in a short window so that earlier claims are still open. */
  void faultBySilence() {
    BigInteger game = opened(index.partials(A, J));
    p.chain.advance(11);
    ok(timeout(game));
    assertThat(faulty()).isTrue();
  }

  void shortWindow() {
    p.chain.ok(Addresses.TIMELOCK, Addresses.PROVERS, Provers.SET_PARAMETER, Provers.LEAF_RESPONSE_WINDOW.label(), BigInteger.TEN);
  }

  @Test
  void aClaimOnAFaultyVersionIsRefused() {
    registerWrongLeaf();
    BigInteger id = p.request(modelId, open("1.14"));
    p.result(id);
    shortWindow();
    faultBySilence();
    Object before = p.chain.host.snapshot();
    assertRefused(p.chain.send(p.prover, Addresses.PROVERS, Provers.CLAIM, id), Provers.VERSION_FAULTY, before);
  }

  @Test
  void aProofOfAFaultyVersionIsRefused() {
    registerWrongLeaf();
    BigInteger id = p.request(modelId, open("1.14"));
    p.result(id);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.CLAIM, id);
    shortWindow();
    faultBySilence();
    Object before = p.chain.host.snapshot();
    assertRefused(p.chain.send(p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id, p.proof(id, modelId, List.of(stranger), List.of(BigInteger.ONE))),
        Provers.VERSION_FAULTY, before);
  }

  @Test
  void aPendingProofOfAFaultyVersionNeverBecomesFinalAndItsRequestRefunds() {
    registerWrongLeaf();
    BigInteger id = p.request(modelId, open("1.14"));
    p.result(id);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.CLAIM, id);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id, p.proof(id, modelId, List.of(stranger), List.of(BigInteger.ONE)));
    BigInteger lockedBefore = (BigInteger) ((List<?>) p.chain.view(Addresses.PROVERS, Provers.BOND_OF, p.prover)).get(1);
    faultBySilenceAfterTheChallengeWindow();

    List<?> attribution = (List<?>) p.chain.view(Addresses.PROVERS, Provers.VERIFIED_ATTRIBUTION, id);
    assertThat((Boolean) attribution.get(1)).as("past its challenge window, yet not final").isFalse();
    Object before = p.chain.host.snapshot();
    assertRefused(p.chain.send(stranger, Addresses.INFERENCE, Inference.SETTLE, id), Inference.PROOF_NOT_FINAL, before);
    p.chain.advance(Inference.REQUEST_TIMEOUT.defaultValue().longValueExact());
    BigInteger userBefore = p.chain.balance(p.user);
    p.chain.ok(stranger, Addresses.INFERENCE, Inference.REFUND, id);
    assertThat(p.chain.balance(p.user)).isEqualTo(userBefore.add(open("1.14")));
    BigInteger lockedAfter = (BigInteger) ((List<?>) p.chain.view(Addresses.PROVERS, Provers.BOND_OF, p.prover)).get(1);
    assertThat(lockedAfter).as("the prover is unlocked, not slashed, for the registrant's fault").isLessThan(lockedBefore).isZero();
  }

  void faultBySilenceAfterTheChallengeWindow() {
    BigInteger game = opened(index.partials(A, J));
    p.chain.advance(window + 1);
    ok(timeout(game));
  }

  @Test
  void aFaultyVersionCannotBeChallengedAgain() {
    registerWrongLeaf();
    BigInteger game = opened(index.partials(A, J));
    p.chain.advance(window + 1);
    ok(timeout(game));
    Object before = p.chain.host.snapshot();
    assertRefused(openOn(index.partials(A, J)), Provers.VERSION_FAULTY, before);
  }

  // ------------------------------------------------------------------ evidence that does not match

  @Test
  void aLeafProofThatMissesTheIndexRootIsRefused() {
    registerWrongLeaf();
    Object before = p.chain.host.snapshot();
    assertRefused(openWith(bond, A, index.partials(A, J), index.owners.get(A).contributionLeaves(), 1), Provers.EVIDENCE_MISMATCH, before);
  }

  @Test
  void contributionLeavesThatDoNotRebuildTheContributionsRootAreRefused() {
    registerWrongLeaf();
    Object before = p.chain.host.snapshot();
    Bytes onlyTheFirst = Bytes.wrap(contribution(0).leafBytes());
    assertRefused(openWith(bond, A, new long[] {index.partials(A, J)[0]}, onlyTheFirst, A), Provers.EVIDENCE_MISMATCH, before);
  }

  @Test
  void onePartialSumPerContributionIsRequired() {
    registerWrongLeaf();
    Object before = p.chain.host.snapshot();
    long[] partials = index.partials(A, J);
    assertRefused(openOn(new long[] {partials[0] + partials[1]}), Provers.MALFORMED_EVIDENCE, before);
  }

  @Test
  void partialSumsThatRoundToTheRegisteredCoordinateAreRefused() {
    registerHonest();
    Object before = p.chain.host.snapshot();
    assertRefused(openOn(index.partials(A, J)), Provers.LEAF_CLAIM_AGREES, before);
  }

  @Test
  void anOpeningWithoutTheExactBondIsRefused() {
    registerWrongLeaf();
    Object before = p.chain.host.snapshot();
    assertRefused(openWith(bond.subtract(BigInteger.ONE), A, index.partials(A, J), index.owners.get(A).contributionLeaves(), A),
        Provers.WRONG_CHALLENGER_BOND, before);
  }

  @Test
  void aDescentWithOtherPartialSumsIsRefused() {
    registerWrongLeaf();
    long[] partials = index.partials(A, J);
    BigInteger game = opened(partials);
    ok(dispute(p.owner, game, 0));
    Object before = p.chain.host.snapshot();
    assertRefused(descend(challenger, game, withError(partials, 1), 0, index.values(contribution(0), J)), Provers.EVIDENCE_MISMATCH, before);
  }

  @Test
  void aDescentIntoAnotherContributionIsRefused() {
    registerWrongLeaf();
    long[] partials = index.partials(A, J);
    BigInteger game = opened(partials);
    ok(dispute(p.owner, game, 0));
    Object before = p.chain.host.snapshot();
    assertRefused(descend(challenger, game, partials, 1, index.values(contribution(1), J)), Provers.EVIDENCE_MISMATCH, before);
  }

  @Test
  void exampleValuesThatDoNotAddUpToThePartialSumAreRefused() {
    registerWrongLeaf();
    long[] partials = index.partials(A, J);
    BigInteger game = opened(partials);
    ok(dispute(p.owner, game, 0));
    Object before = p.chain.host.snapshot();
    assertRefused(descend(challenger, game, partials, 0, withError(index.values(contribution(0), J), 0)), Provers.MALFORMED_EVIDENCE, before);
  }

  @Test
  void contentThatIsNotTheContributionIsRefusedWithItsLastChunk() {
    registerWrongLeaf();
    long[] partials = index.partials(A, J);
    BigInteger game = opened(partials);
    ok(dispute(p.owner, game, 0));
    ok(descend(challenger, game, partials, 0, index.values(contribution(0), J)));
    byte[] content = contribution(0).content().clone();
    content[content.length - 1] ^= 1;
    List<byte[]> chunks = TinyIndex.chunks(content);
    long offset = 0;
    for (byte[] chunk : chunks.subList(0, chunks.size() - 1)) {
      ok(upload(game, offset, chunk, TinyIndex.recordsCompleted(offset, offset + chunk.length)));
      offset += chunk.length;
    }
    byte[] last = chunks.get(chunks.size() - 1);
    Object before = p.chain.host.snapshot();
    assertRefused(upload(game, offset, last, TinyIndex.recordsCompleted(offset, content.length)), Provers.EVIDENCE_MISMATCH, before);
  }

  @Test
  void aChunkThatDoesNotContinueTheUploadIsRefused() {
    registerWrongLeaf();
    long[] partials = index.partials(A, J);
    BigInteger game = opened(partials);
    ok(dispute(p.owner, game, 0));
    ok(descend(challenger, game, partials, 0, index.values(contribution(0), J)));
    List<byte[]> chunks = TinyIndex.chunks(contribution(0).content());
    ok(upload(game, 0, chunks.get(0), TinyIndex.recordsCompleted(0, 136)));
    Object before = p.chain.host.snapshot();
    assertRefused(upload(game, 272, chunks.get(2), TinyIndex.recordsCompleted(272, 351)), Provers.UPLOAD_OUT_OF_ORDER, before);
  }

  @Test
  void aChunkThatDeclaresAnotherRecordCountIsRefused() {
    registerWrongLeaf();
    long[] partials = index.partials(A, J);
    BigInteger game = opened(partials);
    ok(dispute(p.owner, game, 0));
    ok(descend(challenger, game, partials, 0, index.values(contribution(0), J)));
    Object before = p.chain.host.snapshot();
    byte[] first = TinyIndex.chunks(contribution(0).content()).get(0);
    assertRefused(upload(game, 0, first, TinyIndex.recordsCompleted(0, first.length) + 1), Provers.WRONG_RECORD_COUNT, before);
  }

  @Test
  void aStepWithARecordOtherThanTheUploadedOneIsRefused() {
    registerWrongLeaf();
    long[] values = index.values(contribution(0), J);
    BigInteger game = atTheStep(index.partials(A, J), values);
    Object before = p.chain.host.snapshot();
    assertRefused(step(p.owner, game, 0, values, contribution(0).record(1), Bytes.wrap(index.model.weightsBytes()), J),
        Provers.EVIDENCE_MISMATCH, before);
  }

  @Test
  void aStepWithWeightsOtherThanTheCommittedOnesIsRefused() {
    registerWrongLeaf();
    long[] values = index.values(contribution(0), J);
    BigInteger game = atTheStep(index.partials(A, J), values);
    byte[] weights = index.model.weightsBytes();
    weights[7] ^= 1;
    Object before = p.chain.host.snapshot();
    assertRefused(step(p.owner, game, 0, values, contribution(0).record(0), Bytes.wrap(weights), J), Provers.EVIDENCE_MISMATCH, before);
  }

  @Test
  void aStepWithAnotherBasisRowIsRefused() {
    registerWrongLeaf();
    long[] values = index.values(contribution(0), J);
    BigInteger game = atTheStep(index.partials(A, J), values);
    Object before = p.chain.host.snapshot();
    assertRefused(step(p.owner, game, 0, values, contribution(0).record(0), Bytes.wrap(index.model.weightsBytes()), J + 1),
        Provers.MALFORMED_EVIDENCE, before);
  }

  @Test
  void aStepWithOtherExampleValuesIsRefused() {
    registerWrongLeaf();
    long[] values = index.values(contribution(0), J);
    BigInteger game = atTheStep(index.partials(A, J), values);
    Object before = p.chain.host.snapshot();
    assertRefused(step(game, 0, withError(values, 0)), Provers.EVIDENCE_MISMATCH, before);
  }

  // ------------------------------------------------------------------ out of turn, out of window

  @Test
  void onlyTheOwnerOrAnAttesterMayDispute() {
    registerWrongLeaf();
    BigInteger game = opened(index.partials(A, J));
    Object before = p.chain.host.snapshot();
    assertRefused(dispute(stranger, game, 0), Provers.NOT_DEFENDER, before);
  }

  @Test
  void aDisputeAfterTheWindowIsRefused() {
    registerWrongLeaf();
    BigInteger game = opened(index.partials(A, J));
    p.chain.advance(window + 1);
    Object before = p.chain.host.snapshot();
    assertRefused(dispute(p.owner, game, 0), Provers.LEAF_CHALLENGE_EXPIRED, before);
  }

  @Test
  void aSecondDisputeIsOutOfTurn() {
    registerWrongLeaf();
    BigInteger game = opened(index.partials(A, J));
    ok(dispute(p.owner, game, 0));
    Object before = p.chain.host.snapshot();
    assertRefused(dispute(attester, game, 1), Provers.WRONG_LEAF_CHALLENGE_STATE, before);
  }

  @Test
  void aDisputeOfAContributionBeyondTheLeafsIsRefused() {
    registerWrongLeaf();
    BigInteger game = opened(index.partials(A, J));
    Object before = p.chain.host.snapshot();
    assertRefused(dispute(p.owner, game, 2), Provers.PART_OUT_OF_RANGE, before);
  }

  @Test
  void onlyTheChallengerDescends() {
    registerWrongLeaf();
    long[] partials = index.partials(A, J);
    BigInteger game = opened(partials);
    ok(dispute(p.owner, game, 0));
    Object before = p.chain.host.snapshot();
    assertRefused(descend(stranger, game, partials, 0, index.values(contribution(0), J)), Provers.NOT_CHALLENGER, before);
  }

  @Test
  void onlyTheChallengerUploads() {
    registerWrongLeaf();
    long[] partials = index.partials(A, J);
    BigInteger game = opened(partials);
    ok(dispute(p.owner, game, 0));
    ok(descend(challenger, game, partials, 0, index.values(contribution(0), J)));
    byte[] first = TinyIndex.chunks(contribution(0).content()).get(0);
    Object before = p.chain.host.snapshot();
    CallResult r = p.chain.send(p.owner, Addresses.PROVERS, Provers.UPLOAD_CONTRIBUTION, game, BigInteger.ZERO, Bytes.wrap(first),
        BigInteger.valueOf(TinyIndex.recordsCompleted(0, first.length)));
    assertRefused(r, Provers.NOT_CHALLENGER, before);
  }

  @Test
  void aStepBeforeTheUploadIsOutOfTurn() {
    registerWrongLeaf();
    long[] partials = index.partials(A, J), values = index.values(contribution(0), J);
    BigInteger game = opened(partials);
    ok(dispute(p.owner, game, 0));
    ok(descend(challenger, game, partials, 0, values));
    Object before = p.chain.host.snapshot();
    assertRefused(step(game, 0, values), Provers.WRONG_LEAF_CHALLENGE_STATE, before);
  }

  @Test
  void onlyTheDisputingDefenderSteps() {
    registerWrongLeaf();
    long[] values = index.values(contribution(0), J);
    BigInteger game = atTheStep(index.partials(A, J), values);
    Object before = p.chain.host.snapshot();
    assertRefused(step(attester, game, 0, values, contribution(0).record(0), Bytes.wrap(index.model.weightsBytes()), J), Provers.NOT_DEFENDER,
        before);
  }

  @Test
  void aTimeoutInsideTheWindowIsRefused() {
    registerWrongLeaf();
    BigInteger game = opened(index.partials(A, J));
    Object before = p.chain.host.snapshot();
    assertRefused(timeout(game), Provers.LEAF_CHALLENGE_PENDING, before);
  }

  @Test
  void aDecidedGameCannotBeTimedOutAgain() {
    registerWrongLeaf();
    BigInteger game = opened(index.partials(A, J));
    p.chain.advance(window + 1);
    ok(timeout(game));
    Object before = p.chain.host.snapshot();
    assertRefused(timeout(game), Provers.WRONG_LEAF_CHALLENGE_STATE, before);
  }

  // ------------------------------------------------------------------ the bisected game, on contributor D's 1,030 contributions

  static final int D = TinyIndex.BIG;

  TinyIndex.Contribution big(int i) {
    return index.owners.get(D).contributions().get(i);
  }

  /** The honest tree of D's sums, or the one a challenger claims with {@code error} added to contribution {@code at}'s sum. */
  SumTree claims(int at, long error) {
    long[] partials = index.partials(D, J);
    if (at >= 0) partials[at] += error;
    return index.sums(D, partials);
  }

  SumTree truth() {
    return claims(-1, 0);
  }

  /** A wrong claim: contribution 700's sum moved by three quantization steps. */
  SumTree wrongClaims() {
    return claims(WRONG, 3L << index.leafShift);
  }

  static final int WRONG = 700;

  CallResult openBisection(BigInteger value, SumTree claims, byte[] rootNode, BigInteger leftSum) {
    return p.chain.send(challenger, Addresses.PROVERS, value, Provers.OPEN_LEAF_BISECTION, modelId, BigInteger.ONE, BigInteger.valueOf(leaves.size()),
        BigInteger.valueOf(D), BigInteger.valueOf(J), Bytes.wrap(leaves.get(D).leafBytes()), tree.multiproof(new int[] {D}), claims.total(),
        Bytes.wrap(rootNode), leftSum);
  }

  CallResult openBisection(SumTree claims) {
    SumTree.Opening root = claims.opening(claims.root()).orElseThrow();
    return openBisection(bond, claims, root.preimage(), root.leftSum());
  }

  BigInteger bisected(SumTree claims) {
    CallResult r = openBisection(claims);
    ok(r);
    return (BigInteger) Provers.OPEN_LEAF_BISECTION.decodeOutput(r.output());
  }

  CallResult split(Address who, BigInteger game, byte[] node, BigInteger leftSum) {
    return p.chain.send(who, Addresses.PROVERS, Provers.SPLIT_LEAF_CHALLENGE, game, Bytes.wrap(node), leftSum);
  }

  CallResult descendBisected(BigInteger game, List<BigInteger> partials, byte[] leaf, List<Bytes32> proof, long[] values) {
    return p.chain.send(challenger, Addresses.PROVERS, Provers.DESCEND_LEAF_CHALLENGE, game, partials, Bytes.wrap(leaf), proof, int64s(values));
  }

  CallResult descendBisected(BigInteger game, int contribution, long[] values) {
    return descendBisected(game, List.of(), big(contribution).leafBytes(), List.of(), values);
  }

  List<?> bisection(BigInteger game) {
    return (List<?>) p.chain.view(Addresses.PROVERS, Provers.LEAF_BISECTION, game);
  }

  static Bytes32 word(Object bytes) {
    return Bytes32.wrap((Bytes) bytes);
  }

  /** The side an honest defender disputes under the last opened node: one whose claimed sum is not the truth's (else the left). */
  int honestSide(BigInteger game) {
    List<?> at = bisection(game);
    Bytes32 node = IndexTree.node(word(at.get(3)), word(at.get(4)));
    return truth().wrongSide(node, (BigInteger) at.get(5), (BigInteger) at.get(6)).orElse(0);
  }

  /** The disputed node's opening in the challenger's tree. */
  SumTree.Opening disputedIn(SumTree claims, BigInteger game) {
    return claims.opening(word(bisection(game).get(1))).orElseThrow();
  }

  /**
   * Plays the rounds: the owner disputes the side {@code pick} names (given the round, from 0), the
   * challenger opens it from {@code claims}, until the disputed node is a contribution; returns it.
   */
  int bisect(BigInteger game, SumTree claims, java.util.function.IntUnaryOperator pick) {
    for (int round = 0;; round++) {
      ok(dispute(p.owner, game, pick.applyAsInt(round)));
      SumTree.Opening o = disputedIn(claims, game);
      if (o.isContribution()) return o.contribution();
      ok(split(challenger, game, o.preimage(), o.leftSum()));
    }
  }

  int bisectHonestly(BigInteger game, SumTree claims) {
    return bisect(game, claims, round -> honestSide(game));
  }

  /** Descends into contribution {@code c} with {@code values} and uploads it: the defender's step is next. */
  void descendAndUpload(BigInteger game, int c, long[] values) {
    ok(descendBisected(game, c, values));
    uploadAll(game, big(c).content());
  }

  CallResult stepBig(BigInteger game, int c, long[] values) {
    return step(p.owner, game, 0, values, big(c).record(0), Bytes.wrap(index.model.weightsBytes()), J);
  }

  @Test
  void theContributionListCannotOpenALeafWithMoreThan1024Contributions() {
    register(index.leaves(D, J, 1));
    Object before = p.chain.host.snapshot();
    assertThat(index.owners.get(D).contributions()).hasSizeGreaterThan(LeafChallenges.MAX_CONTRIBUTIONS);
    assertRefused(openWith(bond, D, index.partials(D, J), index.owners.get(D).contributionLeaves(), D), Provers.MALFORMED_EVIDENCE, before);
  }

  @Test
  void aRightChallengerWinsThroughTheBisectionOfALeafWithMoreThan1024Contributions() {
    register(index.leaves(D, J, 1));
    BigInteger supply = p.chain.supply();
    BigInteger challengerBefore = p.chain.balance(challenger), treasuryBefore = p.chain.balance(Addresses.TREASURY);
    SumTree claims = truth();
    BigInteger game = bisected(claims);

    int c = bisectHonestly(game, claims); // against a wrong leaf an honest defender finds no wrong sum
    descendAndUpload(game, c, index.values(big(c), J));
    ok(stepBig(game, c, index.values(big(c), J)));

    assertThat(((BigInteger) bisection(game).get(0)).intValueExact()).as("rounds: the height of a 1,030-leaf tree").isEqualTo(11);
    assertThat(state(game)).isEqualTo(LeafChallenges.CHALLENGER_WON);
    assertThat(faulty()).isTrue();
    BigInteger slashed = Provers.MIN_ATTESTER_BOND.defaultValue().shiftLeft(1);
    BigInteger share = BasisPoints.share(slashed, Provers.CHALLENGER_SHARE_BP.defaultValue().intValueExact());
    assertThat(p.chain.balance(challenger)).isEqualTo(challengerBefore.add(share));
    assertThat(p.chain.balance(Addresses.TREASURY)).isEqualTo(treasuryBefore.add(slashed.subtract(share)));
    assertThat(p.chain.totalBalances()).isEqualTo(supply);
  }

  @Test
  void aWrongChallengerLosesThroughTheBisectionAtTheContributionItLiedAbout() {
    registerHonest();
    BigInteger supply = p.chain.supply();
    BigInteger challengerBefore = p.chain.balance(challenger), ownerBefore = p.chain.balance(p.owner);
    BigInteger game = bisected(wrongClaims());

    int c = bisectHonestly(game, wrongClaims());
    long[] values = withError(index.values(big(c), J), 0); // the lie, carried down to its one example
    descendAndUpload(game, c, values);
    ok(stepBig(game, c, values));

    assertThat(c).isEqualTo(WRONG);
    assertThat(state(game)).isEqualTo(LeafChallenges.CHALLENGER_LOST);
    assertThat(faulty()).isFalse();
    assertThat(p.chain.balance(challenger)).isEqualTo(challengerBefore.subtract(bond));
    assertThat(p.chain.balance(p.owner)).isEqualTo(ownerBefore.add(bond));
    assertThat(p.chain.totalBalances()).isEqualTo(supply);
  }

  @Test
  void aDefenderWhoDisputesAConsistentChildLosesTheBisection() {
    registerHonest();
    BigInteger supply = p.chain.supply();
    SumTree claims = wrongClaims();
    BigInteger game = bisected(claims);
    int lie = honestSide(game);

    int c = bisect(game, claims, round -> round == 0 ? 1 - lie : honestSide(game)); // the consistent child first: below it every sum is true
    descendAndUpload(game, c, index.values(big(c), J));
    ok(stepBig(game, c, index.values(big(c), J)));

    assertThat(c).isNotEqualTo(WRONG);
    assertThat(state(game)).isEqualTo(LeafChallenges.CHALLENGER_WON);
    assertThat(faulty()).isTrue();
    assertThat(p.chain.totalBalances()).isEqualTo(supply);
  }

  @Test
  void aBisectionWhoseRootNodeIsNotTheContributionsRootIsRefused() {
    register(index.leaves(D, J, 1));
    SumTree claims = truth();
    byte[] root = claims.opening(claims.root()).orElseThrow().preimage().clone();
    root[64] ^= 1;
    Object before = p.chain.host.snapshot();
    assertRefused(openBisection(bond, claims, root, BigInteger.ZERO), Provers.EVIDENCE_MISMATCH, before);
  }

  @Test
  void aBisectionOpenedOnAContributionLeafIsRefused() {
    register(index.leaves(D, J, 1));
    Object before = p.chain.host.snapshot();
    assertRefused(openBisection(bond, truth(), big(0).leafBytes(), BigInteger.ZERO), Provers.MALFORMED_EVIDENCE, before);
  }

  @Test
  void aBisectedTotalThatRoundsToTheRegisteredCoordinateIsRefused() {
    registerHonest();
    Object before = p.chain.host.snapshot();
    assertRefused(openBisection(truth()), Provers.LEAF_CLAIM_AGREES, before);
  }

  @Test
  void aBisectionWithoutTheExactBondIsRefused() {
    register(index.leaves(D, J, 1));
    SumTree.Opening root = truth().opening(truth().root()).orElseThrow();
    Object before = p.chain.host.snapshot();
    assertRefused(openBisection(bond.add(BigInteger.ONE), truth(), root.preimage(), root.leftSum()), Provers.WRONG_CHALLENGER_BOND, before);
  }

  @Test
  void aSplitWithAnotherNodeThanTheDisputedOneIsRefused() {
    register(index.leaves(D, J, 1));
    SumTree claims = truth();
    BigInteger game = bisected(claims);
    ok(dispute(p.owner, game, 0));
    SumTree.Opening root = claims.opening(claims.root()).orElseThrow(), right = claims.opening(root.right()).orElseThrow();
    Object before = p.chain.host.snapshot();
    assertRefused(split(challenger, game, right.preimage(), right.leftSum()), Provers.EVIDENCE_MISMATCH, before);
  }

  @Test
  void aSplitOfAContributionLeafIsRefusedForTheDescent() {
    register(index.leaves(D, J, 1));
    SumTree claims = truth();
    BigInteger game = bisected(claims);
    int c = bisectHonestly(game, claims);
    Object before = p.chain.host.snapshot();
    assertRefused(split(challenger, game, big(c).leafBytes(), BigInteger.ZERO), Provers.MALFORMED_EVIDENCE, before);
  }

  @Test
  void aSplitOfAGameOpenedWithItsContributionListIsRefused() {
    registerWrongLeaf();
    BigInteger game = opened(index.partials(A, J));
    ok(dispute(p.owner, game, 0));
    SumTree.Opening root = index.sums(A, index.partials(A, J)).opening(index.owners.get(A).contributionsRoot()).orElseThrow();
    Object before = p.chain.host.snapshot();
    assertRefused(split(challenger, game, root.preimage(), root.leftSum()), Provers.NOT_BISECTED, before);
  }

  @Test
  void onlyTheChallengerSplits() {
    register(index.leaves(D, J, 1));
    SumTree claims = truth();
    BigInteger game = bisected(claims);
    ok(dispute(p.owner, game, 0));
    SumTree.Opening o = disputedIn(claims, game);
    Object before = p.chain.host.snapshot();
    assertRefused(split(stranger, game, o.preimage(), o.leftSum()), Provers.NOT_CHALLENGER, before);
  }

  @Test
  void aSplitBeforeTheDisputeIsOutOfTurn() {
    register(index.leaves(D, J, 1));
    SumTree claims = truth();
    BigInteger game = bisected(claims);
    SumTree.Opening left = claims.opening(claims.opening(claims.root()).orElseThrow().left()).orElseThrow();
    Object before = p.chain.host.snapshot();
    assertRefused(split(challenger, game, left.preimage(), left.leftSum()), Provers.WRONG_LEAF_CHALLENGE_STATE, before);
  }

  @Test
  void aDisputeOfNeitherChildIsRefused() {
    register(index.leaves(D, J, 1));
    BigInteger game = bisected(truth());
    Object before = p.chain.host.snapshot();
    assertRefused(dispute(p.owner, game, 2), Provers.PART_OUT_OF_RANGE, before);
  }

  @Test
  void laterRoundsBelongToTheFirstDisputer() {
    register(index.leaves(D, J, 1));
    SumTree claims = truth();
    BigInteger game = bisected(claims);
    ok(dispute(p.owner, game, 0));
    SumTree.Opening o = disputedIn(claims, game);
    ok(split(challenger, game, o.preimage(), o.leftSum()));
    Object before = p.chain.host.snapshot();
    assertRefused(dispute(attester, game, 1), Provers.NOT_DEFENDER, before);
  }

  @Test
  void aBisectedDescentIntoAnotherContributionIsRefused() {
    register(index.leaves(D, J, 1));
    SumTree claims = truth();
    BigInteger game = bisected(claims);
    int c = bisectHonestly(game, claims);
    int other = c == 0 ? 1 : c - 1;
    Object before = p.chain.host.snapshot();
    assertRefused(descendBisected(game, other, index.values(big(other), J)), Provers.EVIDENCE_MISMATCH, before);
  }

  @Test
  void aBisectedDescentWithAPartialSumListIsRefused() {
    register(index.leaves(D, J, 1));
    SumTree claims = truth();
    BigInteger game = bisected(claims);
    int c = bisectHonestly(game, claims);
    long[] values = index.values(big(c), J);
    Object before = p.chain.host.snapshot();
    assertRefused(descendBisected(game, int64s(values), big(c).leafBytes(), List.of(), values), Provers.MALFORMED_EVIDENCE, before);
  }

  @Test
  void bisectedExampleValuesThatDoNotAddUpToTheDisputedSumAreRefused() {
    register(index.leaves(D, J, 1));
    SumTree claims = truth();
    BigInteger game = bisected(claims);
    int c = bisectHonestly(game, claims);
    Object before = p.chain.host.snapshot();
    assertRefused(descendBisected(game, c, withError(index.values(big(c), J), 0)), Provers.MALFORMED_EVIDENCE, before);
  }

  @Test
  void withoutADisputeAfterASplitTheChallengerWins() {
    register(index.leaves(D, J, 1));
    BigInteger supply = p.chain.supply();
    SumTree claims = truth();
    BigInteger game = bisected(claims);
    ok(dispute(p.owner, game, 0));
    SumTree.Opening o = disputedIn(claims, game);
    ok(split(challenger, game, o.preimage(), o.leftSum()));
    p.chain.advance(window + 1);

    ok(timeout(game));

    assertThat(state(game)).isEqualTo(LeafChallenges.CHALLENGER_WON);
    assertThat(faulty()).isTrue();
    assertThat(p.chain.totalBalances()).isEqualTo(supply);
  }

  @Test
  void aSplitAfterItsWindowIsRefused() {
    register(index.leaves(D, J, 1));
    SumTree claims = truth();
    BigInteger game = bisected(claims);
    ok(dispute(p.owner, game, 0));
    SumTree.Opening o = disputedIn(claims, game);
    p.chain.advance(window + 1);
    Object before = p.chain.host.snapshot();
    assertRefused(split(challenger, game, o.preimage(), o.leftSum()), Provers.LEAF_CHALLENGE_EXPIRED, before);
  }

  @Test
  void withoutASplitAfterADisputeTheChallengerLoses() {
    registerHonest();
    BigInteger supply = p.chain.supply();
    BigInteger ownerBefore = p.chain.balance(p.owner);
    BigInteger game = bisected(wrongClaims());
    ok(dispute(p.owner, game, honestSide(game)));
    p.chain.advance(window + 1);

    ok(timeout(game));

    assertThat(state(game)).isEqualTo(LeafChallenges.CHALLENGER_LOST);
    assertThat(p.chain.balance(p.owner)).isEqualTo(ownerBefore.add(bond));
    assertThat(p.chain.totalBalances()).isEqualTo(supply);
  }

  @Test
  void withoutADescentAtTheBottomOfTheBisectionTheChallengerLoses() {
    registerHonest();
    BigInteger game = bisected(wrongClaims());
    bisectHonestly(game, wrongClaims());
    p.chain.advance(window + 1);

    ok(timeout(game));

    assertThat(state(game)).isEqualTo(LeafChallenges.CHALLENGER_LOST);
  }
}

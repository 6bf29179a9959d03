package org.openledger.contracts.prover;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Protocol;
import org.openledger.contracts.attribution.AttributionProof;
import org.openledger.contracts.attribution.AttributionVerifier;
import org.openledger.contracts.attribution.BasisRows;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.FraudChecks;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.IndexProofVerifier;
import org.openledger.contracts.attribution.IndexTree;
import org.openledger.contracts.attribution.Rounding;
import org.openledger.contracts.inference.Inference;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.host.CallResult;

/**
 * Each one-step fraud proof through the real Provers contract: it wins against a bad proof (the
 * prover slashed, the request reopened) and loses against a good one (the challenger's bond to the
 * prover); evidence that does not match the chain's commitments is refused and changes nothing.
 */
class FraudProofsTest {
  static final int C = 10, F = 784, K = 12, N = 40;
  final Address challenger = Address.of(0xc4a1);
  Protocol p;
  FixedLogistic model;
  BasisRows basis;
  byte[] input;
  List<IndexLeaf> leaves;
  IndexTree tree, basisTree;
  BigInteger modelId, request;
  int predicted;

  @BeforeEach
  void setUp() {
    Random random = new Random(9);
    short[] w = new short[C * F];
    for (int i = 0; i < w.length; i++) w[i] = (short) (random.nextInt(2001) - 1000);
    int[] b = new int[C];
    for (int c = 0; c < C; c++) b[c] = random.nextInt(20001) - 10000;
    model = new FixedLogistic(C, F, 12, w, b);
    short[] rows = new short[K * model.parameters()];
    for (int i = 0; i < rows.length; i++) rows[i] = (short) (random.nextInt(601) - 300);
    basis = new BasisRows(K, model.parameters(), rows, 0);
    basisTree = IndexTree.ofBasis(basis);
    input = new byte[F];
    random.nextBytes(input);
    predicted = model.predict(input);
    leaves = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      short[] u = new short[K];
      for (int j = 0; j < K; j++) u[j] = (short) (random.nextInt(65535) - 32767);
      leaves.add(new IndexLeaf(Address.of(0x100 + i), 1, Bytes32.ZERO, u));
    }
    tree = IndexTree.ofLeaves(leaves);
    p = new Protocol(new IndexProofVerifier());
    modelId = p.deployedModel(Protocol.open("1"), model.weightsRoot(), basisTree.root(), tree.indexRoot(), K);
    p.chain.host.setBalance(challenger, Protocol.open("100"));
  }

  /** A request on {@link #input} whose host posted class {@code posted}, claimed by the protocol's prover. */
  BigInteger resulted(int posted) {
    Bytes32 inputHash = Keccak.hash(Bytes.wrap(input));
    BigInteger id = (BigInteger) p.chain.ok(p.user, Addresses.INFERENCE, Protocol.open("1.14"), Inference.REQUEST_FN, modelId, BigInteger.ONE,
        inputHash, BigInteger.valueOf(400), BigInteger.valueOf(240));
    p.chain.ok(p.owner, Addresses.INFERENCE, Inference.SUBMIT_RESULT, id, outputHash(posted), BigInteger.valueOf(240));
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.CLAIM, id);
    return id;
  }

  static Bytes32 outputHash(int c) {
    return Keccak.hash(Bytes.wrap(FraudChecks.classOutput(c)));
  }

  AttributionVerifier.Binding binding(BigInteger id, int posted) {
    return new AttributionVerifier.Binding(p.chain.host.block().chainId(), Addresses.PROVERS, id, modelId, BigInteger.ONE,
        Keccak.hash(Bytes.wrap(input)), outputHash(posted), p.prover);
  }

  /** Proves {@code id} with ψ as given (honest: the recomputed one) and the top-16 leaves, or {@code keep} of them. */
  Bytes prove(BigInteger id, int posted, short[] psi, int psiShift, boolean dropTop) {
    AttributionProof proof = AttributionProof.build(binding(id, posted).hash(), psiShift, psi, leaves, tree, AttributionProof.MAX_LEAVES);
    if (dropTop) {
      List<AttributionProof.ProvenLeaf> kept = proof.leaves().subList(1, proof.leaves().size());
      int[] idx = kept.stream().mapToInt(l -> (int) l.index()).sorted().toArray();
      proof = new AttributionProof(proof.binding(), psiShift, psi, proof.leafCount(), kept, tree.multiproof(idx));
    }
    return submit(id, proof);
  }

  Bytes submit(BigInteger id, AttributionProof proof) {
    Bytes bytes = proof.encode();
    CallResult r = p.chain.send(p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id, bytes);
    assertThat(r.isSuccess()).as(p.chain.describe(Addresses.PROVERS, r)).isTrue();
    return bytes;
  }

  long[] rawPsi() {
    return basis.project(model.outputGradient(input));
  }

  Bytes honestProof(BigInteger id, int posted) {
    long[] raw = rawPsi();
    int e = Rounding.int16Shift(raw);
    return prove(id, posted, Rounding.toInt16(raw, e), e, false);
  }

  short[] row(int j) {
    return Arrays.copyOfRange(basis.rows(), j * basis.d(), (j + 1) * basis.d());
  }

  Bytes rowLeaf(int j) {
    return Bytes.wrap(basis.rowLeafBytes(j));
  }

  List<Bytes32> rowProof(int j) {
    return basisTree.multiproof(new int[] {j});
  }

  CallResult challengeOutput(BigInteger id, Bytes weights) {
    return p.chain.send(challenger, Addresses.PROVERS, Provers.CHALLENGER_BOND.defaultValue(), Provers.CHALLENGE_OUTPUT, id, weights,
        Bytes.wrap(input));
  }

  CallResult challengePsi(BigInteger id, Bytes proof, int j) {
    return p.chain.send(challenger, Addresses.PROVERS, Provers.CHALLENGER_BOND.defaultValue(), Provers.CHALLENGE_PSI, id, proof,
        BigInteger.valueOf(j), Bytes.wrap(model.weightsBytes()), Bytes.wrap(input), rowLeaf(j), rowProof(j));
  }

  CallResult challengeOmission(BigInteger id, Bytes proof, int leafIndex) {
    return p.chain.send(challenger, Addresses.PROVERS, Provers.CHALLENGER_BOND.defaultValue(), Provers.CHALLENGE_OMISSION, id, proof,
        BigInteger.valueOf(leafIndex), Bytes.wrap(leaves.get(leafIndex).leafBytes()), tree.multiproof(new int[] {leafIndex}));
  }

  int claimState(BigInteger id) {
    return ((BigInteger) ((List<?>) p.chain.view(Addresses.PROVERS, Provers.CLAIM_OF, id)).get(3)).intValueExact();
  }

  void assertWon(CallResult r, BigInteger id, BigInteger challengerBefore) {
    assertThat(r.isSuccess()).as(p.chain.describe(Addresses.PROVERS, r)).isTrue();
    assertThat(claimState(id)).as("the request reopens").isEqualTo(Provers.NONE);
    assertThat(p.chain.balance(challenger)).as("bond back plus a share of the slashed bond").isGreaterThan(challengerBefore);
  }

  void assertLost(CallResult r, BigInteger id, BigInteger proverBondBefore) {
    assertThat(r.isSuccess()).as(p.chain.describe(Addresses.PROVERS, r)).isTrue();
    assertThat(claimState(id)).as("the proof stands").isEqualTo(Provers.PROVEN);
    assertThat(p.chain.balance(p.prover).subtract(proverBondBefore)).isEqualTo(Provers.CHALLENGER_BOND.defaultValue());
  }

  void assertRefused(CallResult r, ErrorSpec error, Object before) {
    assertThat(r.status()).as(p.chain.describe(Addresses.PROVERS, r)).isEqualTo(CallResult.Status.REVERT);
    assertThat(error.matches(r.output())).as(p.chain.describe(Addresses.PROVERS, r)).isTrue();
    assertThat(p.chain.host.snapshot()).isEqualTo(before);
  }

  @Test
  void aProvenWrongOutputIsSlashedAndTheRequestReopens() {
    BigInteger id = resulted((predicted + 1) % C);
    honestProof(id, (predicted + 1) % C);
    BigInteger before = p.chain.balance(challenger);
    BigInteger bond = ((BigInteger) ((List<?>) p.chain.view(Addresses.PROVERS, Provers.BOND_OF, p.prover)).get(0));
    assertWon(challengeOutput(id, Bytes.wrap(model.weightsBytes())), id, before.subtract(Provers.CHALLENGER_BOND.defaultValue()));
    BigInteger after = ((BigInteger) ((List<?>) p.chain.view(Addresses.PROVERS, Provers.BOND_OF, p.prover)).get(0));
    assertThat(after).as("the locked bond is slashed").isLessThan(bond);
  }

  @Test
  void anOutputChallengeAgainstTheRightOutputCostsTheChallengersBond() {
    BigInteger id = resulted(predicted);
    honestProof(id, predicted);
    BigInteger proverBefore = p.chain.balance(p.prover);
    assertLost(challengeOutput(id, Bytes.wrap(model.weightsBytes())), id, proverBefore);
  }

  @Test
  void anAlteredPsiCoordinateIsSlashed() {
    BigInteger id = resulted(predicted);
    long[] raw = rawPsi();
    int e = Rounding.int16Shift(raw);
    short[] psi = Rounding.toInt16(raw, e);
    psi[5] += 3;
    Bytes proof = prove(id, predicted, psi, e, false);
    BigInteger before = p.chain.balance(challenger);
    assertWon(challengePsi(id, proof, 5), id, before.subtract(Provers.CHALLENGER_BOND.defaultValue()));
  }

  @Test
  void aPsiChallengeAgainstAnHonestCoordinateCostsTheChallengersBond() {
    BigInteger id = resulted(predicted);
    Bytes proof = honestProof(id, predicted);
    BigInteger proverBefore = p.chain.balance(p.prover);
    assertLost(challengePsi(id, proof, 5), id, proverBefore);
  }

  @Test
  void droppingTheTopContributorIsSlashed() {
    BigInteger id = resulted(predicted);
    long[] raw = rawPsi();
    int e = Rounding.int16Shift(raw);
    short[] psi = Rounding.toInt16(raw, e);
    int top = (int) AttributionProof.build(Bytes32.ZERO, e, psi, leaves, tree, 16).leaves().get(0).index();
    Bytes proof = prove(id, predicted, psi, e, true);
    BigInteger before = p.chain.balance(challenger);
    assertWon(challengeOmission(id, proof, top), id, before.subtract(Provers.CHALLENGER_BOND.defaultValue()));
  }

  @Test
  void anOmissionChallengeWithALeafThatRanksBelowCostsTheChallengersBond() {
    BigInteger id = resulted(predicted);
    Bytes proof = honestProof(id, predicted);
    AttributionProof decoded = AttributionProof.decode(proof);
    List<Long> in = decoded.leaves().stream().map(AttributionProof.ProvenLeaf::index).toList();
    int outside = 0;
    while (in.contains((long) outside)) outside++;
    BigInteger proverBefore = p.chain.balance(p.prover);
    assertLost(challengeOmission(id, proof, outside), id, proverBefore);
  }

  @Test
  void anEmptyProofThatLeavesOutAPositiveLeafIsSlashed() {
    BigInteger id = resulted(predicted);
    long[] raw = rawPsi();
    int e = Rounding.int16Shift(raw);
    short[] psi = Rounding.toInt16(raw, e);
    int positive = 0;
    while (leaves.get(positive).score(psi) <= 0) positive++;
    AttributionProof empty = new AttributionProof(binding(id, predicted).hash(), e, psi, N, List.of(), tree.multiproof(new int[0]));
    Bytes proof = submit(id, empty);
    BigInteger before = p.chain.balance(challenger);
    assertWon(challengeOmission(id, proof, positive), id, before.subtract(Provers.CHALLENGER_BOND.defaultValue()));
  }

  @Test
  void anOmissionChallengeAgainstAnHonestEmptyProofCostsTheChallengersBond() {
    long[] raw = rawPsi();
    int e = Rounding.int16Shift(raw);
    short[] psi = Rounding.toInt16(raw, e);
    opposeEveryLeafTo(psi);
    BigInteger id = resulted(predicted);
    Bytes proof = honestProof(id, predicted);
    assertThat(AttributionProof.decode(proof).leaves()).as("no leaf scores above zero").isEmpty();
    BigInteger proverBefore = p.chain.balance(p.prover);
    assertLost(challengeOmission(id, proof, 0), id, proverBefore);
  }

  /** Re-deploys the model with an index in which every leaf scores below zero against {@code psi}, so the honest proof is empty. */
  void opposeEveryLeafTo(short[] psi) {
    Random random = new Random(11);
    List<IndexLeaf> opposed = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      short[] u = new short[K];
      for (int j = 0; j < K; j++) u[j] = (short) (-Integer.signum(psi[j]) * (1 + random.nextInt(32767)));
      opposed.add(new IndexLeaf(Address.of(0x100 + i), 1, Bytes32.ZERO, u));
    }
    leaves = opposed;
    tree = IndexTree.ofLeaves(leaves);
    modelId = p.deployedModel(Protocol.open("1"), model.weightsRoot(), basisTree.root(), tree.indexRoot(), K);
  }

  @Test
  void anIncludedLeafCannotBeClaimedOmitted() {
    BigInteger id = resulted(predicted);
    Bytes proof = honestProof(id, predicted);
    int included = (int) AttributionProof.decode(proof).leaves().get(0).index();
    Object before = p.chain.host.snapshot();
    assertRefused(challengeOmission(id, proof, included), Provers.LEAF_INCLUDED, before);
  }

  @Test
  void weightsThatAreNotTheCommittedOnesAreRefused() {
    BigInteger id = resulted(predicted);
    honestProof(id, predicted);
    byte[] other = model.weightsBytes();
    other[10] ^= 1;
    Object before = p.chain.host.snapshot();
    assertRefused(challengeOutput(id, Bytes.wrap(other)), Provers.EVIDENCE_MISMATCH, before);
  }

  @Test
  void aProofOtherThanTheStoredOneIsRefused() {
    BigInteger id = resulted(predicted);
    Bytes proof = honestProof(id, predicted);
    Bytes altered = Bytes.wrap(proof.toArray());
    byte[] raw = altered.toArrayUnsafe();
    raw[raw.length - 1] ^= 1;
    Object before = p.chain.host.snapshot();
    assertRefused(challengePsi(id, altered, 0), Provers.EVIDENCE_MISMATCH, before);
  }

  @Test
  void aBasisRowOtherThanTheCommittedOneIsRefused() {
    BigInteger id = resulted(predicted);
    Bytes proof = honestProof(id, predicted);
    Object before = p.chain.host.snapshot();
    CallResult r = p.chain.send(challenger, Addresses.PROVERS, Provers.CHALLENGER_BOND.defaultValue(), Provers.CHALLENGE_PSI, id, proof,
        BigInteger.valueOf(5), Bytes.wrap(model.weightsBytes()), Bytes.wrap(input), rowLeaf(6), rowProof(6));
    assertRefused(r, Provers.MALFORMED_EVIDENCE, before);
  }

  @Test
  void aChallengeAfterTheWindowIsRefused() {
    BigInteger id = resulted(predicted);
    honestProof(id, predicted);
    p.chain.advance(Provers.CHALLENGE_WINDOW.defaultValue().longValueExact() + 1);
    Object before = p.chain.host.snapshot();
    assertRefused(challengeOutput(id, Bytes.wrap(model.weightsBytes())), Provers.NOT_CHALLENGEABLE, before);
  }

  @Test
  void aChallengeWithoutTheExactBondIsRefused() {
    BigInteger id = resulted(predicted);
    honestProof(id, predicted);
    Object before = p.chain.host.snapshot();
    CallResult r = p.chain.send(challenger, Addresses.PROVERS, BigInteger.ONE, Provers.CHALLENGE_OUTPUT, id, Bytes.wrap(model.weightsBytes()),
        Bytes.wrap(input));
    assertRefused(r, Provers.WRONG_CHALLENGER_BOND, before);
  }
}

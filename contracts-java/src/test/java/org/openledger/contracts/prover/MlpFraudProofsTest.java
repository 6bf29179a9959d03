package org.openledger.contracts.prover;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.contracts.attribution.IndexTree;
import org.openledger.contracts.attribution.MlpBasisRow;
import org.openledger.contracts.attribution.Rounding;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.host.CallResult;

/**
 * The output and ψ fraud proofs against a version whose committed model is the shipped MLP's shape
 * (784 → 64 → 10, a 102 KB weights blob) and whose basis rows are Kronecker pairs: each wins
 * against a bad proof, loses (the challenger's bond to the prover) against a good one, and
 * evidence that does not match the commitments or does not decode is refused and changes nothing.
 */
class MlpFraudProofsTest extends OneStepFraudFixture {
  static final int F = 784, H = 64, C = 10, K = 12, N = 40;
  /** The rows' product shift: brings (a · out)(b · in), about 2^70 here, to about 2^50. */
  static final int ROW_SHIFT = 20;
  FixedMlp model;
  List<MlpBasisRow> rows;

  @BeforeEach
  void setUp() {
    Random random = new Random(15);
    model = new FixedMlp(F, H, C, 10, 10, shorts(random, H * F, 300), longs(random, H, 1L << 20), shorts(random, C * H, 300), longs(random, C, 1L << 30));
    rows = new ArrayList<>();
    for (int j = 0; j < K; j++) {
      int layer = j % 2;
      int out = layer == 0 ? H : C, in = layer == 0 ? F + 1 : H + 1;
      rows.add(new MlpBasisRow(j, layer, ROW_SHIFT, shorts(random, out, 32767), shorts(random, in, 32767)));
    }
    basisTree = IndexTree.of(rows.stream().map(r -> Keccak.hash(Bytes.wrap(r.leafBytes()))).toList());
    input = new byte[F];
    random.nextBytes(input);
    predicted = model.predict(input);
    deploy(random, model.weightsRoot(), N, K);
  }

  /** raw_j(∇f(x)) for every row: the query's projections by the spec (§3b). */
  @Override
  long[] rawPsi() {
    FixedMlp.Gradient g = model.outputGradient(input);
    return rows.stream().mapToLong(r -> r.raw(g)).toArray();
  }

  @Override
  Bytes weights() {
    return Bytes.wrap(model.weightsBytes());
  }

  @Override
  Bytes rowLeaf(int j) {
    return Bytes.wrap(rows.get(j).leafBytes());
  }

  @Test
  void theFixtureIsARealMlpVersion() {
    assertThat(model.weightsBytes().length).as("the shipped shape's blob").isBetween(100_000, 105_000);
    assertThat(rawPsi()).as("every row sees the query").doesNotContain(0L);
  }

  @Test
  void aProvenWrongOutputOfAnMlpIsSlashedAndTheRequestReopens() {
    BigInteger id = resulted((predicted + 1) % C);
    honestProof(id, (predicted + 1) % C);
    assertWon(() -> challengeOutput(id, weights()), id);
  }

  @Test
  void anOutputChallengeAgainstTheMlpsRightOutputCostsTheChallengersBond() {
    BigInteger id = resulted(predicted);
    honestProof(id, predicted);
    BigInteger proverBefore = p.chain.balance(p.prover);
    assertLost(challengeOutput(id, weights()), id, proverBefore);
  }

  @Test
  void anAlteredPsiCoordinateOfEitherLayerIsSlashed() {
    for (int j : new int[] {4, 5}) { // row 4 reads layer 0, row 5 layer 1
      setUp();
      BigInteger id = resulted(predicted);
      Bytes proof = proofOffByOneStep(id, predicted, j);
      assertWon(() -> challengePsi(id, proof, j), id);
    }
  }

  @Test
  void aPsiChallengeAgainstAnHonestCoordinateOfEitherLayerCostsTheChallengersBond() {
    BigInteger id = resulted(predicted);
    Bytes proof = honestProof(id, predicted);
    for (int j : new int[] {4, 5}) {
      BigInteger proverBefore = p.chain.balance(p.prover);
      assertLost(challengePsi(id, proof, j), id, proverBefore);
    }
  }

  @Test
  void aPsiComputedWithTheLogisticRulesForgettingTheHiddenLayerIsSlashed() {
    // a prover that projects with δ ⊗ [pixels; 255] for a layer-0 row (no backward pass through W2) is wrong
    BigInteger id = resulted(predicted);
    long[] raw = rawPsi();
    FixedMlp.Gradient g = model.outputGradient(input);
    MlpBasisRow row = rows.get(4);
    long shallowOut = 0;
    for (int c = 0; c < C; c++) shallowOut += row.a()[c] * g.delta()[c];
    raw[4] = Rounding.shiftProduct(shallowOut, row.inFactor(g), ROW_SHIFT);
    Bytes proof = prove(id, predicted, raw);
    assertWon(() -> challengePsi(id, proof, 4), id);
  }

  @Test
  void mlpWeightsOtherThanTheCommittedOnesAreRefused() {
    BigInteger id = resulted(predicted);
    honestProof(id, predicted);
    byte[] other = model.weightsBytes();
    other[100] ^= 1;
    Object before = p.chain.host.snapshot();
    assertRefused(challengeOutput(id, Bytes.wrap(other)), Provers.EVIDENCE_MISMATCH, before);
  }

  @Test
  void aBasisRowOfAnotherIndexIsMalformedEvidence() {
    BigInteger id = resulted(predicted);
    Bytes proof = honestProof(id, predicted);
    Object before = p.chain.host.snapshot();
    assertRefused(challengePsi(id, proof, 4, Bytes.wrap(rows.get(6).leafBytes()), 6), Provers.MALFORMED_EVIDENCE, before);
  }

  @Test
  void aBasisRowThatIsNotTheCommittedOneIsRefused() {
    BigInteger id = resulted(predicted);
    Bytes proof = honestProof(id, predicted);
    MlpBasisRow r = rows.get(4);
    short[] a = r.a();
    a[0] ^= 1;
    Bytes forged = Bytes.wrap(new MlpBasisRow(4, r.layer(), r.shift(), a, r.b()).leafBytes());
    Object before = p.chain.host.snapshot();
    assertRefused(challengePsi(id, proof, 4, forged, 4), Provers.EVIDENCE_MISMATCH, before);
  }

  @Test
  void aTruncatedRowLeafIsMalformedEvidence() {
    BigInteger id = resulted(predicted);
    Bytes proof = honestProof(id, predicted);
    Bytes leaf = Bytes.wrap(rows.get(5).leafBytes());
    Object before = p.chain.host.snapshot();
    assertRefused(challengePsi(id, proof, 5, leaf.slice(0, leaf.size() - 2), 5), Provers.MALFORMED_EVIDENCE, before);
  }

  @Test
  void anInputOfAnotherLengthThanTheMlpsIsMalformedEvidence() {
    byte[] shortInput = new byte[F - 1];
    input = shortInput;
    BigInteger id = resulted(0);
    honestProofWithoutRecomputation(id);
    Object before = p.chain.host.snapshot();
    assertRefused(challengeOutput(id, weights()), Provers.MALFORMED_EVIDENCE, before);
  }

  /** A proof with a fixed ψ, for an input the model cannot read (its request is still provable: nothing checks ψ at submission). */
  void honestProofWithoutRecomputation(BigInteger id) {
    prove(id, 0, new short[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 0);
  }

  @Test
  void theMlpPsiChallengeFitsOneBlockAndIsPricedAboveItsWork() {
    BigInteger id = resulted(predicted);
    Bytes proof = honestProof(id, predicted);
    CallResult r = challengePsi(id, proof, 4);
    assertThat(r.isSuccess()).isTrue();
    Bytes data = Provers.CHALLENGE_PSI.encodeCall(id, proof, BigInteger.valueOf(4), weights(), Bytes.wrap(input),
        Bytes.wrap(rows.get(4).leafBytes()), basisTree.multiproof(new int[] {4}));
    long priced = FraudProofs.gas(GasSchedule.V1, data, FraudProofs.PSI);
    // the forward pass alone is H·F + C·H multiply-adds and the weights blob is hashed once
    long work = (long) (H * F + C * H) * GasSchedule.V1.multiplyAdd() + GasSchedule.V1.hashing(model.weightsBytes().length);
    assertThat(priced).isGreaterThan(work).isLessThan(30_000_000L);
    assertThat(r.gasUsed()).isLessThan(30_000_000L);
  }
}

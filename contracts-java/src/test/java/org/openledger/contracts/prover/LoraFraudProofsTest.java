package org.openledger.contracts.prover;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.FixedLora;
import org.openledger.contracts.attribution.IndexTree;
import org.openledger.contracts.attribution.LoraBasisRow;
import org.openledger.contracts.attribution.Rounding;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.host.CallResult;

/**
 * The output and ψ fraud proofs against an OpenLoRA adapter version committed as OLA2 integers
 * (docs/openlora.md §8): a rank-4 adapter of a 784-pixel, 10-class logistic base, basis rows over
 * both blocks. Each challenge wins against a bad proof and loses (the challenger's bond to the
 * prover) against a good one; a row that does not fit the adapter is refused and changes nothing.
 */
class LoraFraudProofsTest extends OneStepFraudFixture {
  static final int F = 784, C = 10, R = 4, K = 8, N = 40;
  /** Brings (a · out)(b · in) — about 2^75 for block A, 2^66 for block B here — near 2^45. */
  static final int SHIFT_A = 30, SHIFT_B = 21;
  FixedLora model;
  List<LoraBasisRow> rows;

  @BeforeEach
  void setUp() {
    Random random = new Random(21);
    int[] bias = new int[C];
    for (int c = 0; c < C; c++) bias[c] = random.nextInt(1 << 20) - (1 << 19);
    FixedLogistic base = new FixedLogistic(C, F, 12, shorts(random, C * F, 300), bias);
    // sA 12, sB 12, sH 8 against the base's s 12: tO = 4
    model = new FixedLora(base, R, 12, 12, 8, shorts(random, R * F, 2000), shorts(random, C * R, 32767));
    rows = new ArrayList<>();
    for (int j = 0; j < K; j++) {
      int block = j % 2;
      int out = block == LoraBasisRow.A ? R : C, in = block == LoraBasisRow.A ? F : R;
      rows.add(new LoraBasisRow(j, base.weightsRoot(), 0, block, block == LoraBasisRow.A ? SHIFT_A : SHIFT_B, shorts(random, out, 32767),
          shorts(random, in, 32767)));
    }
    basisTree = IndexTree.of(rows.stream().map(r -> Keccak.hash(Bytes.wrap(r.leafBytes()))).toList());
    input = new byte[F];
    random.nextBytes(input);
    predicted = model.predict(input);
    deploy(random, model.weightsRoot(), N, K);
  }

  @Override
  long[] rawPsi() {
    FixedLora.Gradient g = model.outputGradient(input);
    return rows.stream().mapToLong(r -> FixedLora.raw(r, g)).toArray();
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
  void theFixtureIsAnAdapterThatMovesTheBasesLogits() {
    assertThat(model.logits(input)).isNotEqualTo(model.base().logits(input));
    assertThat(rawPsi()).as("every row sees the query").doesNotContain(0L);
  }

  @Test
  void aProvenWrongOutputOfAnAdapterIsSlashedAndTheRequestReopens() {
    BigInteger id = resulted((predicted + 1) % C);
    honestProof(id, (predicted + 1) % C);
    assertWon(() -> challengeOutput(id, weights()), id);
  }

  @Test
  void aHostThatAnsweredWithTheBasesClassWhereTheAdapterDisagreesIsSlashed() {
    byte[] disagreeing = null;
    Random random = new Random(5);
    for (int t = 0; t < 2000 && disagreeing == null; t++) {
      byte[] x = new byte[F];
      random.nextBytes(x);
      if (model.predict(x) != model.base().predict(x)) disagreeing = x;
    }
    assertThat(disagreeing).as("the adapter changes some class").isNotNull();
    input = disagreeing;
    int baseClass = model.base().predict(input);
    BigInteger id = resulted(baseClass);
    honestProof(id, baseClass);
    assertWon(() -> challengeOutput(id, weights()), id);
  }

  @Test
  void anOutputChallengeAgainstTheAdaptersRightOutputCostsTheChallengersBond() {
    BigInteger id = resulted(predicted);
    honestProof(id, predicted);
    BigInteger proverBefore = p.chain.balance(p.prover);
    assertLost(challengeOutput(id, weights()), id, proverBefore);
  }

  @Test
  void anAlteredPsiCoordinateOfEitherBlockIsSlashed() {
    for (int j : new int[] {2, 3}) { // row 2 reads block A, row 3 block B
      setUp();
      BigInteger id = resulted(predicted);
      Bytes proof = proofOffByOneStep(id, predicted, j);
      assertWon(() -> challengePsi(id, proof, j), id);
    }
  }

  @Test
  void aPsiChallengeAgainstAnHonestCoordinateOfEitherBlockCostsTheChallengersBond() {
    BigInteger id = resulted(predicted);
    Bytes proof = honestProof(id, predicted);
    for (int j : new int[] {2, 3}) {
      BigInteger proverBefore = p.chain.balance(p.prover);
      assertLost(challengePsi(id, proof, j), id, proverBefore);
    }
  }

  @Test
  void aPsiProjectedWithoutTheBackwardPassThroughBIsSlashed() {
    // a prover that projects block A's row with δ's first r entries instead of Bᵀδ is wrong
    BigInteger id = resulted(predicted);
    long[] raw = rawPsi();
    FixedLora.Gradient g = model.outputGradient(input);
    LoraBasisRow row = rows.get(2);
    raw[2] = row.raw(Arrays.copyOf(g.delta(), R), g.pixels());
    Bytes proof = prove(id, predicted, raw);
    assertWon(() -> challengePsi(id, proof, 2), id);
  }

  @Test
  void aRowNamingAnotherBaseIsMalformedEvidence() {
    BigInteger id = resulted(predicted);
    Bytes proof = honestProof(id, predicted);
    LoraBasisRow r = rows.get(3);
    Bytes other = Bytes.wrap(new LoraBasisRow(3, org.apache.tuweni.bytes.Bytes32.ZERO, 0, r.block(), r.shift(), r.a(), r.b()).leafBytes());
    Object before = p.chain.host.snapshot();
    assertRefused(challengePsi(id, proof, 3, other, 3), Provers.MALFORMED_EVIDENCE, before);
  }

  @Test
  void aRowOfTheOtherBlocksShapeIsMalformedEvidence() {
    BigInteger id = resulted(predicted);
    Bytes proof = honestProof(id, predicted);
    LoraBasisRow r = rows.get(2);
    Bytes swapped = Bytes.wrap(new LoraBasisRow(2, r.baseWeightsRoot(), 0, LoraBasisRow.B, r.shift(), r.a(), r.b()).leafBytes());
    Object before = p.chain.host.snapshot();
    assertRefused(challengePsi(id, proof, 2, swapped, 2), Provers.MALFORMED_EVIDENCE, before);
  }

  @Test
  void adapterWeightsOtherThanTheCommittedOnesAreRefused() {
    BigInteger id = resulted(predicted);
    honestProof(id, predicted);
    byte[] other = model.weightsBytes();
    other[other.length - 1] ^= 1;
    Object before = p.chain.host.snapshot();
    assertRefused(challengeOutput(id, Bytes.wrap(other)), Provers.EVIDENCE_MISMATCH, before);
  }

  @Test
  void theAdapterPsiChallengeIsPricedAboveItsWorkAndFitsABlock() {
    BigInteger id = resulted(predicted);
    Bytes proof = honestProof(id, predicted);
    CallResult r = challengePsi(id, proof, 2);
    assertThat(r.isSuccess()).isTrue();
    Bytes data = Provers.CHALLENGE_PSI.encodeCall(id, proof, BigInteger.valueOf(2), weights(), Bytes.wrap(input), rowLeaf(2),
        basisTree.multiproof(new int[] {2}));
    long priced = FraudProofs.gas(GasSchedule.V1, data, FraudProofs.PSI);
    // forward (base and adapter), the backward pass through B and the row's two dot products, the blob hashed once
    long work = (long) (C * F + R * F + 2 * C * R + R + F) * GasSchedule.V1.multiplyAdd() + GasSchedule.V1.hashing(model.weightsBytes().length);
    System.out.printf("adapter ψ challenge (rank %d, %d-byte OLA2 blob): priced %,d gas, used %,d%n", R, model.weightsBytes().length, priced, r.gasUsed());
    assertThat(priced).isGreaterThan(work).isLessThan(30_000_000L);
    assertThat(r.gasUsed()).isLessThan(30_000_000L);
  }
}

package org.openledger.contracts.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;

/** Each one-step check finds the fault it is for, and finds nothing in an honest proof. */
class FraudChecksTest {
  static final int C = 10, F = 784, K = 12, N = 40;
  Random random;
  FixedLogistic model;
  BasisRows basis;
  byte[] input;
  List<IndexLeaf> leaves;
  IndexTree tree;
  short[] psi;
  int psiShift;
  AttributionProof honest;

  @BeforeEach
  void setUp() {
    random = new Random(5);
    short[] w = new short[C * F];
    for (int i = 0; i < w.length; i++) w[i] = (short) (random.nextInt(2001) - 1000);
    int[] b = new int[C];
    for (int c = 0; c < C; c++) b[c] = random.nextInt(20001) - 10000;
    model = new FixedLogistic(C, F, 12, w, b);
    short[] rows = new short[K * model.parameters()];
    for (int i = 0; i < rows.length; i++) rows[i] = (short) (random.nextInt(601) - 300);
    basis = new BasisRows(K, model.parameters(), rows, 0);
    input = new byte[F];
    random.nextBytes(input);
    long[] raw = basis.project(model.outputGradient(input));
    psiShift = Rounding.int16Shift(raw);
    psi = Rounding.toInt16(raw, psiShift);
    leaves = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      short[] u = new short[K];
      for (int j = 0; j < K; j++) u[j] = (short) (random.nextInt(65535) - 32767);
      leaves.add(new IndexLeaf(Address.of(0x100 + i), 1, Bytes32.ZERO, u));
    }
    tree = IndexTree.ofLeaves(leaves);
    honest = AttributionProof.build(Bytes32.ZERO, psiShift, psi, leaves, tree, AttributionProof.MAX_LEAVES);
  }

  short[] row(int j) {
    return Arrays.copyOfRange(basis.rows(), j * basis.d(), (j + 1) * basis.d());
  }

  @Test
  void theCommittedModelsOwnOutputIsNotWrong() {
    Bytes32 posted = Bytes32.wrap(Keccak.hash(FraudChecks.classOutput(model.predict(input))));
    assertThat(FraudChecks.outputIsWrong(model, input, posted)).isFalse();
  }

  @Test
  void anyOtherClassIsAWrongOutput() {
    Bytes32 posted = Bytes32.wrap(Keccak.hash(FraudChecks.classOutput((model.predict(input) + 1) % C)));
    assertThat(FraudChecks.outputIsWrong(model, input, posted)).isTrue();
  }

  @Test
  void noCoordinateOfAnHonestPsiIsWrong() {
    for (int j = 0; j < K; j++) assertThat(FraudChecks.psiIsWrong(honest, j, model, input, row(j))).as("ψ[%d]", j).isFalse();
  }

  @Test
  void anAlteredPsiCoordinateIsFoundEvenWhenTheScoresWereRecomputedToMatch() {
    short[] altered = psi.clone();
    altered[3] += 1;
    AttributionProof cheat = AttributionProof.build(Bytes32.ZERO, psiShift, altered, leaves, tree, AttributionProof.MAX_LEAVES);
    assertThat(FraudChecks.psiIsWrong(cheat, 3, model, input, row(3))).isTrue();
    assertThat(FraudChecks.psiIsWrong(cheat, 4, model, input, row(4))).isFalse();
  }

  @Test
  void anHonestProofOmitsNoLeaf() {
    List<Long> included = honest.leaves().stream().map(AttributionProof.ProvenLeaf::index).toList();
    for (int i = 0; i < N; i++) {
      if (!included.contains((long) i)) assertThat(FraudChecks.omits(honest, i, leaves.get(i))).as("leaf %d", i).isFalse();
    }
  }

  @Test
  void droppingTheBestLeafIsAnOmission() {
    AttributionProof.ProvenLeaf best = honest.leaves().get(0);
    AttributionProof cheat = withLeaves(honest.leaves().subList(1, honest.leaves().size()));
    assertThat(FraudChecks.omits(cheat, best.index(), best.leaf())).isTrue();
  }

  @Test
  void swappingInALowerLeafForAHigherOneIsAnOmission() {
    List<Long> included = honest.leaves().stream().map(AttributionProof.ProvenLeaf::index).toList();
    assertThat(honest.leaves()).hasSize(AttributionProof.MAX_LEAVES);
    // the best leaf left out of the honest proof, positive or not, replaces the honest top leaf
    int outsider = -1;
    long outsiderScore = Long.MIN_VALUE;
    for (int i = 0; i < N; i++) {
      long s = leaves.get(i).score(psi);
      if (!included.contains((long) i) && s > outsiderScore) {
        outsider = i;
        outsiderScore = s;
      }
    }
    List<AttributionProof.ProvenLeaf> swapped = new ArrayList<>(honest.leaves().subList(1, honest.leaves().size()));
    swapped.add(new AttributionProof.ProvenLeaf(outsider, leaves.get(outsider), outsiderScore));
    swapped.sort(AttributionProof.ORDER);
    AttributionProof cheat = withLeaves(swapped);
    AttributionProof.ProvenLeaf dropped = honest.leaves().get(0);
    assertThat(FraudChecks.omits(cheat, dropped.index(), dropped.leaf())).isTrue();
  }

  @Test
  void aLeafTheProofIncludesCannotBeClaimedOmitted() {
    AttributionProof.ProvenLeaf in = honest.leaves().get(2);
    assertThatThrownBy(() -> FraudChecks.omits(honest, in.index(), in.leaf())).hasMessageContaining("includes leaf");
  }

  AttributionProof withLeaves(List<AttributionProof.ProvenLeaf> kept) {
    int[] indices = kept.stream().mapToInt(l -> (int) l.index()).sorted().toArray();
    return new AttributionProof(honest.binding(), honest.psiShift(), honest.psi(), honest.leafCount(), kept, tree.multiproof(indices));
  }

  // ------------------------------------------------------------------ the leaf-coordinate challenge's one step

  /** Training examples: pixels and labels, as an image contribution holds them. */
  byte[][] examples(int n) {
    byte[][] out = new byte[n][F];
    for (byte[] e : out) random.nextBytes(e);
    return out;
  }

  @Test
  void theExampleProjectionsOfALeafsExamplesAddUpToItsExactCoordinate() {
    byte[][] pixels = examples(7);
    int[] labels = random.ints(7, 0, C).toArray();
    long[] gradientSum = new long[model.parameters()];
    long projections = 0;
    for (int i = 0; i < pixels.length; i++) {
      model.addGradient(pixels[i], model.lossDelta(pixels[i], labels[i]), gradientSum); // how the index builder sums a leaf
      projections += FraudChecks.exampleProjection(model, row(3), pixels[i], labels[i]);
    }
    assertThat(projections).isEqualTo(basis.raw(3, gradientSum));
  }

  @Test
  void theExampleProjectionDependsOnTheLabel() {
    byte[] pixels = examples(1)[0];
    assertThat(FraudChecks.exampleProjection(model, row(0), pixels, 0)).isNotEqualTo(FraudChecks.exampleProjection(model, row(0), pixels, 1));
  }

  @Test
  void aLabelOutsideTheModelsClassesIsRefused() {
    assertThatThrownBy(() -> FraudChecks.exampleProjection(model, row(0), input, C)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anImageOfAnotherSizeIsRefused() {
    assertThatThrownBy(() -> FraudChecks.exampleProjection(model, row(0), new byte[F - 1], 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClaimedSumDiffersFromTheCoordinateExactlyWhenItRoundsToAnotherValue() {
    int e = 10;
    assertThat(FraudChecks.leafCoordinateDiffers((short) 3, 3L << e, e)).isFalse();
    assertThat(FraudChecks.leafCoordinateDiffers((short) 3, (3L << e) + (1L << (e - 1)) - 1, e)).as("just below half rounds down").isFalse();
    assertThat(FraudChecks.leafCoordinateDiffers((short) 3, (3L << e) + (1L << (e - 1)), e)).as("half rounds up").isTrue();
  }
}

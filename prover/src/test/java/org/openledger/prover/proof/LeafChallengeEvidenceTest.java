package org.openledger.prover.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.attribution.BasisRow;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.Rounding;
import org.openledger.contracts.attribution.SumTree;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.attribution.index.AttributionIndex;
import org.openledger.prover.attribution.index.ProjectedLeaves;
import org.openledger.prover.data.ImageContribution;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.factory.TrainingSet;

/**
 * The leaf game's evidence against a real tiny index built the way the factory builds one
 * ({@link TrainingSet}, {@link ProjectedLeaves}): contributor BIG has 1,030 one-image contributions
 * (past the list opening), SMALL three of five images; a 3-class logistic regression over 4×4 images
 * and a 4-row dense basis.
 */
class LeafChallengeEvidenceTest {
  static final int C = 3, SIDE = 4, F = SIDE * SIDE, K = 4, J = 2;
  static final Address BIG = Address.of(0xb16), SMALL = Address.of(0x5a11);
  final Random random = new Random(27);
  final FixedLogistic model = model();
  final List<BasisRow> rows = rows();
  final List<TrainingSet.Accepted> big = contributions(BIG, 1, 1_030, 1), small = contributions(SMALL, 5_000, 3, 5);
  final TrainingSet data = TrainingSet.of(concat(big, small));
  final AttributionIndex index = ProjectedLeaves.build(data.examples().size(), data.owners(), K, this::projection);
  final LeafChallengeEvidence evidence = LeafChallengeEvidence.of(big, model, rows.get(J));

  FixedLogistic model() {
    short[] w = new short[C * F];
    for (int i = 0; i < w.length; i++) w[i] = (short) (random.nextInt(601) - 300);
    int[] b = new int[C];
    for (int c = 0; c < C; c++) b[c] = random.nextInt(20_001) - 10_000;
    return new FixedLogistic(C, F, 8, w, b);
  }

  List<BasisRow> rows() {
    List<BasisRow> out = new ArrayList<>();
    for (int j = 0; j < K; j++) {
      short[] v = new short[model.parameters()];
      for (int i = 0; i < v.length; i++) v[i] = (short) (random.nextInt(401) - 200);
      out.add(new BasisRow.Dense(j, v));
    }
    return out;
  }

  List<TrainingSet.Accepted> contributions(Address who, long firstId, int count, int images) {
    List<TrainingSet.Accepted> out = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      byte[] labels = new byte[images], pixels = new byte[images * F];
      for (int e = 0; e < images; e++) labels[e] = (byte) random.nextInt(C);
      random.nextBytes(pixels);
      byte[] content = new ImageContribution(SIDE, SIDE, C, labels, pixels).encode();
      out.add(new TrainingSet.Accepted(BigInteger.valueOf(firstId + n), 1, who, Bytes32.wrap(Keccak.hash(content)), content));
    }
    return out;
  }

  static List<TrainingSet.Accepted> concat(List<TrainingSet.Accepted> a, List<TrainingSet.Accepted> b) {
    List<TrainingSet.Accepted> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  long[] projection(int i) {
    LabelledImages ex = data.examples();
    byte[] px = Arrays.copyOfRange(ex.images().pixels(), i * F, (i + 1) * F);
    long[] out = new long[K];
    for (int j = 0; j < K; j++) out[j] = model.exampleProjection(rows.get(j), px, ex.label(i));
    return out;
  }

  int leafOf(Address who) {
    for (int n = 0; n < index.leaves().size(); n++) if (index.leaves().get(n).contributor().equals(who)) return n;
    throw new AssertionError("no leaf for " + who);
  }

  @Test
  void itsTreeIsTheIndexLeafsContributionsTree() {
    IndexLeaf leaf = index.leaves().get(leafOf(BIG));
    assertThat(evidence.tree().root()).isEqualTo(leaf.contributionsRoot());
  }

  @Test
  void itsTotalIsTheLeafsExactSumAndRoundsToTheRegisteredCoordinate() {
    int n = leafOf(BIG);
    assertThat(evidence.total()).isEqualTo(index.raw().get(n)[J]);
    assertThat(evidence.tree().total()).isEqualTo(BigInteger.valueOf(evidence.total()));
    assertThat(Rounding.shift(evidence.total(), index.shift())).isEqualTo(index.leaves().get(n).u()[J]);
  }

  @Test
  void onlyALeafWithMoreThanTheListOpeningsContributionsNeedsTheBisection() {
    assertThat(evidence.size()).isEqualTo(1_030);
    assertThat(evidence.needsBisection()).isTrue();
    assertThat(LeafChallengeEvidence.of(small, model, rows.get(J)).needsBisection()).isFalse();
  }

  @Test
  void itsRecordsAndValuesAreWhatTheChainsStepRecomputesFromTheUploadedContent() {
    LeafChallengeEvidence s = LeafChallengeEvidence.of(small, model, rows.get(J));
    for (int i = 0; i < s.size(); i++) {
      assertThat(Bytes32.wrap(Keccak.hash(s.content(i)))).isEqualTo(small.get(i).contentHash());
      for (int e = 0; e < 5; e++) {
        byte[] r = s.record(i, e);
        assertThat(model.exampleProjection(rows.get(J), Arrays.copyOfRange(r, 1, r.length), r[0] & 0xff)).isEqualTo(s.values(i)[e]);
      }
      assertThat(Arrays.stream(s.values(i)).sum()).isEqualTo(s.partialSums()[i]);
    }
  }

  @Test
  void aDefenderFollowsAWrongClaimDownToTheContributionItLiedAbout() {
    long[] claimed = evidence.partialSums();
    claimed[700] += 3L << index.shift();
    SumTree claims = SumTree.of(big.stream().map(a -> TrainingSet.contributionLeaf(a.contributionId(), a.contentHash())).toList(), claimed);
    SumTree.Opening at = claims.opening(claims.root()).orElseThrow();
    int rounds = 0;
    while (!at.isContribution()) {
      int side = evidence.tree().wrongSide(at.hash(), at.leftSum(), at.rightSum()).orElseThrow();
      at = claims.opening(side == 0 ? at.left() : at.right()).orElseThrow();
      rounds++;
    }
    assertThat(at.contribution()).isEqualTo(700);
    assertThat(rounds).isEqualTo(11);
  }
}

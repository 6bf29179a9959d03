package org.openledger.prover.attribution.kfac;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openledger.compute.ComputeBackend;
import org.openledger.compute.ComputeBackends;
import org.openledger.compute.linalg.FloatMatrix;
import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.MlpBasisRow;
import org.openledger.precompiles.Address;
import org.openledger.prover.attribution.index.AttributionIndex;
import org.openledger.prover.attribution.index.ExampleOwner;
import org.openledger.prover.attribution.index.Query;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.FashionMnist.Split;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.Spearman;
import org.openledger.prover.model.Mlp;
import org.openledger.prover.model.MlpQuantizer;
import org.openledger.prover.model.MlpTrainingConfig;

/**
 * The chain's integer MLP attribution (the committed model, the int16 Kronecker rows, exact ψ and
 * leaves) ranks contributors as the float K-FAC scores it quantizes do: on 1,000 shipped training
 * images in 20 contributors (each a class and a parity half) and 20 test outputs, k = 64.
 */
class MlpIndexBuilderTest {

  static final int TRAIN = 1_000, CONTRIBUTORS = 20, QUERIES = 20, RANK = 64;
  /**
   * Measured: mean 1.0000 (to four decimals). Scaling one layer's rows by a wrong 2^3 (a mixed-up
   * s1/s2 in the row shift) measured 0.74.
   */
  static final double SPEARMAN_FLOOR = 0.98;

  static ComputeBackend backend;
  static LabelledImages train, test;
  static Mlp model;
  static FixedMlp fixed;
  static KfacAttribution attribution;
  static IntegerKfacBasis basis;
  static AttributionIndex index;
  static int[] owner;

  @BeforeAll
  static void build() {
    backend = ComputeBackends.open();
    train = FashionMnist.shipped(Split.TRAIN).first(TRAIN);
    test = FashionMnist.shipped(Split.TEST);
    model = Mlp.train(train, FashionMnist.CLASSES, new MlpTrainingConfig(11, 64, 5, 32, 0.1, 1e-3));
    fixed = MlpQuantizer.quantize(model);
    attribution = KfacAttribution.build(backend, model, train, new KfacConfig(RANK, 1e-2));
    basis = IntegerKfacBasis.of(attribution, fixed);
    owner = new int[TRAIN];
    List<ExampleOwner> owners = new ArrayList<>();
    for (int i = 0; i < TRAIN; i++) {
      owner[i] = 2 * train.label(i) + i % 2;
      owners.add(new ExampleOwner(Address.of(0x100 + owner[i]), 1, Bytes32.ZERO));
    }
    index = new MlpIndexBuilder(fixed, basis.rows()).build(train, owners);
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  @Test
  void everyRowIsAKroneckerPairOfOneLayerAtTheCommonScale() {
    assertThat(basis.rank()).isEqualTo(RANK);
    for (MlpBasisRow row : basis.rows()) {
      assertThat(row.a().length + row.b().length).isIn(fixed.hidden() + fixed.inputs() + 1, fixed.classes() + fixed.hidden() + 1);
    }
    assertThat(basis.rows().stream().map(MlpBasisRow::layer).distinct()).as("both layers carry rows").hasSize(2);
  }

  @Test
  void everyCommittedFactorHasItsLargestEntryPositive() {
    for (MlpBasisRow row : basis.rows()) {
      assertThat(largest(row.a())).as("row %d output factor", row.index()).isPositive();
      assertThat(largest(row.b())).as("row %d input factor", row.index()).isPositive();
    }
  }

  static int largest(short[] v) {
    int top = 0;
    for (int i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[top])) top = i;
    return v[top];
  }

  @Test
  void oneLeafPerContributorInAddressOrder() {
    assertThat(index.leaves()).hasSize(CONTRIBUTORS);
    for (int c = 0; c < CONTRIBUTORS; c++) assertThat(index.leaves().get(c).contributor()).isEqualTo(Address.of(0x100 + c));
  }

  @Test
  void theQuerysPsiIsWhatTheChainRecomputesFromEachCommittedRow() {
    MlpQueryBuilder queries = new MlpQueryBuilder(fixed, basis.rows());
    byte[] x = MlpQuantizer.pixels(test.images(), 0);
    Query q = queries.query(x);
    for (MlpBasisRow row : basis.rows()) {
      MlpBasisRow committed = fixed.basisRow(row.index(), row.leafBytes());
      assertThat(fixed.psiCoordinate(committed, x, q.shift())).isEqualTo(BigInteger.valueOf(q.psi()[row.index()]));
    }
  }

  @Test
  void integerContributorScoresRankLikeTheFloatKfacScores() {
    MlpQueryBuilder queries = new MlpQueryBuilder(fixed, basis.rows());
    FloatMatrix vectors = attribution.contributorVectors(owner, CONTRIBUTORS);
    double sum = 0;
    int n = 0;
    for (int t = 0; t < QUERIES; t++) {
      byte[] x = MlpQuantizer.pixels(test.images(), t);
      Query q = queries.query(x);
      FloatMatrix psi = attribution.queryFeatures(backend, test.images(), new int[] {t}, new int[] {q.predicted()});
      FloatMatrix floats = attribution.contributorScores(backend, psi, vectors);
      double[] f = new double[CONTRIBUTORS], z = new double[CONTRIBUTORS];
      for (int c = 0; c < CONTRIBUTORS; c++) {
        IndexLeaf leaf = index.leaves().get(c);
        f[c] = floats.get(0, c);
        z[c] = leaf.score(q.psi());
      }
      sum += Spearman.correlation(f, z);
      n++;
    }
    double mean = sum / n;
    assertThat(mean).isGreaterThanOrEqualTo(SPEARMAN_FLOOR);
  }
}

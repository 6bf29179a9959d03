package org.openledger.prover.factory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openledger.compute.cpu.CpuBackend;
import org.openledger.contracts.attribution.AttributionProof;
import org.openledger.precompiles.Address;
import org.openledger.prover.attribution.Dense;
import org.openledger.prover.attribution.index.QueryBuilder;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.Pooling;
import org.openledger.prover.eval.Progress;

/**
 * The factory on real data as the demo runs it: five contributors, each owning two classes of the
 * shipped Fashion-MNIST subset (2×2-pooled), train → basis → index, deterministic, and attribution
 * that points at the contributor who owns the class the model returns.
 */
class LogisticFactoryTest {
  static CpuBackend backend;
  static LabelledImages pooledTrain, pooledTest;
  static TrainingSet set;
  static LogisticFactory.Built built;

  static Address contributor(int i) {
    return Address.of(0x1000 + i);
  }

  /** Contributor i gets the first {@code perClass} examples of classes 2i and 2i+1. */
  static TrainingSet fiveContributors(LabelledImages data, int perClass) {
    return FiveContributors.of(data, 0, perClass, LogisticFactoryTest::contributor);
  }

  @BeforeAll
  static void build() {
    backend = new CpuBackend();
    pooledTrain = Pooling.pool2x2(FashionMnist.shipped(FashionMnist.Split.TRAIN));
    pooledTest = Pooling.pool2x2(FashionMnist.shipped(FashionMnist.Split.TEST)).first(200);
    set = fiveContributors(pooledTrain, 50);
    built = LogisticFactory.build(set, pooledTest, 10, LogisticFactory.Config.defaults(), backend, Dense.load(), Progress.NONE);
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  @Test
  void theDeliveredModelClassifiesTheEvaluationSet() {
    System.out.println("evaluation score " + built.evaluationScoreBp() + " bp");
    assertThat(built.evaluationScoreBp()).isGreaterThan(6_500);
  }

  @Test
  void theIndexHasOneLeafPerContributorAtTheConfiguredRank() {
    assertThat(built.artifacts().leaves()).hasSize(5);
    assertThat(built.artifacts().rank()).isEqualTo(128);
    assertThat(built.artifacts().logistic().features()).isEqualTo(196);
  }

  @Test
  void rebuildingFromTheSameDataGivesTheSameRoots() {
    LogisticFactory.Built again = LogisticFactory.build(set, pooledTest, 10, LogisticFactory.Config.defaults(), backend, Dense.load(), Progress.NONE);
    assertThat(again.artifacts().weightsRoot()).isEqualTo(built.artifacts().weightsRoot());
    assertThat(again.artifacts().basisRoot()).isEqualTo(built.artifacts().basisRoot());
    assertThat(again.artifacts().indexRoot()).isEqualTo(built.artifacts().indexRoot());
  }

  @Test
  void theTopContributorOfMostOutputsOwnsTheReturnedClass() {
    var query = new QueryBuilder(built.artifacts().logistic(), built.artifacts().denseBasis());
    int size = pooledTest.images().size(), agree = 0, nonePositive = 0;
    for (int t = 0; t < pooledTest.size(); t++) {
      var q = query.query(Arrays.copyOfRange(pooledTest.images().pixels(), t * size, (t + 1) * size));
      AttributionProof proof = AttributionProof.build(Bytes32.ZERO, q.shift(), q.psi(), built.artifacts().leaves(), built.artifacts().tree(), 16);
      if (proof.leaves().isEmpty()) {
        nonePositive++;
        continue;
      }
      Address top = proof.leaves().get(0).leaf().contributor();
      if (top.equals(contributor(q.predicted() / 2))) agree++;
    }
    System.out.println("top contributor owns the returned class for " + agree + " of " + pooledTest.size() + "; no positive contributor: " + nonePositive);
    assertThat(agree).isGreaterThan(pooledTest.size() * 8 / 10);
  }
}

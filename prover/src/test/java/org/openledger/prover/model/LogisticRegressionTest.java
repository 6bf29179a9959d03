package org.openledger.prover.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.FashionMnist.Split;
import org.openledger.prover.data.LabelledImages;

class LogisticRegressionTest {

  private static LabelledImages train;
  private static LabelledImages test;
  private static LogisticRegression model;

  @BeforeAll
  static void trainOnShippedSubset() {
    train = FashionMnist.shipped(Split.TRAIN);
    test = FashionMnist.shipped(Split.TEST);
    model = LogisticRegression.train(train, FashionMnist.CLASSES, TrainingConfig.defaults());
  }

  @Test
  void reachesEightyPercentAccuracyOnTheShippedTestSubset() {
    assertThat(model.accuracy(test)).isGreaterThanOrEqualTo(0.80);
  }

  @Test
  void sameSeedAndDataGiveBitIdenticalWeights() {
    LogisticRegression again = LogisticRegression.train(train, FashionMnist.CLASSES, TrainingConfig.defaults());
    assertThat(again.weights()).isEqualTo(model.weights());
    assertThat(again.bias()).isEqualTo(model.bias());
  }

  @Test
  void anotherSeedGivesOtherWeights() {
    TrainingConfig d = TrainingConfig.defaults();
    TrainingConfig other = new TrainingConfig(d.seed() + 1, d.epochs(), d.batchSize(), d.learningRate(), d.l2());
    assertThat(LogisticRegression.train(train, FashionMnist.CLASSES, other).weights()).isNotEqualTo(model.weights());
  }

  @Test
  void strongerDampingShrinksTheWeights() {
    TrainingConfig d = TrainingConfig.defaults();
    TrainingConfig damped = new TrainingConfig(d.seed(), d.epochs(), d.batchSize(), d.learningRate(), 100 * d.l2());
    assertThat(LogisticRegression.train(train, FashionMnist.CLASSES, damped).weightNormSquared())
        .isLessThan(model.weightNormSquared());
  }

  // --- full-batch training to convergence (what LDS retrains with) ---

  private static LabelledImages small() {
    return org.openledger.prover.eval.Pooling.pool2x2(train.first(400));
  }

  private static int[] firstHalf(int n) {
    int[] half = new int[n / 2];
    for (int i = 0; i < half.length; i++) {
      half[i] = i;
    }
    return half;
  }

  @Test
  void fullBatchTrainingStopsAtTheGradientTolerance() {
    LogisticRegression.Convergence c = new LogisticRegression.Convergence(1e-3, 1e-7, 5_000, 20);
    LogisticRegression.Fit fit = LogisticRegression.trainToConvergence(small(), FashionMnist.CLASSES, c);
    assertThat(fit.gradientNorm()).isLessThanOrEqualTo(1e-7);
    assertThat(fit.iterations()).isPositive();
  }

  @Test
  void fullBatchTrainingIsBitIdenticalWhenRepeated() {
    LogisticRegression.Convergence c = LogisticRegression.Convergence.defaults();
    LogisticRegression a = LogisticRegression.trainToConvergence(small(), FashionMnist.CLASSES, c).model();
    LogisticRegression b = LogisticRegression.trainToConvergence(small(), FashionMnist.CLASSES, c).model();
    assertThat(a.weights()).isEqualTo(b.weights());
    assertThat(a.bias()).isEqualTo(b.bias());
  }

  @Test
  void warmStartAndPreconditionerChangeThePathNotTheOptimum() {
    LabelledImages data = small();
    LogisticRegression.Convergence c = new LogisticRegression.Convergence(1e-2, 1e-9, 5_000, 20);
    LogisticRegression full = LogisticRegression.trainToConvergence(data, FashionMnist.CLASSES, c).model();
    int[] half = firstHalf(data.size());
    LogisticRegression cold = LogisticRegression.trainToConvergence(data, half, FashionMnist.CLASSES, c, null).model();
    // a crude but positive definite preconditioner: the identity scaled down
    LogisticRegression.Fit warm = LogisticRegression.trainToConvergence(data, half, FashionMnist.CLASSES, c, full,
        (v, out) -> { for (int q = 0; q < v.length; q++) out[q] = 0.5 * v[q]; });
    for (int q = 0; q < cold.weights().length; q++) {
      assertThat(warm.model().weights()[q]).isCloseTo(cold.weights()[q], org.assertj.core.api.Assertions.within(1e-6));
    }
  }

  @Test
  void tooFewStepsIsATypedFailureNotASilentlyUnconvergedModel() {
    LogisticRegression.Convergence c = new LogisticRegression.Convergence(1e-3, 1e-9, 3, 20);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> LogisticRegression.trainToConvergence(small(), FashionMnist.CLASSES, c))
        .isInstanceOf(LogisticRegression.NotConvergedException.class)
        .hasMessageContaining("after 3 steps");
  }

  @Test
  void convergedFullBatchModelClassifiesAsWellAsSgd() {
    LabelledImages pooledTrain = org.openledger.prover.eval.Pooling.pool2x2(train);
    LabelledImages pooledTest = org.openledger.prover.eval.Pooling.pool2x2(test);
    LogisticRegression converged = LogisticRegression.trainToConvergence(
        pooledTrain, FashionMnist.CLASSES, LogisticRegression.Convergence.defaults()).model();
    assertThat(converged.accuracy(pooledTest)).isGreaterThanOrEqualTo(0.78);
  }
}

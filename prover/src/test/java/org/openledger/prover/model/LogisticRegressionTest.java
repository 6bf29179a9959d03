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
}

package org.openledger.prover.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.FashionMnist.Split;
import org.openledger.prover.data.Images;
import org.openledger.prover.data.LabelledImages;

class MlpTest {

  private static LabelledImages train;
  private static LabelledImages test;
  private static Mlp model;

  @BeforeAll
  static void trainOnShippedSubset() {
    train = FashionMnist.shipped(Split.TRAIN);
    test = FashionMnist.shipped(Split.TEST);
    model = Mlp.train(train, FashionMnist.CLASSES, MlpTrainingConfig.defaults());
  }

  @Test
  void reachesEightyPercentAccuracyOnTheShippedTestSubset() {
    // measured 0.836 with the default config
    assertThat(model.accuracy(test)).isGreaterThanOrEqualTo(0.80);
  }

  @Test
  void sameSeedAndDataGiveBitIdenticalWeights() {
    assertThat(Mlp.train(train, FashionMnist.CLASSES, MlpTrainingConfig.defaults())).isEqualTo(model);
  }

  @Test
  void anotherSeedGivesOtherWeights() {
    MlpTrainingConfig other = MlpTrainingConfig.defaults().withSeed(12).withEpochs(1);
    MlpTrainingConfig same = MlpTrainingConfig.defaults().withEpochs(1);
    assertThat(Mlp.train(train, FashionMnist.CLASSES, other).w1())
        .isNotEqualTo(Mlp.train(train, FashionMnist.CLASSES, same).w1());
  }

  @Test
  void warmStartLeavesTheStartModelUntouchedAndKeepsItsAccuracy() {
    Mlp before = model.copy();
    Mlp tuned = Mlp.train(train, model, MlpTrainingConfig.defaults().withEpochs(2));
    assertThat(model).isEqualTo(before);
    assertThat(tuned).isNotEqualTo(model);
    assertThat(tuned.accuracy(test)).isGreaterThanOrEqualTo(0.80);
  }

  @Test
  void warmStartRefusesAStartOfAnotherWidth() {
    assertThatThrownBy(() -> Mlp.train(train, model, MlpTrainingConfig.defaults().withHidden(32)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void marginIsTheLogOddsOfTheClass() {
    double[] z = model.logits(test.images(), 0);
    double[] p = Mlp.softmax(z);
    for (int c = 0; c < z.length; c++) {
      assertThat(Mlp.margin(z, c)).isCloseTo(Math.log(p[c]) - Math.log(1 - p[c]), within(1e-9));
    }
  }

  @Test
  void marginStaysFiniteWhenTheClassProbabilityRoundsToOne() {
    double[] z = {100, -100, -100};
    assertThat(Mlp.softmax(z)[0]).isEqualTo(1.0);
    assertThat(Mlp.margin(z, 0)).isCloseTo(200 - Math.log(2), within(1e-9));
  }

  @Test
  void marginGradientMatchesFiniteDifferences() {
    double[] z = model.logits(test.images(), 3);
    int cls = model.predict(test.images(), 3);
    double[] g = Mlp.marginGradient(z, cls);
    for (int c = 0; c < z.length; c++) {
      double[] up = z.clone();
      double[] down = z.clone();
      up[c] += 1e-6;
      down[c] -= 1e-6;
      assertThat(g[c]).isCloseTo((Mlp.margin(up, cls) - Mlp.margin(down, cls)) / 2e-6, within(1e-6));
    }
  }

  @Test
  void hiddenGradientIsTheMarginsDerivativeAtEachPreActivation() {
    Mlp.Activations act = model.activations(test.images(), 5);
    int cls = model.predict(test.images(), 5);
    double[] d = model.hiddenGradient(act, Mlp.marginGradient(act.logits(), cls));
    for (int u = 0; u < model.hidden(); u++) {
      double numeric = (marginWithPreActivationShift(act, u, 1e-6, cls) - marginWithPreActivationShift(act, u, -1e-6, cls)) / 2e-6;
      assertThat(d[u]).isCloseTo(numeric, within(1e-5));
    }
  }

  private static double marginWithPreActivationShift(Mlp.Activations act, int unit, double eps, int cls) {
    double[] z = model.b2().clone();
    for (int u = 0; u < model.hidden(); u++) {
      double h = act.preActivation()[u] + (u == unit ? eps : 0);
      for (int c = 0; c < z.length; c++) {
        z[c] += model.w2()[c * model.hidden() + u] * Math.max(h, 0);
      }
    }
    return Mlp.margin(z, cls);
  }

  @Test
  void refusesImagesOfAnotherSize() {
    Images small = new Images(1, 2, 2, new byte[4]);
    assertThatThrownBy(() -> model.logits(small, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}

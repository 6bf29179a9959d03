package org.openledger.prover.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MarginTest {
  private static final double[] LOGITS = {1.5, -0.3, 2.25, 0.1};

  @Test
  void isTheLogOddsOfTheExplainedClass() {
    double p = Gradients.probabilities(LOGITS)[2];
    assertThat(Margin.value(LOGITS, 2)).isCloseTo(Math.log(p) - Math.log(1 - p), within(1e-12));
  }

  @Test
  void staysFiniteWhenTheModelIsCertain() {
    assertThat(Margin.value(new double[] {800, 0, -5}, 0)).isCloseTo(800 - Math.log(1 + Math.exp(-5)), within(1e-9));
  }

  @Test
  void logitGradientMatchesFiniteDifferences() {
    double[] g = Margin.logitGradient(LOGITS, 2);
    for (int c = 0; c < LOGITS.length; c++) {
      double[] up = LOGITS.clone();
      double[] down = LOGITS.clone();
      up[c] += 1e-6;
      down[c] -= 1e-6;
      assertThat(g[c]).isCloseTo((Margin.value(up, 2) - Margin.value(down, 2)) / 2e-6, within(1e-8));
    }
  }

  @Test
  void logitGradientIsOneAtTheClassAndSumsToZero() {
    double[] g = Margin.logitGradient(LOGITS, 1);
    assertThat(g[1]).isEqualTo(1.0);
    assertThat(g[0] + g[1] + g[2] + g[3]).isCloseTo(0, within(1e-15));
  }
}

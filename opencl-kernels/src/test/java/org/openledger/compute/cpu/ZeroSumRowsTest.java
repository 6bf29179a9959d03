package org.openledger.compute.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ZeroSumRowsTest {

  @Test
  void softmaxResidualsStoredAsFloatsSumToZero() {
    double[] probabilities = {0.7, 0.2, 0.05, 0.03, 0.02};
    float[] p = new float[5];
    for (int o = 0; o < 5; o++) {
      p[o] = (float) ((o == 1 ? 1 : 0) - probabilities[o]);
    }
    assertThat(ZeroSumRows.holds(p, 1, 5)).isTrue();
  }

  @Test
  void aRowOffByMoreThanFloatRoundingKeepsTheFullPath() {
    float[] p = {0.5f, -0.5f, 0f, 0.5f, -0.5f, 1e-5f};
    assertThat(ZeroSumRows.holds(p, 2, 3)).isFalse();
  }

  @Test
  void aSingleOutputNeverTakesTheShortcut() {
    assertThat(ZeroSumRows.holds(new float[] {0f, 0f}, 2, 1)).isFalse();
  }

  @Test
  void eliminatingTheLastClassSubtractsItFromEachOtherClass() {
    // k = 2 rows, out = 3 classes, in = 2: row r's class o block is b[(r·3 + o)·2 ..]
    float[] b = {1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60};
    float[] reduced = new float[9]; // one longer than needed, as a reused buffer may be: its tail is left alone
    reduced[8] = 7;
    assertThat(ZeroSumRows.lastClassEliminated(b, 2, 3, 2, reduced))
        .containsExactly(1 - 5, 2 - 6, 3 - 5, 4 - 6, 10 - 50, 20 - 60, 30 - 50, 40 - 60, 7);
  }
}

package org.openledger.prover.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpearmanTest {

  @Test
  void anyIncreasingRelationIsOne() {
    assertThat(Spearman.correlation(new double[] {1, 2, 3, 4}, new double[] {1, 8, 27, 1000})).isEqualTo(1.0);
  }

  @Test
  void aReversedOrderIsMinusOne() {
    assertThat(Spearman.correlation(new double[] {1, 2, 3}, new double[] {9, 5, 1})).isEqualTo(-1.0);
  }

  @Test
  void tiesShareTheirMeanRank() {
    assertThat(Spearman.ranks(new double[] {5, 1, 5, 3})).containsExactly(3.5, 1, 3.5, 2);
    // ranks (1, 2.5, 2.5, 4) against (1, 2, 3, 4): Pearson = 4.5 / sqrt(4.5 · 5)
    assertThat(Spearman.correlation(new double[] {0, 1, 1, 2}, new double[] {0, 1, 2, 3}))
        .isCloseTo(4.5 / Math.sqrt(4.5 * 5), within(1e-12));
  }

  @Test
  void aConstantSampleHasNoRanking() {
    assertThat(Spearman.correlation(new double[] {2, 2, 2}, new double[] {1, 2, 3})).isNaN();
  }
}

package org.openledger.prover.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetrainedSubsetsTest {

  @Test
  void eachSubsetHoldsExactlyHalfTheGroups() {
    for (boolean[] subset : RetrainedSubsets.draw(101, 20, 5)) {
      int chosen = 0;
      for (boolean b : subset) {
        chosen += b ? 1 : 0;
      }
      assertThat(chosen).isEqualTo(50);
    }
  }

  @Test
  void subsetsDependOnlyOnTheSeed() {
    assertThat(RetrainedSubsets.draw(40, 5, 9)).isDeepEqualTo(RetrainedSubsets.draw(40, 5, 9));
    assertThat(java.util.Arrays.deepEquals(RetrainedSubsets.draw(40, 5, 9), RetrainedSubsets.draw(40, 5, 10))).isFalse();
  }
}

package org.openledger.prover.attribution.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openledger.prover.attribution.index.Fixtures.MODEL;
import static org.openledger.prover.attribution.index.Fixtures.TEST;

import org.junit.jupiter.api.Test;
import org.openledger.contracts.attribution.BasisRows;
import org.openledger.contracts.attribution.Rounding;

class QueryBuilderTest {
  static final int K = 32;
  static final BasisRows BASIS = Fixtures.basis(K, 3);
  static final QueryBuilder QUERIES = new QueryBuilder(MODEL, BASIS);

  @Test
  void predictedClassIsTheCommittedModelsOutput() {
    for (int i = 0; i < 50; i++) {
      byte[] x = Fixtures.pixels(TEST, i);
      assertThat(QUERIES.query(x).predicted()).isEqualTo(MODEL.predict(x));
    }
  }

  @Test
  void rawIsTheExactProjectionOfTheOutputGradient() {
    byte[] x = Fixtures.pixels(TEST, 0);
    assertThat(QUERIES.query(x).raw()).containsExactly(BASIS.project(MODEL.outputGradient(x)));
  }

  @Test
  void psiIsTheRawRoundedHalfUpWithTheQueryShift() {
    for (int i = 0; i < 20; i++) {
      Query q = QUERIES.query(Fixtures.pixels(TEST, i));
      for (int j = 0; j < K; j++) assertThat((long) q.psi()[j]).isEqualTo(Rounding.shift(q.raw()[j], q.shift()));
    }
  }

  /** ψ fits int16 (±32767), and one shift less would not: e_ψ is the smallest. */
  @Test
  void psiFitsInt16WithTheSmallestShift() {
    for (int i = 0; i < 50; i++) {
      Query q = QUERIES.query(Fixtures.pixels(TEST, i));
      long largest = 0;
      for (short v : q.psi()) largest = Math.max(largest, Math.abs(v));
      assertThat(largest).isLessThanOrEqualTo(Short.MAX_VALUE);
      assertThat(q.shift()).isPositive();
      boolean overflowsOneLess = false;
      for (long v : q.raw()) {
        long r = Rounding.shift(v, q.shift() - 1);
        overflowsOneLess |= r > Short.MAX_VALUE || r < -Short.MAX_VALUE;
      }
      assertThat(overflowsOneLess).as("image %d", i).isTrue();
    }
  }

  @Test
  void refusesAnInputOfTheWrongPixelCount() {
    assertThatThrownBy(() -> QUERIES.query(new byte[100])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100 pixels");
  }

  @Test
  void refusesABasisOfAnotherWidth() {
    assertThatThrownBy(() -> new QueryBuilder(MODEL, new BasisRows(1, 7, new short[7], 0)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

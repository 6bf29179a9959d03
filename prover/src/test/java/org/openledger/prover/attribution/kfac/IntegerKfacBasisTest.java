package org.openledger.prover.attribution.kfac;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The committed factor does not depend on which sign of an eigenvector the solver returned. */
class IntegerKfacBasisTest {

  @Test
  void aFactorAndItsNegationCommitTheSameRow() {
    float[] v = {0.1f, -0.7f, 0.3f, 0.05f};
    float[] negated = {-0.1f, 0.7f, -0.3f, -0.05f};
    assertThat(IntegerKfacBasis.canonicalSign(v)).containsExactly(IntegerKfacBasis.canonicalSign(negated));
    assertThat(IntegerKfacBasis.canonicalSign(v)).containsExactly(negated);
  }

  @Test
  void aFactorWhoseLargestEntryIsPositiveIsKept() {
    float[] v = {-0.2f, 0.9f, -0.4f};
    assertThat(IntegerKfacBasis.canonicalSign(v)).isSameAs(v);
  }
}

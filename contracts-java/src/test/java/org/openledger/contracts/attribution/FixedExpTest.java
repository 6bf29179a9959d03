package org.openledger.contracts.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class FixedExpTest {

  /** {@code ln 2 − 45426/2^16}: each halving of {@code 2^{−n}} stands for slightly more than ln 2 nats. */
  private static final double LN2_ROUNDING = Math.log(2) - FixedExp.LN2_Q16 / 65536.0;

  private static double exactQ30(long y) {
    return StrictMath.exp(-y / 65536.0) * FixedExp.ONE;
  }

  @Test
  void zeroDistanceIsExactlyOne() {
    assertThat(FixedExp.negExp(0)).isEqualTo(FixedExp.ONE);
  }

  /**
   * Measured over every Q16 input below the cutoff: the error is at most 1.16 Q30 units from the
   * Horner terms and the floors, plus the relative error {@code n · 1.43·10^−6} of using
   * 45426/2^16 for ln 2 (n ≤ 34 halvings, so at most 4.9·10^−5 relative; 768 Q30 units ≈ 7.2·10^−7
   * absolute, the worst, at y = 2 · 45426). Both are far below δ's Q16 resolution of 1.5·10^−5.
   */
  @Test
  void matchesStrictMathExpWithinTheLn2RoundingAndTwoQ30Units() {
    double worstAbsolute = 0;
    for (long y = 0; y < FixedExp.CUTOFF_Q16; y++) {
      double exact = exactQ30(y);
      long n = y / FixedExp.LN2_Q16;
      double error = Math.abs(FixedExp.negExp(y) - exact);
      assertThat(error).as("y = %d", y).isLessThanOrEqualTo(exact * n * LN2_ROUNDING * 1.001 + 2);
      worstAbsolute = Math.max(worstAbsolute, error);
    }
    assertThat(worstAbsolute).isLessThan(770); // 7.2e-7 in absolute terms
  }

  @Test
  void withinOneHalvingTheHornerSeriesIsAccurateToTwoQ30Units() {
    for (long y = 0; y < FixedExp.LN2_Q16; y++) {
      assertThat(Math.abs(FixedExp.negExp(y) - exactQ30(y))).as("y = %d", y).isLessThan(2);
    }
  }

  @Test
  void isNonIncreasingInTheDistance() {
    long previous = FixedExp.ONE;
    for (long y = 0; y <= FixedExp.CUTOFF_Q16; y++) {
      long v = FixedExp.negExp(y);
      assertThat(v).as("y = %d", y).isLessThanOrEqualTo(previous).isNotNegative();
      previous = v;
    }
  }

  @Test
  void isZeroFromTwentyFourNatsOn() {
    assertThat(FixedExp.negExp(FixedExp.CUTOFF_Q16)).isZero();
    assertThat(FixedExp.negExp(Long.MAX_VALUE)).isZero();
  }

  @Test
  void natsDivideTheLogitDistanceByTheLogitScale() {
    // D = 3 · 255 · 2^s logit units is exactly 3 nats
    assertThat(FixedExp.nats(3L * 255 << 10, 10)).isEqualTo(3L << 16);
    // one unit below rounds down
    assertThat(FixedExp.nats((3L * 255 << 10) - 1, 10)).isEqualTo((3L << 16) - 1);
  }

  @Test
  void natsEqualTheSingleFloorDivisionOfTheSpecForEveryUint8Shift() {
    long d = (1L << 40) + 12_345_677;
    for (int s = 0; s <= 255; s++) {
      BigInteger spec = BigInteger.valueOf(d).shiftLeft(16).divide(BigInteger.valueOf(255).shiftLeft(s));
      assertThat(FixedExp.nats(d, s)).as("s = %d", s).isEqualTo(spec.longValueExact());
    }
  }

  @Test
  void refusesNegativeDistancesAndShiftsOutsideUint8() {
    assertThatThrownBy(() -> FixedExp.nats(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FixedExp.nats(1, 256)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FixedExp.negExp(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theHighestLogitGetsOneAndTheOthersTheirDistance() {
    long[] e = FixedExp.exponentials(new long[] {0, 255L << 4, 255L << 4}, 4); // 1 nat apart
    assertThat(e).containsExactly(FixedExp.negExp(1L << 16), FixedExp.ONE, FixedExp.ONE);
  }
}

package org.openledger.prover.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuantizationTest {

  @Test
  void exponentIsTheSmallestThatKeepsEveryValueInRange() {
    double[] v = {0.7, -3.2, 1e-4};
    for (Quantization q : new Quantization[] {Quantization.INT16, Quantization.INT8}) {
      int e = q.exponent(v, 0, v.length);
      long[] out = new long[3];
      Quantization.round(v, 0, 3, e, out);
      assertThat(Math.abs(out[1])).isLessThanOrEqualTo(q.limit()).isGreaterThan(q.limit() / 2);
      Quantization.round(v, 0, 3, e - 1, out);
      assertThat(Math.abs(out[1])).isGreaterThan(q.limit());
    }
  }

  @Test
  void roundingIsHalfUpLikeTheChainsShift() {
    long[] out = new long[2];
    Quantization.round(new double[] {2.5, -2.5}, 0, 2, 0, out);
    assertThat(out).containsExactly(3, -2);
  }
}

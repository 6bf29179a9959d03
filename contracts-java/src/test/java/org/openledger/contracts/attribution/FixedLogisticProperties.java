package org.openledger.contracts.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The overflow bounds of docs/attribution.md §2 as properties: any int16 weights (including
 * −32768), any int32 biases, any pixels and any shift give exact results with no
 * {@link ArithmeticException}, and the δ invariants hold for every model.
 */
class FixedLogisticProperties {

  /** Fashion-MNIST's shape: the shape the bounds are stated for. */
  static final int C = 10;
  static final int F = 784;

  @Provide
  Arbitrary<FixedLogistic> models() {
    Arbitrary<short[]> weights = Arbitraries.oneOf(
        // extremes: every weight at ±the int16 limit maximises |L|
        Arbitraries.of((short) -32768, (short) 32767).array(short[].class).ofSize(C * F),
        Arbitraries.shorts().array(short[].class).ofSize(C * F),
        Arbitraries.shorts().between((short) -300, (short) 300).array(short[].class).ofSize(C * F));
    Arbitrary<int[]> bias = Arbitraries.oneOf(
        Arbitraries.of(Integer.MIN_VALUE, Integer.MAX_VALUE).array(int[].class).ofSize(C),
        Arbitraries.integers().array(int[].class).ofSize(C));
    Arbitrary<Integer> shift = Arbitraries.oneOf(Arbitraries.integers().between(0, 30), Arbitraries.integers().between(0, 255));
    return Combinators.combine(weights, bias, shift).as((w, b, s) -> new FixedLogistic(C, F, s, w, b));
  }

  @Provide
  Arbitrary<byte[]> inputs() {
    return Arbitraries.oneOf(
        Arbitraries.of((byte) 0, (byte) 255).array(byte[].class).ofSize(F),
        Arbitraries.bytes().array(byte[].class).ofSize(F));
  }

  @Property(tries = 300)
  void logitsEqualTheExactBigIntegerSumInEitherOrder(@ForAll("models") FixedLogistic m, @ForAll("inputs") byte[] x) {
    long[] z = m.logits(x);
    short[] w = m.weights();
    for (int c = 0; c < C; c++) {
      BigInteger exact = BigInteger.valueOf(m.bias()[c]);
      long backwards = 0;
      for (int j = F - 1; j >= 0; j--) {
        exact = exact.add(BigInteger.valueOf((long) w[c * F + j] * (x[j] & 0xff)));
        backwards = Math.addExact(backwards, (long) w[c * F + j] * (x[j] & 0xff));
      }
      assertThat(z[c]).isEqualTo(exact.longValueExact()).isEqualTo(Math.addExact(backwards, m.bias()[c]));
      assertThat(Math.abs(z[c])).isLessThan(1L << 40);
    }
  }

  @Property(tries = 300)
  void outputDeltaIsOneOnTheReturnedClassAndSumsToWithinTheFloorLoss(@ForAll("models") FixedLogistic m, @ForAll("inputs") byte[] x) {
    long[] z = m.logits(x);
    int predicted = FixedLogistic.argmax(z);
    long[] e = FixedExp.exponentials(z, m.shift());
    long[] delta = m.outputDelta(x);
    long others = 0;
    long sum = 0;
    for (int c = 0; c < C; c++) {
      if (c != predicted) {
        others += e[c];
        assertThat(delta[c]).isBetween(-FixedLogistic.DELTA_ONE, 0L);
      }
      sum += delta[c];
    }
    assertThat(delta[predicted]).isEqualTo(FixedLogistic.DELTA_ONE);
    if (others > 0) {
      // Σ_{c≠ŷ} e_c·2^16/S' = 2^16 exactly; each of the C−1 floors loses less than one unit
      assertThat(sum).isBetween(0L, (long) C - 2);
    } else {
      assertThat(sum).isEqualTo(FixedLogistic.DELTA_ONE);
    }
  }

  @Property(tries = 300)
  void lossDeltaSumsToWithinCUnitsOfZero(@ForAll("models") FixedLogistic m, @ForAll("inputs") byte[] x,
                                         @ForAll @IntRange(min = 0, max = C - 1) int label) {
    long[] delta = m.lossDelta(x, label);
    long sum = 0;
    for (int c = 0; c < C; c++) {
      assertThat(delta[c]).isBetween(c == label ? 0L : -FixedLogistic.DELTA_ONE, c == label ? FixedLogistic.DELTA_ONE : 0L);
      sum += delta[c];
    }
    // Σ_c e_c·2^16/S = 2^16 exactly; the C floors lose less than C units together
    assertThat(sum).isBetween(0L, (long) C - 1);
  }

  @Property(tries = 200)
  void everyGradientEntryIsBelowTwoToThe24(@ForAll("models") FixedLogistic m, @ForAll("inputs") byte[] x,
                                            @ForAll @IntRange(min = 0, max = C - 1) int label) {
    for (long[] g : new long[][] {m.outputGradient(x), m.lossGradient(x, label)}) {
      assertThat(g).hasSize(C * F + C);
      for (long v : g) assertThat(Math.abs(v)).isLessThan(1L << 24);
    }
  }

  @Property(tries = 1000)
  void natsAreTheSpecsSingleFloorDivision(@ForAll("distances") long d, @ForAll @IntRange(min = 0, max = 255) int s) {
    BigInteger spec = BigInteger.valueOf(d).shiftLeft(16).divide(BigInteger.valueOf(255).shiftLeft(s));
    assertThat(FixedExp.nats(d, s)).isEqualTo(spec.longValueExact());
  }

  @Provide
  Arbitrary<Long> distances() {
    return Arbitraries.longs().between(0, (1L << 41) - 1);
  }
}

package org.openledger.contracts.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The MLP's integer backward pass and basis projection (docs/attribution.md §2b, §3b) against an
 * independent reference written from the spec's text in unbounded integers: on random small
 * shapes, any weights and biases within the bounds, any shifts and pixels, every value agrees and
 * nothing wraps.
 */
class FixedMlpProperties {

  private static final BigInteger Q16 = BigInteger.ONE.shiftLeft(16);
  private static final BigInteger Q30 = BigInteger.ONE.shiftLeft(30);

  /** A model with the example it is evaluated on, a label and a basis row of each layer. */
  record Case(FixedMlp model, byte[] pixels, int label, MlpBasisRow row0, MlpBasisRow row1) {}

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<int[]> shape = Combinators.combine(Arbitraries.integers().between(1, 24), Arbitraries.integers().between(1, 12),
        Arbitraries.integers().between(2, 8), Arbitraries.integers().between(0, FixedMlp.MAX_SHIFT), Arbitraries.integers().between(0, FixedMlp.MAX_SHIFT))
        .as((f, h, c, s1, s2) -> new int[] {f, h, c, s1, s2});
    return shape.flatMap(s -> {
      int f = s[0], h = s[1], c = s[2];
      Arbitrary<Short> weight = Arbitraries.oneOf(Arbitraries.shorts().between((short) -32767, (short) 32767),
          Arbitraries.shorts().between((short) -300, (short) 300), Arbitraries.of((short) -32767, (short) 32767));
      Arbitrary<Long> bias1 = Arbitraries.oneOf(Arbitraries.longs().between(-FixedMlp.MAX_HIDDEN_BIAS, FixedMlp.MAX_HIDDEN_BIAS),
          Arbitraries.longs().between(-100_000, 100_000));
      Arbitrary<Long> bias2 = Arbitraries.oneOf(Arbitraries.longs().between(-FixedMlp.MAX_OUTPUT_BIAS, FixedMlp.MAX_OUTPUT_BIAS),
          Arbitraries.longs().between(-1L << 40, 1L << 40));
      Arbitrary<FixedMlp> model = Combinators.combine(shortArray(weight, h * f), longArray(bias1, h), shortArray(weight, c * h), longArray(bias2, c))
          .as((w1, b1, w2, b2) -> new FixedMlp(f, h, c, s[3], s[4], w1, b1, w2, b2));
      Arbitrary<byte[]> pixels = Arbitraries.bytes().array(byte[].class).ofSize(f);
      Arbitrary<Short> factor = Arbitraries.shorts();
      Arbitrary<Integer> shift = Arbitraries.integers().between(0, Rounding.MAX_PRODUCT_SHIFT);
      Arbitrary<MlpBasisRow> row0 = Combinators.combine(shortArray(factor, h), shortArray(factor, f + 1), shift).as((a, b, r) -> new MlpBasisRow(3, 0, r, a, b));
      Arbitrary<MlpBasisRow> row1 = Combinators.combine(shortArray(factor, c), shortArray(factor, h + 1), shift).as((a, b, r) -> new MlpBasisRow(4, 1, r, a, b));
      return Combinators.combine(model, pixels, Arbitraries.integers().between(0, c - 1), row0, row1).as(Case::new);
    });
  }

  static Arbitrary<short[]> shortArray(Arbitrary<Short> element, int n) {
    return element.list().ofSize(n).map(l -> {
      short[] a = new short[n];
      for (int i = 0; i < n; i++) a[i] = l.get(i);
      return a;
    });
  }

  private static Arbitrary<long[]> longArray(Arbitrary<Long> element, int n) {
    return element.list().ofSize(n).map(l -> l.stream().mapToLong(Long::longValue).toArray());
  }

  @Property(tries = 400)
  void theOutputGradientEqualsTheUnboundedReference(@ForAll("cases") Case k) {
    Reference ref = new Reference(k.model(), k.pixels());
    BigInteger[] delta = ref.outputDelta();
    FixedMlp.Gradient g = k.model().outputGradient(k.pixels());
    assertGradient(g, ref, delta);
    assertProjections(k, g, ref, delta);
  }

  @Property(tries = 400)
  void theTrainingGradientEqualsTheUnboundedReference(@ForAll("cases") Case k) {
    Reference ref = new Reference(k.model(), k.pixels());
    BigInteger[] delta = ref.lossDelta(k.label());
    FixedMlp.Gradient g = k.model().lossGradient(k.pixels(), k.label());
    assertGradient(g, ref, delta);
    assertProjections(k, g, ref, delta);
  }

  @Property(tries = 2000)
  void shiftProductIsTheRoundedExactProductOrRefusesIt(@ForAll long x, @ForAll long y, @ForAll @IntRange(min = 0, max = 126) int e) {
    BigInteger p = BigInteger.valueOf(x).multiply(BigInteger.valueOf(y));
    BigInteger expected = e == 0 ? p : p.add(BigInteger.ONE.shiftLeft(e - 1)).shiftRight(e);
    if (expected.bitLength() < 64) {
      assertThat(Rounding.shiftProduct(x, y, e)).isEqualTo(expected.longValueExact());
    } else {
      assertThatThrownBy(() -> Rounding.shiftProduct(x, y, e)).isInstanceOf(ArithmeticException.class);
    }
    assertThat(Rounding.shift(p, e)).isEqualTo(expected);
  }

  @Property(tries = 1000)
  void shiftProductAgreesWithTheInt64RoundingWhereTheProductFits(@ForAll @LongRange(min = -(1L << 31), max = 1L << 31) long x,
      @ForAll @LongRange(min = -(1L << 31), max = 1L << 31) long y, @ForAll @IntRange(min = 0, max = 62) int e) {
    assertThat(Rounding.shiftProduct(x, y, e)).isEqualTo(Rounding.shift(x * y, e));
  }

  private static void assertGradient(FixedMlp.Gradient g, Reference ref, BigInteger[] delta) {
    assertThat(big(g.delta())).containsExactly(delta);
    BigInteger[] dh = ref.hiddenDelta(delta);
    assertThat(big(g.hiddenDelta())).containsExactly(dh);
    for (BigInteger v : dh) assertThat(v.abs()).isLessThan(BigInteger.ONE.shiftLeft(32));
    assertThat(big(g.pixelInput())).containsExactly(ref.pixelInput());
    assertThat(big(g.hiddenInput())).containsExactly(ref.hiddenInput());
  }

  private static void assertProjections(Case k, FixedMlp.Gradient g, Reference ref, BigInteger[] delta) {
    BigInteger[] dh = ref.hiddenDelta(delta);
    for (MlpBasisRow row : new MlpBasisRow[] {k.row0(), k.row1()}) {
      BigInteger[] out = row.layer() == 0 ? dh : delta;
      BigInteger[] in = row.layer() == 0 ? ref.pixelInput() : ref.hiddenInput();
      BigInteger p = dot(row.a(), out).multiply(dot(row.b(), in));
      BigInteger raw = row.shift() == 0 ? p : p.add(BigInteger.ONE.shiftLeft(row.shift() - 1)).shiftRight(row.shift());
      assertThat(row.rawExact(g)).isEqualTo(raw);
      if (raw.bitLength() < 64) assertThat(row.raw(g)).isEqualTo(raw.longValueExact());
      else assertThatThrownBy(() -> row.raw(g)).isInstanceOf(ArithmeticException.class);
    }
  }

  static BigInteger dot(short[] w, BigInteger[] v) {
    BigInteger s = BigInteger.ZERO;
    for (int q = 0; q < w.length; q++) s = s.add(BigInteger.valueOf(w[q]).multiply(v[q]));
    return s;
  }

  static BigInteger[] big(long[] v) {
    BigInteger[] b = new BigInteger[v.length];
    for (int i = 0; i < v.length; i++) b[i] = BigInteger.valueOf(v[i]);
    return b;
  }

  /** docs/attribution.md §2 and §2b read literally, in unbounded integers, sharing no code with FixedMlp or FixedExp. */
  static final class Reference {
    final FixedMlp m;
    final byte[] x;
    final BigInteger[] pre, act, logits, e;
    final int predicted;

    Reference(FixedMlp m, byte[] x) {
      this.m = m;
      this.x = x;
      int f = m.inputs(), h = m.hidden(), c = m.classes();
      pre = new BigInteger[h];
      act = new BigInteger[h];
      for (int u = 0; u < h; u++) {
        BigInteger s = BigInteger.valueOf(m.b1()[u]);
        for (int j = 0; j < f; j++) s = s.add(BigInteger.valueOf((long) m.w1()[u * f + j] * (x[j] & 0xff)));
        pre[u] = s;
        act[u] = s.max(BigInteger.ZERO);
      }
      logits = new BigInteger[c];
      for (int k = 0; k < c; k++) {
        BigInteger s = BigInteger.valueOf(m.b2()[k]);
        for (int u = 0; u < h; u++) s = s.add(BigInteger.valueOf(m.w2()[k * h + u]).multiply(act[u]));
        logits[k] = s;
      }
      int best = 0;
      for (int k = 1; k < c; k++) if (logits[k].compareTo(logits[best]) > 0) best = k;
      predicted = best;
      e = new BigInteger[c];
      BigInteger unit = BigInteger.valueOf(255).shiftLeft(m.shift1() + m.shift2());
      for (int k = 0; k < c; k++) {
        BigInteger y = logits[best].subtract(logits[k]).shiftLeft(16).divide(unit); // floor((D << 16) / (255 · 2^s))
        e[k] = negExp(y);
      }
    }

    static BigInteger negExp(BigInteger y) {
      if (y.compareTo(BigInteger.valueOf(24L << 16)) >= 0) return BigInteger.ZERO;
      BigInteger ln2 = BigInteger.valueOf(45426);
      BigInteger n = y.divide(ln2);
      BigInteger r = y.subtract(ln2.multiply(n)).shiftLeft(14);
      BigInteger acc = Q30;
      for (int k = 12; k >= 1; k--) acc = Q30.subtract(acc.multiply(r).divide(Q30).divide(BigInteger.valueOf(k)));
      return acc.shiftRight(n.intValueExact());
    }

    BigInteger[] outputDelta() {
      return outputDelta(e, predicted);
    }

    /** §2's output-function δ from the exponentials and the returned class. */
    static BigInteger[] outputDelta(BigInteger[] e, int predicted) {
      BigInteger others = BigInteger.ZERO;
      for (int k = 0; k < e.length; k++) if (k != predicted) others = others.add(e[k]);
      BigInteger[] d = new BigInteger[e.length];
      for (int k = 0; k < e.length; k++) {
        d[k] = k == predicted ? Q16 : others.signum() == 0 ? BigInteger.ZERO : e[k].shiftLeft(16).divide(others).negate();
      }
      return d;
    }

    BigInteger[] lossDelta(int label) {
      return lossDelta(e, label);
    }

    /** §2's training-example δ from the exponentials and the label. */
    static BigInteger[] lossDelta(BigInteger[] e, int label) {
      BigInteger sum = BigInteger.ZERO;
      for (BigInteger v : e) sum = sum.add(v);
      BigInteger[] d = new BigInteger[e.length];
      for (int k = 0; k < e.length; k++) d[k] = (k == label ? Q16 : BigInteger.ZERO).subtract(e[k].shiftLeft(16).divide(sum));
      return d;
    }

    BigInteger[] hiddenDelta(BigInteger[] delta) {
      int h = m.hidden();
      BigInteger[] dh = new BigInteger[h];
      for (int u = 0; u < h; u++) {
        BigInteger s = BigInteger.ZERO;
        if (pre[u].signum() > 0) for (int k = 0; k < m.classes(); k++) s = s.add(BigInteger.valueOf(m.w2()[k * h + u]).multiply(delta[k]));
        dh[u] = s;
      }
      return dh;
    }

    BigInteger[] pixelInput() {
      BigInteger[] v = new BigInteger[m.inputs() + 1];
      for (int j = 0; j < m.inputs(); j++) v[j] = BigInteger.valueOf(x[j] & 0xff);
      v[m.inputs()] = BigInteger.valueOf(255);
      return v;
    }

    BigInteger[] hiddenInput() {
      BigInteger[] v = new BigInteger[m.hidden() + 1];
      System.arraycopy(act, 0, v, 0, m.hidden());
      v[m.hidden()] = BigInteger.valueOf(255).shiftLeft(m.shift1());
      return v;
    }
  }
}

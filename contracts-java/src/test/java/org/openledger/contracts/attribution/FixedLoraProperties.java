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

/**
 * The integer adapter (docs/openlora.md §8) against an independent reference written from the
 * spec's text in unbounded integers: on random small shapes, any int16 base weights, adapter
 * factors and shifts within the bounds, any pixels, the logits, the class, δ, both blocks'
 * Kronecker factors, ψ's coordinate and a training example's projection agree, nothing wraps, and
 * the blob round-trips.
 */
class FixedLoraProperties {

  record Case(FixedLora model, byte[] pixels, int label, LoraBasisRow rowA, LoraBasisRow rowB, int psiShift) {}

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<int[]> shape = Combinators.combine(Arbitraries.integers().between(1, 24), Arbitraries.integers().between(2, 8),
        Arbitraries.integers().between(1, 6), Arbitraries.integers().between(0, 24), Arbitraries.integers().between(0, 30),
        Arbitraries.integers().between(0, 30), Arbitraries.integers().between(0, 40))
        .as((f, c, r, s, sa, sb, sh) -> new int[] {f, c, r, s, sa, sb, sh});
    return shape.filter(s -> s[4] + s[5] - s[6] - s[3] >= 0).flatMap(s -> {
      int f = s[0], c = s[1], r = s[2];
      Arbitrary<Short> weight = Arbitraries.oneOf(Arbitraries.shorts().between((short) -32767, (short) 32767),
          Arbitraries.shorts().between((short) -300, (short) 300), Arbitraries.of((short) -32767, (short) 32767));
      Arbitrary<int[]> bias = Arbitraries.integers().between(-(1 << 28), 1 << 28).array(int[].class).ofSize(c);
      Arbitrary<FixedLogistic> base = Combinators.combine(FixedMlpProperties.shortArray(weight, c * f), bias)
          .as((w, b) -> new FixedLogistic(c, f, s[3], w, b));
      Arbitrary<FixedLora> model = Combinators.combine(base, FixedMlpProperties.shortArray(weight, r * f), FixedMlpProperties.shortArray(weight, c * r))
          .as((b, a, bb) -> new FixedLora(b, r, s[4], s[5], s[6], a, bb));
      Arbitrary<Short> factor = Arbitraries.shorts().between((short) -32767, (short) 32767);
      Arbitrary<Integer> shift = Arbitraries.integers().between(0, Rounding.MAX_PRODUCT_SHIFT);
      return model.flatMap(m -> {
        Arbitrary<LoraBasisRow> rowA = Combinators.combine(FixedMlpProperties.shortArray(factor, r), FixedMlpProperties.shortArray(factor, f), shift)
            .as((a, b, e) -> new LoraBasisRow(2, m.base().weightsRoot(), 0, LoraBasisRow.A, e, a, b));
        Arbitrary<LoraBasisRow> rowB = Combinators.combine(FixedMlpProperties.shortArray(factor, c), FixedMlpProperties.shortArray(factor, r), shift)
            .as((a, b, e) -> new LoraBasisRow(3, m.base().weightsRoot(), 0, LoraBasisRow.B, e, a, b));
        return Combinators.combine(Arbitraries.just(m), Arbitraries.bytes().array(byte[].class).ofSize(f), Arbitraries.integers().between(0, c - 1),
            rowA, rowB, Arbitraries.integers().between(0, 40)).as(Case::new);
      });
    });
  }

  @Property(tries = 400)
  void theClassAndLogitsEqualTheUnboundedReference(@ForAll("cases") Case k) {
    Reference ref = new Reference(k.model(), k.pixels());
    assertThat(FixedMlpProperties.big(k.model().logits(k.pixels()))).containsExactly(ref.logits);
    assertThat(k.model().predict(k.pixels())).isEqualTo(ref.predicted);
  }

  @Property(tries = 400)
  void psiCoordinatesEqualTheUnboundedReference(@ForAll("cases") Case k) {
    Reference ref = new Reference(k.model(), k.pixels());
    BigInteger[] delta = FixedMlpProperties.Reference.outputDelta(ref.e, ref.predicted);
    for (LoraBasisRow row : new LoraBasisRow[] {k.rowA(), k.rowB()}) {
      assertThat(k.model().psiCoordinate(row, k.pixels(), k.psiShift())).isEqualTo(rs(ref.raw(row, delta), k.psiShift()));
    }
  }

  @Property(tries = 400)
  void exampleProjectionsEqualTheUnboundedReferenceOrRefuseToWrap(@ForAll("cases") Case k) {
    Reference ref = new Reference(k.model(), k.pixels());
    BigInteger[] delta = FixedMlpProperties.Reference.lossDelta(ref.e, k.label());
    for (LoraBasisRow row : new LoraBasisRow[] {k.rowA(), k.rowB()}) {
      BigInteger raw = ref.raw(row, delta);
      if (raw.bitLength() < 64) assertThat(k.model().exampleProjection(row, k.pixels(), k.label())).isEqualTo(raw.longValueExact());
      else assertThatThrownBy(() -> k.model().exampleProjection(row, k.pixels(), k.label())).isInstanceOf(ArithmeticException.class);
    }
  }

  @Property(tries = 200)
  void theBlobAndTheRowsRoundTrip(@ForAll("cases") Case k) {
    byte[] blob = k.model().weightsBytes();
    assertThat(CommittedModel.fromWeightsBytes(blob)).isEqualTo(k.model());
    assertThat(k.model().basisRow(2, k.rowA().leafBytes())).isEqualTo(k.rowA());
    assertThat(k.model().basisRow(3, k.rowB().leafBytes())).isEqualTo(k.rowB());
  }

  private static BigInteger rs(BigInteger v, int e) {
    return e == 0 ? v : v.add(BigInteger.ONE.shiftLeft(e - 1)).shiftRight(e);
  }

  /** docs/openlora.md §8 read literally, in unbounded integers, sharing no code with FixedLora, FixedLogistic or FixedExp. */
  static final class Reference {
    final BigInteger[] x, h, logits, e;
    final FixedLora m;
    final int predicted;

    Reference(FixedLora m, byte[] pixels) {
      this.m = m;
      FixedLogistic base = m.base();
      int f = base.features(), c = base.classes(), r = m.rank();
      x = new BigInteger[f];
      for (int j = 0; j < f; j++) x[j] = BigInteger.valueOf(pixels[j] & 0xff);
      h = new BigInteger[r];
      for (int k = 0; k < r; k++) {
        BigInteger s = BigInteger.ZERO;
        for (int j = 0; j < f; j++) s = s.add(BigInteger.valueOf(m.a()[k * f + j]).multiply(x[j]));
        h[k] = rs(s, m.shiftH());
      }
      int out = m.shiftA() + m.shiftB() - m.shiftH() - base.shift();
      short[] w = base.weights();
      logits = new BigInteger[c];
      for (int q = 0; q < c; q++) {
        BigInteger s = BigInteger.valueOf(base.bias()[q]);
        for (int j = 0; j < f; j++) s = s.add(BigInteger.valueOf(w[q * f + j]).multiply(x[j]));
        BigInteger d = BigInteger.ZERO;
        for (int k = 0; k < r; k++) d = d.add(BigInteger.valueOf(m.b()[q * r + k]).multiply(h[k]));
        logits[q] = s.add(rs(d, out));
      }
      int best = 0;
      for (int q = 1; q < c; q++) if (logits[q].compareTo(logits[best]) > 0) best = q;
      predicted = best;
      e = new BigInteger[c];
      BigInteger unit = BigInteger.valueOf(255).shiftLeft(base.shift());
      for (int q = 0; q < c; q++) e[q] = FixedMlpProperties.Reference.negExp(logits[best].subtract(logits[q]).shiftLeft(16).divide(unit));
    }

    /** rs((a · out)(b · in), shift) with block B's factors δ ⊗ h and block A's (Bᵀδ) ⊗ x. */
    BigInteger raw(LoraBasisRow row, BigInteger[] delta) {
      int r = m.rank(), c = delta.length;
      BigInteger[] out, in;
      if (row.block() == LoraBasisRow.B) {
        out = delta;
        in = h;
      } else {
        out = new BigInteger[r];
        for (int k = 0; k < r; k++) {
          BigInteger s = BigInteger.ZERO;
          for (int q = 0; q < c; q++) s = s.add(BigInteger.valueOf(m.b()[q * r + k]).multiply(delta[q]));
          out[k] = s;
        }
        in = x;
      }
      return rs(FixedMlpProperties.dot(row.a(), out).multiply(FixedMlpProperties.dot(row.b(), in)), row.shift());
    }
  }
}

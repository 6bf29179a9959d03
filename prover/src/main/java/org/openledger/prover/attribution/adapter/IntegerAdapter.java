package org.openledger.prover.attribution.adapter;

import java.util.Arrays;
import java.util.List;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.FixedLora;
import org.openledger.contracts.attribution.LoraBasisRow;
import org.openledger.contracts.attribution.Rounding;
import org.openledger.prover.attribution.index.AttributionIndex;
import org.openledger.prover.attribution.index.ExampleOwner;
import org.openledger.prover.attribution.index.ProjectedLeaves;
import org.openledger.prover.attribution.index.Query;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.lora.LoraAdapter;
import org.openledger.prover.lora.LoraGradient;
import org.openledger.prover.lora.LoraLayer;
import org.openledger.prover.attribution.kfac.IntegerKfacBasis;

/**
 * An adapter in the chain's integers (docs/openlora.md §8): the trained float adapter quantized
 * into {@link FixedLora} (OLA2), and ψ and the index leaves computed with the same contracts-java
 * code a fraud proof runs, so a ψ or leaf coordinate a prover posts is exactly what the chain
 * recomputes.
 */
public final class IntegerAdapter {
  private IntegerAdapter() {}

  /**
   * The OLA2 form of a one-layer adapter of {@code base}: {@code A} at its own int16 shift, and
   * {@code (α/r) · B / 255} at its own — the float reading of a committed base (docs/openlora.md §1)
   * has logits {@code L / 2^s}, so this {@code B} puts {@code rs(B · h, tO)} at {@code L}'s scale.
   * {@code sH} is 0 unless {@code tO} would pass {@link FixedLora#MAX_SHIFT}.
   *
   * @throws IllegalArgumentException if the adapter does not fit the base
   * @throws ArithmeticException if the update is too small for the base's resolution ({@code tO < 0})
   */
  public static FixedLora quantize(FixedLogistic base, LoraAdapter adapter) {
    if (adapter.layers().size() != 1) throw new IllegalArgumentException("an OLA2 adapter has one layer (a logistic base), this has " + adapter.layers().size());
    LoraLayer l = adapter.layers().get(0);
    if (l.in() != base.features() || l.out() != base.classes()) {
      throw new IllegalArgumentException("a " + l.in() + "→" + l.out() + " adapter on a base of " + base.features() + " pixels and " + base.classes() + " classes");
    }
    float[] b = new float[l.b().length];
    for (int i = 0; i < b.length; i++) b[i] = (float) ((double) l.scale() * l.b()[i] / FixedLogistic.PIXEL_MAX);
    int sA = IntegerKfacBasis.shift(l.a()), sB = IntegerKfacBasis.shift(b);
    // an all-zero factor has no scale of its own: give it the one that makes tO = 0
    if (isZero(l.a())) sA = Math.max(0, base.shift() - sB);
    if (isZero(b)) sB = Math.max(0, base.shift() - sA);
    int out = sA + sB - base.shift();
    if (out < 0) throw new ArithmeticException("the adapter's update is below the base's resolution (sA + sB − s = " + out + ")");
    int sH = Math.max(0, out - FixedLora.MAX_SHIFT);
    return new FixedLora(base, l.rank(), sA, sB, sH, IntegerKfacBasis.quantize(l.a(), sA), IntegerKfacBasis.quantize(b, sB));
  }

  private static boolean isZero(float[] v) {
    for (float x : v) if (x != 0) return false;
    return true;
  }

  /** The float adapter an OLA2 blob reads as, for serving on the float base: {@code A = Aq·2^−sA}, {@code B = Bq·255·2^−sB}, scale 1. */
  public static LoraAdapter dequantize(FixedLora m) {
    float[] a = new float[m.a().length], b = new float[m.b().length];
    for (int i = 0; i < a.length; i++) a[i] = (float) Math.scalb((double) m.a()[i], -m.shiftA());
    for (int i = 0; i < b.length; i++) b[i] = (float) Math.scalb((double) m.b()[i] * FixedLogistic.PIXEL_MAX, -m.shiftB());
    return new LoraAdapter(List.of(new LoraLayer(m.rank(), m.inputs(), m.classes(), 1f, a, b)));
  }

  /** An integer gradient as the factored form the basis builder reads (block A: Bᵀδ ⊗ pixels, block B: δ ⊗ h), as doubles (exact below 2^53). */
  static LoraGradient.Factored factored(FixedLora.Gradient g) {
    return new LoraGradient.Factored(new double[0], -1,
        List.of(new LoraGradient.Factors(doubles(g.backDelta()), doubles(g.pixels()), doubles(g.delta()), doubles(g.hidden()))));
  }

  private static double[] doubles(long[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) d[i] = v[i];
    return d;
  }

  /** Example i's raw pixels. */
  public static byte[] pixels(LabelledImages data, int i) {
    int size = data.images().size();
    return Arrays.copyOfRange(data.images().pixels(), i * size, (i + 1) * size);
  }

  /** The chain's form of a committed row (the same leaf bytes). */
  public static LoraBasisRow chainRow(AdapterBasisRow r) {
    return new LoraBasisRow(r.index(), r.baseWeightsRoot(), r.layer(), r.block(), r.shift(), r.a(), r.b());
  }

  /** Every committed row in the chain's form. */
  public static List<LoraBasisRow> chainRows(List<AdapterBasisRow> rows) {
    return rows.stream().map(IntegerAdapter::chainRow).toList();
  }

  /**
   * ψ of a request: the integer class and {@code rs(raw_j(∇f(x)), e_ψ)} over every row, with the
   * smallest {@code e_ψ} that keeps ψ within int16.
   *
   * @throws ArithmeticException if a row's raw_j leaves int64 (the request cannot be proven; it refunds)
   */
  public static Query query(FixedLora m, List<LoraBasisRow> rows, byte[] pixels) {
    FixedLora.Gradient g = m.outputGradient(pixels);
    long[] raw = new long[rows.size()];
    for (int j = 0; j < raw.length; j++) raw[j] = FixedLora.raw(rows.get(j), g);
    int shift = Rounding.int16Shift(raw);
    return new Query(m.predict(pixels), shift, Rounding.toInt16(raw, shift), raw);
  }

  /** {@code raw_j(−∇L)} of one training example over every row: {@link FixedLora#exampleProjection}, the gradient computed once. */
  public static long[] exampleProjection(FixedLora m, List<LoraBasisRow> rows, byte[] pixels, int label) {
    FixedLora.Gradient g = m.lossGradient(pixels, label);
    long[] out = new long[rows.size()];
    for (int j = 0; j < out.length; j++) out[j] = FixedLora.raw(rows.get(j), g);
    return out;
  }

  /**
   * The index leaves {@code u_c[j] = rs(Σ_{i∈c} raw_j(−∇L_i), e_U)}, summed exactly.
   *
   * @throws ArithmeticException when a projection or a leaf's sum leaves int64
   */
  public static AttributionIndex index(FixedLora m, List<LoraBasisRow> rows, LabelledImages data, List<ExampleOwner> owners) {
    return ProjectedLeaves.build(data.size(), owners, rows.size(), i -> exampleProjection(m, rows, pixels(data, i), data.label(i)));
  }
}

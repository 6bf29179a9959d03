package org.openledger.prover.attribution.kfac;

import java.util.ArrayList;
import java.util.List;

import org.apache.tuweni.bytes.Bytes;
import org.openledger.compute.linalg.FloatMatrix;
import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.contracts.attribution.IndexTree;
import org.openledger.contracts.attribution.MlpBasisRow;
import org.openledger.contracts.attribution.Rounding;
import org.openledger.precompiles.Keccak;

/**
 * The committed form of a {@link KfacBasis} for a quantized MLP (docs/attribution.md §3b): each
 * row's two float factors as int16 at their own largest shifts {@code q_a, q_b}, and the product
 * shift {@code r_j = q_a + q_b + g_ℓ − E} that puts every row's {@code raw_j} at
 * {@code ≈ 255 · 2^E ·} the float projection ({@code g_0 = s2 + 16}, {@code g_1 = s1 + 16}: the
 * scales of the integer layer gradients, §2b).
 *
 * @param rows the committed rows, in the float basis's order
 * @param exponent E
 */
public record IntegerKfacBasis(List<MlpBasisRow> rows, int exponent) {

  /**
   * The largest training projection lands near 2^40: a single example's raw_j stays far inside
   * int64 and a leaf may sum 2^22 such examples before its exact int64 sum could overflow.
   */
  public static final int TARGET_BITS = 40;

  public IntegerKfacBasis {
    rows = List.copyOf(rows);
  }

  /**
   * Quantizes {@code attribution}'s basis for {@code model} (the quantized form of
   * {@code attribution.model()}); E from the largest float training projection.
   *
   * @throws ArithmeticException if a row's shift would be negative (a row whose factors cannot
   *     reach the common scale in int16)
   */
  public static IntegerKfacBasis of(KfacAttribution attribution, FixedMlp model) {
    KfacBasis basis = attribution.basis();
    double largest = maxAbs(attribution.trainingFeatures());
    int exponent = largest > 0 ? TARGET_BITS - Math.getExponent(255 * largest) - 1 : 0;
    List<MlpBasisRow> rows = new ArrayList<>(basis.rank());
    for (int r = 0; r < basis.rank(); r++) {
      int layer = basis.rows().get(r).layer();
      float[] out = canonicalSign(basis.outFactor(r));
      float[] in = canonicalSign(basis.inFactor(r));
      int qa = shift(out);
      int qb = shift(in);
      int g = layer == 0 ? model.shift2() + 16 : model.shift1() + 16;
      int shift = qa + qb + g - exponent;
      if (shift < 0) throw new ArithmeticException("row " + r + " needs shift " + shift + " to reach 2^" + exponent);
      rows.add(new MlpBasisRow(r, layer, Math.min(shift, Rounding.MAX_PRODUCT_SHIFT), quantize(out, qa), quantize(in, qb)));
    }
    return new IntegerKfacBasis(rows, exponent);
  }

  public int rank() {
    return rows.size();
  }

  /** The basis tree (§4): leaf j hashes row j's leaf bytes; its root is the version's basisRoot. */
  public IndexTree tree() {
    return IndexTree.of(rows.stream().map(r -> Keccak.hash(Bytes.wrap(r.leafBytes()))).toList());
  }

  /**
   * The factor with its largest-magnitude entry (first on ties) made positive: an eigensolver may
   * return either sign of an eigenvector, and another backend's choice must not change the
   * committed row an attester rebuilds. Negating a factor negates ψ_j and every u_j alike, so
   * scores are unchanged.
   */
  public static float[] canonicalSign(float[] v) {
    int top = 0;
    for (int i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[top])) top = i;
    if (v.length == 0 || v[top] >= 0) return v;
    float[] flipped = new float[v.length];
    for (int i = 0; i < v.length; i++) flipped[i] = -v[i];
    return flipped;
  }

  /** The largest shift that keeps every entry within ±32767 after rounding (also the adapters' rows and weights). */
  public static int shift(float[] v) {
    double max = 0;
    for (float x : v) max = Math.max(max, Math.abs(x));
    if (max == 0) return 0;
    int s = 14 - Math.getExponent(max); // max · 2^s in [2^14, 2^15)
    while (Math.round(Math.scalb(max, s)) > Short.MAX_VALUE) s--;
    return s;
  }

  /** {@code round(v · 2^shift)} per entry, ties towards +∞ as {@link Math#round} breaks them. */
  public static short[] quantize(float[] v, int shift) {
    short[] q = new short[v.length];
    for (int i = 0; i < v.length; i++) q[i] = (short) Math.round(Math.scalb((double) v[i], shift));
    return q;
  }

  private static double maxAbs(FloatMatrix m) {
    double max = 0;
    for (float x : m.data()) max = Math.max(max, Math.abs(x));
    return max;
  }
}

package org.openledger.contracts.attribution;

import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A row of an MLP's attribution basis (docs/attribution.md §3b): a Kronecker pair of one layer,
 * never a d-vector. Its projection of a gradient whose layer-{@code ℓ} weight gradient is
 * {@code out ⊗ in} is {@code raw = rs((a · out) · (b · in), shift)}: both dot products are exact
 * int64 (layer 0: {@code |a · δh| ≤ 1024 · 2^15 · 2^32 = 2^57}, {@code |b · [pixels; 255]| < 2^34};
 * layer 1: {@code |a · δ| ≤ 2^15 · 2^17 = 2^32}, {@code |b · [act; 2^s1 · 255]| ≤ 2^15 · (1024 · 2^34
 * + 2^38) < 2^60}), their product (below 2^117) is exact in 128 bits, and the committed per-row
 * {@code shift} brings it to the version's common scale.
 *
 * <p>Leaf: {@code 0x00 ‖ uint32 j ‖ uint8 layer ‖ uint8 shift ‖ int16 a[out_ℓ] ‖ int16 b[in_ℓ + 1]},
 * big-endian, with {@code out_0 = H, in_0 = F} (layer 0: input → hidden) and
 * {@code out_1 = C, in_1 = H} (layer 1: hidden → output); {@code b}'s last entry multiplies the bias.
 *
 * @param index j, the row's position in the basis tree
 * @param layer 0 or 1
 * @param shift the product's rounding shift, 0 … {@link Rounding#MAX_PRODUCT_SHIFT}
 * @param a the output-side factor (whitening folded in)
 * @param b the input-side factor, bias entry last
 */
public record MlpBasisRow(int index, int layer, int shift, short[] a, short[] b) implements BasisRow {

  public MlpBasisRow {
    if (index < 0) throw new IllegalArgumentException("row index " + index);
    if (layer != 0 && layer != 1) throw new MalformedRowException(MalformedRowException.Reason.LAYER, "layer " + layer + " outside 0..1");
    if (shift < 0 || shift > Rounding.MAX_PRODUCT_SHIFT) throw new MalformedRowException(MalformedRowException.Reason.SHIFT, "shift " + shift + " outside 0.." + Rounding.MAX_PRODUCT_SHIFT);
    a = a.clone();
    b = b.clone();
  }

  /** The lengths {@code (out_ℓ, in_ℓ + 1)} of a layer-{@code layer} row of {@code model}. */
  static int[] shape(FixedMlp model, int layer) {
    return layer == 0 ? new int[] {model.hidden(), model.inputs() + 1} : new int[] {model.classes(), model.hidden() + 1};
  }

  /**
   * Reads row {@code j}'s leaf for {@code model}'s shape.
   *
   * @throws MalformedRowException if the prefix, the index, the layer, the shift or the length
   *     is not that of an MLP row {@code j} of this model
   */
  public static MlpBasisRow decode(byte[] leaf, int j, FixedMlp model) {
    if (leaf.length < 7) throw new MalformedRowException(MalformedRowException.Reason.LENGTH, leaf.length + " bytes, shorter than a row header");
    ByteBuffer buf = ByteBuffer.wrap(leaf);
    if (buf.get() != 0) throw new MalformedRowException(MalformedRowException.Reason.PREFIX, "leaf prefix " + leaf[0]);
    int named = buf.getInt();
    if (named != j) throw new MalformedRowException(MalformedRowException.Reason.INDEX, "the leaf names row " + Integer.toUnsignedString(named) + ", not " + j);
    int layer = Byte.toUnsignedInt(buf.get());
    if (layer > 1) throw new MalformedRowException(MalformedRowException.Reason.LAYER, "layer " + layer + " outside 0..1");
    int shift = Byte.toUnsignedInt(buf.get());
    int[] shape = shape(model, layer);
    int expected = 7 + 2 * (shape[0] + shape[1]);
    if (leaf.length != expected) throw new MalformedRowException(MalformedRowException.Reason.LENGTH, leaf.length + " bytes, a layer-" + layer + " row of " + model + " has " + expected);
    try {
      short[] a = new short[shape[0]];
      for (int q = 0; q < a.length; q++) a[q] = buf.getShort();
      short[] b = new short[shape[1]];
      for (int q = 0; q < b.length; q++) b[q] = buf.getShort();
      return new MlpBasisRow(j, layer, shift, a, b);
    } catch (BufferUnderflowException e) {
      throw new MalformedRowException(MalformedRowException.Reason.LENGTH, "truncated");
    }
  }

  @Override
  public byte[] leafBytes() {
    ByteBuffer buf = ByteBuffer.allocate(7 + 2 * (a.length + b.length));
    buf.put((byte) 0).putInt(index).put((byte) layer).put((byte) shift);
    for (short v : a) buf.putShort(v);
    for (short v : b) buf.putShort(v);
    return buf.array();
  }

  /** {@code a · out_ℓ}, exact ({@link ArithmeticException} rather than a wrap for a gradient beyond §2b's bounds). */
  public long outFactor(FixedMlp.Gradient g) {
    return dot(a, g.out(layer), "a");
  }

  /** {@code b · in_ℓ}, exact. */
  public long inFactor(FixedMlp.Gradient g) {
    return dot(b, g.in(layer), "b");
  }

  /**
   * {@code raw_j(g) = rs((a · out_ℓ) · (b · in_ℓ), shift)} as an int64, what the prover sums into
   * leaves.
   *
   * @throws ArithmeticException if it leaves int64: such an index or query is refused, never wrapped
   */
  public long raw(FixedMlp.Gradient g) {
    return Rounding.shiftProduct(outFactor(g), inFactor(g), shift);
  }

  /** {@link #raw} over unbounded integers: what a fraud proof compares against, for any input. */
  public BigInteger rawExact(FixedMlp.Gradient g) {
    return Rounding.shift(BigInteger.valueOf(outFactor(g)).multiply(BigInteger.valueOf(inFactor(g))), shift);
  }

  /** {@code w · v}, exact (an {@link ArithmeticException} rather than a wrap); also an adapter row's factor product. */
  static long dot(short[] w, long[] v, String name) {
    if (w.length != v.length) throw new IllegalArgumentException(name + " has " + w.length + " entries, the gradient factor " + v.length);
    long s = 0;
    for (int q = 0; q < w.length; q++) s = Math.addExact(s, Math.multiplyExact((long) w[q], v[q]));
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MlpBasisRow r && r.index == index && r.layer == layer && r.shift == shift && Arrays.equals(r.a, a) && Arrays.equals(r.b, b);
  }

  @Override
  public int hashCode() {
    return (31 * index + layer) * 31 + Arrays.hashCode(a);
  }

  @Override
  public String toString() {
    return "MlpBasisRow[" + index + ", layer " + layer + ", shift " + shift + ", " + a.length + "×" + b.length + "]";
  }
}

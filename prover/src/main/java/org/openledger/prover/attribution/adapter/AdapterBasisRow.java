package org.openledger.prover.attribution.adapter;

import java.util.Arrays;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.attribution.LoraBasisRow;
import org.openledger.prover.lora.LoraAdapter;
import org.openledger.prover.lora.LoraGradient;
import org.openledger.prover.lora.LoraLayer;

/**
 * A row of an adapter's attribution basis (docs/openlora.md §5): a Kronecker pair over one block
 * of one layer's adapter — block {@link #A} ({@code rank × in}) or {@link #B} ({@code out × rank}) —
 * never a vector over the adapter's parameters. Its projection of a gradient whose block is
 * {@code out ⊗ in} is {@code raw = round((a · out) · (b · in) · 2^-shift)}, evaluated in double in
 * one fixed order so every JVM gets the same integer.
 *
 * <p>Every row names the base model's weights root: the whitening is the base's and the adapter's
 * Fisher, so a row means nothing on another base, and a prover holding only the adapter version's
 * roots finds the base from the basis.
 *
 * <p>Leaf: {@code 0x00 ‖ uint32 j ‖ bytes32 baseWeightsRoot ‖ uint8 layer ‖ uint8 block ‖ int16 shift
 * ‖ uint32 outLen ‖ uint32 inLen ‖ int16 a[outLen] ‖ int16 b[inLen]}, big-endian.
 */
public record AdapterBasisRow(int index, Bytes32 baseWeightsRoot, int layer, int block, int shift, short[] a, short[] b) {
  public static final int A = LoraBasisRow.A, B = LoraBasisRow.B;

  public AdapterBasisRow {
    if (index < 0 || layer < 0 || layer > 255 || (block != A && block != B) || shift < Short.MIN_VALUE || shift > Short.MAX_VALUE) {
      throw new IllegalArgumentException("adapter row " + index + " (layer " + layer + ", block " + block + ", shift " + shift + ")");
    }
    a = a.clone();
    b = b.clone();
  }

  /** The lengths {@code (out, in)} of a block-{@code block} row of {@code lora}. */
  public static int[] shape(LoraLayer lora, int block) {
    return block == A ? new int[] {lora.rank(), lora.in()} : new int[] {lora.out(), lora.rank()};
  }

  /** The leaf bytes: exactly the chain's {@link LoraBasisRow} leaf. */
  public byte[] leafBytes() {
    return IntegerAdapter.chainRow(this).leafBytes();
  }

  /**
   * Reads row {@code j}'s leaf and checks it fits {@code adapter}'s shape.
   *
   * @throws IllegalArgumentException naming what does not decode
   */
  public static AdapterBasisRow decode(byte[] leaf, int j, LoraAdapter adapter) {
    LoraBasisRow r = LoraBasisRow.decode(leaf, j, (layer, block) -> {
      if (layer >= adapter.layers().size()) throw new IllegalArgumentException("row " + j + ": layer " + layer + " of a " + adapter.layers().size() + "-layer adapter");
      return shape(adapter.layers().get(layer), block);
    });
    return new AdapterBasisRow(j, r.baseWeightsRoot(), r.layer(), r.block(), r.shift(), r.a(), r.b());
  }

  /**
   * {@code raw_j} of a factored gradient: {@code round((a · out) · (b · in) · 2^-shift)}.
   *
   * @throws ArithmeticException if it leaves ±2^62 (no index or ψ may carry it)
   */
  public long raw(LoraGradient.Factored g) {
    LoraGradient.Factors f = g.layers().get(layer);
    double[] out = block == A ? f.aOut() : f.bOut(), in = block == A ? f.aIn() : f.bIn();
    double value = Math.scalb(dot(a, out) * dot(b, in), -shift);
    if (!(Math.abs(value) < 0x1p62)) throw new ArithmeticException("row " + index + "'s projection " + value + " leaves ±2^62");
    return Math.round(value);
  }

  private static double dot(short[] w, double[] v) {
    if (w.length != v.length) throw new IllegalArgumentException("a factor of " + w.length + " entries against " + v.length);
    double s = 0;
    for (int q = 0; q < w.length; q++) s += w[q] * v[q];
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AdapterBasisRow r && r.index == index && r.baseWeightsRoot.equals(baseWeightsRoot) && r.layer == layer && r.block == block
        && r.shift == shift && Arrays.equals(r.a, a) && Arrays.equals(r.b, b);
  }

  @Override
  public int hashCode() {
    return (31 * index + layer) * 31 + Arrays.hashCode(a);
  }

  @Override
  public String toString() {
    return "AdapterBasisRow[" + index + ", layer " + layer + ", " + (block == A ? "A" : "B") + ", shift " + shift + ", " + a.length + "×" + b.length + "]";
  }
}

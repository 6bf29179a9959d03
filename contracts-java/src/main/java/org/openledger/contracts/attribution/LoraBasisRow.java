package org.openledger.contracts.attribution;

import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A basis row of an OpenLoRA adapter version (docs/openlora.md §5, §8): a Kronecker pair over one
 * block of the adapter — {@link #A} ({@code rank × in}) or {@link #B} ({@code out × rank}) — never
 * a vector over the adapter's parameters. Its projection of a gradient whose block is
 * {@code out ⊗ in} is {@code raw = rs((a · out) · (b · in), shift)}, exact ({@link Rounding#shiftProduct}
 * as an MLP row's), so the chain and every prover compute the same integer.
 *
 * <p>Leaf: {@code 0x00 ‖ uint32 j ‖ bytes32 baseWeightsRoot ‖ uint8 layer ‖ uint8 block ‖ int16 shift
 * ‖ uint32 outLen ‖ uint32 inLen ‖ int16 a[outLen] ‖ int16 b[inLen]}, big-endian. The row names the
 * base's weights root: the whitening is the base-with-adapter's Fisher, so a row means nothing on
 * another base. An OLA2 row's layer is 0 and its shift within 0 … {@link Rounding#MAX_PRODUCT_SHIFT}.
 */
public record LoraBasisRow(int index, Bytes32 baseWeightsRoot, int layer, int block, int shift, short[] a, short[] b) implements BasisRow {
  public static final int A = 0, B = 1;
  /** Bytes before the factors. */
  public static final int HEADER = 1 + 4 + 32 + 1 + 1 + 2 + 4 + 4;

  public LoraBasisRow {
    if (index < 0 || layer < 0 || layer > 255 || (block != A && block != B) || shift < Short.MIN_VALUE || shift > Short.MAX_VALUE) {
      throw new IllegalArgumentException("adapter row " + index + " (layer " + layer + ", block " + block + ", shift " + shift + ")");
    }
    a = a.clone();
    b = b.clone();
  }

  @Override
  public byte[] leafBytes() {
    ByteBuffer buf = ByteBuffer.allocate(HEADER + 2 * (a.length + b.length));
    buf.put((byte) 0).putInt(index).put(baseWeightsRoot.toArrayUnsafe()).put((byte) layer).put((byte) block).putShort((short) shift);
    buf.putInt(a.length).putInt(b.length);
    for (short v : a) buf.putShort(v);
    for (short v : b) buf.putShort(v);
    return buf.array();
  }

  /** The decoded fields of a leaf, before any model's shape is applied. */
  private record Header(Bytes32 base, int layer, int block, int shift, int outLen, int inLen) {}

  /**
   * Reads row {@code j}'s leaf; {@code shape} gives a {@code (layer, block)}'s lengths {@code (out, in)}
   * (or throws for a layer the adapter does not have).
   *
   * @throws MalformedRowException naming what does not decode
   */
  public static LoraBasisRow decode(byte[] leaf, int j, java.util.function.BiFunction<Integer, Integer, int[]> shape) {
    if (leaf.length < HEADER) throw new MalformedRowException(MalformedRowException.Reason.LENGTH, leaf.length + " bytes, shorter than an adapter row header");
    try {
      ByteBuffer buf = ByteBuffer.wrap(leaf);
      if (buf.get() != 0) throw new MalformedRowException(MalformedRowException.Reason.PREFIX, "leaf prefix " + leaf[0]);
      int named = buf.getInt();
      if (named != j) throw new MalformedRowException(MalformedRowException.Reason.INDEX, "the leaf names row " + Integer.toUnsignedString(named) + ", not " + j);
      byte[] root = new byte[32];
      buf.get(root);
      Header h = new Header(Bytes32.wrap(root), Byte.toUnsignedInt(buf.get()), Byte.toUnsignedInt(buf.get()), buf.getShort(), buf.getInt(), buf.getInt());
      if (h.block() > B) throw new MalformedRowException(MalformedRowException.Reason.LAYER, "block " + h.block() + " is neither A (0) nor B (1)");
      int[] s = shape.apply(h.layer(), h.block());
      if (h.outLen() != s[0] || h.inLen() != s[1] || leaf.length != HEADER + 2L * (s[0] + (long) s[1])) {
        throw new MalformedRowException(MalformedRowException.Reason.LENGTH, "row " + j + " is " + Integer.toUnsignedString(h.outLen()) + "×"
            + Integer.toUnsignedString(h.inLen()) + " in " + leaf.length + " bytes; layer " + h.layer() + " block " + h.block() + " is " + s[0] + "×" + s[1]);
      }
      short[] a = new short[s[0]], b = new short[s[1]];
      for (int q = 0; q < a.length; q++) a[q] = buf.getShort();
      for (int q = 0; q < b.length; q++) b[q] = buf.getShort();
      return new LoraBasisRow(j, h.base(), h.layer(), h.block(), h.shift(), a, b);
    } catch (BufferUnderflowException e) {
      throw new MalformedRowException(MalformedRowException.Reason.LENGTH, "row " + j + ": truncated leaf of " + leaf.length + " bytes");
    }
  }

  /** {@code a · out}, exact ({@link ArithmeticException} rather than a wrap). */
  public long outFactor(long[] out) {
    return MlpBasisRow.dot(a, out, "a");
  }

  /** {@code b · in}, exact. */
  public long inFactor(long[] in) {
    return MlpBasisRow.dot(b, in, "b");
  }

  /**
   * {@code raw = rs((a · out) · (b · in), shift)} as an int64, what a prover sums into leaves.
   *
   * @throws ArithmeticException if it leaves int64: such an index or query is refused, never wrapped
   */
  public long raw(long[] out, long[] in) {
    return Rounding.shiftProduct(outFactor(out), inFactor(in), shift);
  }

  /** {@link #raw} over unbounded integers: what a fraud proof compares against, for any input. */
  public BigInteger rawExact(long[] out, long[] in) {
    return Rounding.shift(BigInteger.valueOf(outFactor(out)).multiply(BigInteger.valueOf(inFactor(in))), shift);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LoraBasisRow r && r.index == index && r.baseWeightsRoot.equals(baseWeightsRoot) && r.layer == layer && r.block == block
        && r.shift == shift && Arrays.equals(r.a, a) && Arrays.equals(r.b, b);
  }

  @Override
  public int hashCode() {
    return (31 * index + layer) * 31 + Arrays.hashCode(a);
  }

  @Override
  public String toString() {
    return "LoraBasisRow[" + index + ", layer " + layer + ", " + (block == A ? "A" : "B") + ", shift " + shift + ", " + a.length + "×" + b.length + "]";
  }
}

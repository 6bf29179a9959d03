package org.openledger.contracts.attribution;

import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An OpenLoRA adapter in committed integers (docs/openlora.md §8): a rank-{@code r} update of a
 * committed logistic-regression base, self-contained so that a one-step fraud proof recomputes the
 * adapted model's class, ψ and a training example's projection from this blob alone.
 *
 * <ul>
 *   <li>{@code h[k] = rs(Σ_j A[k·F + j] · pixel_j, sH)} — A is int16 at scale {@code 2^sA};
 *   <li>{@code Δ_c = rs(Σ_k B[c·r + k] · h[k], tO)} with {@code tO = sA + sB − sH − s} — B is the
 *       float {@code (α/r) · B} (the LoRA scale folded into its values) as int16 at {@code 2^sB},
 *       so {@code Δ} is at the base's logit scale {@code 2^s · 255};
 *   <li>{@code L_c = L_c^base + Δ_c} ({@link FixedLogistic#logits}); the class is the highest,
 *       lowest index on ties; exponentials and δ exactly as the base's (docs/attribution.md §2).
 * </ul>
 *
 * <p>Gradients over the adapter's parameters, per block in Kronecker form: block B
 * ({@code C × r}) is {@code δ ⊗ h}, block A ({@code r × F}) is {@code (Bᵀδ) ⊗ pixels}; in float
 * units they are scaled by {@code 2^(16+tO)} and {@code 2^(16+tO+sH)} and a row's shift absorbs it.
 *
 * <p>Bounds, enforced by the constructor ({@code F ≤ 1024}, {@code C ≤ 256}, {@code r ≤ 256}, int16
 * entries within ±32767): {@code |A·x| < 2^33}, so {@code |h| < 2^33}; {@code |B·h| < 2^56};
 * {@code |L| < 2^57}; {@code |Bᵀδ| ≤ 2^32}. Every value is exact int64.
 *
 * <p>Blob: the ASCII bytes {@code "OLA2"} ‖ {@code uint32 baseLength} ‖ the base's weights blob ‖
 * {@code uint16 r ‖ uint8 sA ‖ uint8 sB ‖ uint8 sH ‖ int16 A[r·F] ‖ int16 B[C·r]}, big-endian. The
 * base's bytes are its committed blob, so {@code keccak256} of them is the base version's weightsRoot.
 */
public record FixedLora(FixedLogistic base, int rank, int shiftA, int shiftB, int shiftH, short[] a, short[] b) implements CommittedModel {

  /** The blob's first bytes: {@code "OLA2"}. */
  public static final byte[] TAG = "OLA2".getBytes(StandardCharsets.US_ASCII);

  public static final int MAX_INPUTS = FixedMlp.MAX_INPUTS;
  public static final int MAX_CLASSES = FixedMlp.MAX_CLASSES;
  public static final int MAX_RANK = 256;
  /** The largest rounding shift: beyond it every int64 rounds to 0 or −1. */
  public static final int MAX_SHIFT = Rounding.MAX_SHIFT;

  public FixedLora {
    if (base.features() > MAX_INPUTS || base.classes() > MAX_CLASSES) {
      throw new IllegalArgumentException("a base of " + base.classes() + " classes × " + base.features() + " pixels; an adapter's base has at most "
          + MAX_CLASSES + " × " + MAX_INPUTS);
    }
    if (rank < 1 || rank > MAX_RANK) throw new IllegalArgumentException("rank " + rank + " outside 1.." + MAX_RANK);
    if (a.length != rank * base.features() || b.length != base.classes() * rank) {
      throw new IllegalArgumentException("a rank-" + rank + " adapter of " + base + " has " + rank * base.features() + " + " + base.classes() * rank
          + " entries, got " + a.length + " + " + b.length);
    }
    if (shiftA < 0 || shiftA > 255 || shiftB < 0 || shiftB > 255 || shiftH < 0 || shiftH > MAX_SHIFT) {
      throw new IllegalArgumentException("shifts sA " + shiftA + ", sB " + shiftB + ", sH " + shiftH + " (sH at most " + MAX_SHIFT + ")");
    }
    int out = shiftA + shiftB - shiftH - base.shift();
    if (out < 0 || out > MAX_SHIFT) {
      throw new IllegalArgumentException("tO = sA + sB − sH − s = " + out + " outside 0.." + MAX_SHIFT + "; lower sH or raise a factor's shift");
    }
    checkEntries(a, "A");
    checkEntries(b, "B");
    a = a.clone();
    b = b.clone();
  }

  private static void checkEntries(short[] w, String name) {
    for (int q = 0; q < w.length; q++) {
      if (w[q] == Short.MIN_VALUE) throw new IllegalArgumentException(name + "[" + q + "] is −32768; entries stay within ±32767");
    }
  }

  /** A copy of A ({@code r × F}, row-major): the committed integers never change after construction. */
  @Override
  public short[] a() {
    return a.clone();
  }

  /** A copy of B ({@code C × r}, row-major). */
  @Override
  public short[] b() {
    return b.clone();
  }

  /** {@code tO}: the shift that brings {@code B · h} to the base's logit scale. */
  public int shiftOut() {
    return shiftA + shiftB - shiftH - base.shift();
  }

  public int inputs() {
    return base.features();
  }

  public int classes() {
    return base.classes();
  }

  /** {@code h[k] = rs(A[k] · pixels, sH)} for every rank component. */
  public long[] hidden(byte[] pixels) {
    checkInput(pixels);
    int f = inputs();
    long[] h = new long[rank];
    for (int k = 0; k < rank; k++) {
      long s = 0;
      for (int j = 0; j < f; j++) s += a[k * f + j] * (long) (pixels[j] & 0xff);
      h[k] = Rounding.shift(s, shiftH);
    }
    return h;
  }

  /** The adapted logits {@code L^base + rs(B · h, tO)}. */
  public long[] logits(byte[] pixels) {
    return logits(pixels, hidden(pixels));
  }

  private long[] logits(byte[] pixels, long[] h) {
    long[] z = base.logits(pixels);
    for (int c = 0; c < z.length; c++) {
      long s = 0;
      for (int k = 0; k < rank; k++) s += b[c * rank + k] * h[k];
      z[c] += Rounding.shift(s, shiftOut());
    }
    return z;
  }

  @Override
  public int predict(byte[] pixels) {
    return FixedLogistic.argmax(logits(pixels));
  }

  /** {@code e_c} in Q30 at the base's logit scale; the distances may pass 2^47 ({@link FixedExp#natsExact}). */
  public long[] exponentials(long[] logits) {
    long max = logits[FixedLogistic.argmax(logits)];
    long[] e = new long[logits.length];
    for (int c = 0; c < logits.length; c++) e[c] = FixedExp.negExp(FixedExp.natsExact(max - logits[c], base.shift()));
    return e;
  }

  /**
   * One example's gradient over the adapter, per block: B's is {@code delta ⊗ hidden}, A's is
   * {@code backDelta ⊗ pixels}.
   *
   * @param delta the logit gradient δ, Q16 ({@code C} entries)
   * @param hidden {@code h} ({@code r} entries)
   * @param backDelta {@code Bᵀδ} ({@code r} entries)
   * @param pixels the raw pixels ({@code F} entries)
   */
  public record Gradient(long[] delta, long[] hidden, long[] backDelta, long[] pixels) {
    /** The output-side factor of {@code block}. */
    public long[] out(int block) {
      return block == LoraBasisRow.A ? backDelta : delta;
    }

    /** The input-side factor of {@code block}. */
    public long[] in(int block) {
      return block == LoraBasisRow.A ? pixels : hidden;
    }
  }

  /** The gradient of the margin of the returned class (the query's ∇f(x)). */
  public Gradient outputGradient(byte[] pixels) {
    long[] h = hidden(pixels), z = logits(pixels, h);
    return gradient(pixels, h, FixedLogistic.outputDelta(exponentials(z), FixedLogistic.argmax(z)));
  }

  /** The negative loss gradient of a training example with label {@code label} (an index leaf's g_i). */
  public Gradient lossGradient(byte[] pixels, int label) {
    if (label < 0 || label >= classes()) throw new IllegalArgumentException("label " + label + " outside 0.." + (classes() - 1));
    long[] h = hidden(pixels);
    return gradient(pixels, h, FixedLogistic.lossDelta(exponentials(logits(pixels, h)), label));
  }

  private Gradient gradient(byte[] pixels, long[] h, long[] delta) {
    long[] back = new long[rank];
    for (int k = 0; k < rank; k++) {
      long s = 0;
      for (int c = 0; c < delta.length; c++) s += b[c * rank + k] * delta[c];
      back[k] = s;
    }
    long[] x = new long[pixels.length];
    for (int j = 0; j < x.length; j++) x[j] = pixels[j] & 0xff;
    return new Gradient(delta, h, back, x);
  }

  /** The lengths {@code (out, in)} of a block's row: A is {@code r × F}, B is {@code C × r}. */
  public int[] rowShape(int layer, int block) {
    if (layer != 0) throw new MalformedRowException(MalformedRowException.Reason.LAYER, "layer " + layer + "; an OLA2 adapter has layer 0 only");
    return block == LoraBasisRow.A ? new int[] {rank, inputs()} : new int[] {classes(), rank};
  }

  /**
   * Row {@code j}: an adapter row of this shape naming this adapter's base, its shift within
   * 0 … {@link Rounding#MAX_PRODUCT_SHIFT}.
   */
  @Override
  public LoraBasisRow basisRow(int j, byte[] leaf) {
    LoraBasisRow row = LoraBasisRow.decode(leaf, j, this::rowShape);
    if (row.shift() < 0 || row.shift() > Rounding.MAX_PRODUCT_SHIFT) {
      throw new MalformedRowException(MalformedRowException.Reason.SHIFT, "shift " + row.shift() + " outside 0.." + Rounding.MAX_PRODUCT_SHIFT);
    }
    if (!row.baseWeightsRoot().equals(base.weightsRoot())) {
      throw new MalformedRowException(MalformedRowException.Reason.BASE, "the row names base " + row.baseWeightsRoot() + ", the adapter's is " + base.weightsRoot());
    }
    return row;
  }

  private static LoraBasisRow lora(BasisRow row) {
    if (!(row instanceof LoraBasisRow r)) throw new IllegalArgumentException("an adapter reads adapter rows, not " + row.getClass().getSimpleName());
    return r;
  }

  /** {@code raw_j(g)} of a factored gradient as int64 (an {@link ArithmeticException} past it). */
  public static long raw(LoraBasisRow row, Gradient g) {
    return row.raw(g.out(row.block()), g.in(row.block()));
  }

  @Override
  public BigInteger psiCoordinate(BasisRow row, byte[] input, int psiShift) {
    LoraBasisRow r = lora(row);
    Gradient g = outputGradient(input);
    return Rounding.shift(r.rawExact(g.out(r.block()), g.in(r.block())), psiShift);
  }

  @Override
  public long exampleProjection(BasisRow row, byte[] pixels, int label) {
    return raw(lora(row), lossGradient(pixels, label));
  }

  @Override
  public int inputLength() {
    return inputs();
  }

  @Override
  public byte[] weightsBytes() {
    byte[] baseBytes = base.weightsBytes();
    ByteBuffer buf = ByteBuffer.allocate(TAG.length + 4 + baseBytes.length + 5 + 2 * (a.length + b.length));
    buf.put(TAG).putInt(baseBytes.length).put(baseBytes).putShort((short) rank).put((byte) shiftA).put((byte) shiftB).put((byte) shiftH);
    for (short v : a) buf.putShort(v);
    for (short v : b) buf.putShort(v);
    return buf.array();
  }

  /** Whether a weights blob begins with {@link #TAG}. */
  public static boolean isLora(byte[] blob) {
    return blob.length >= TAG.length && Arrays.equals(blob, 0, TAG.length, TAG, 0, TAG.length);
  }

  /**
   * The inverse of {@link #weightsBytes()}.
   *
   * @throws IllegalArgumentException naming what is wrong with the blob
   */
  public static FixedLora decode(byte[] bytes) {
    if (!isLora(bytes)) throw new IllegalArgumentException("not an OLA2 adapter blob");
    try {
      ByteBuffer buf = ByteBuffer.wrap(bytes, TAG.length, bytes.length - TAG.length);
      long baseLength = Integer.toUnsignedLong(buf.getInt());
      if (baseLength > buf.remaining()) throw new IllegalArgumentException("a base of " + baseLength + " bytes in a blob of " + bytes.length);
      byte[] baseBytes = new byte[(int) baseLength];
      buf.get(baseBytes);
      FixedLogistic base = FixedLogistic.fromWeightsBytes(baseBytes);
      int rank = Short.toUnsignedInt(buf.getShort()), sa = Byte.toUnsignedInt(buf.get()), sb = Byte.toUnsignedInt(buf.get()), sh = Byte.toUnsignedInt(buf.get());
      long expected = TAG.length + 4 + baseLength + 5 + 2L * rank * (base.features() + base.classes());
      if (rank > MAX_RANK || bytes.length != expected) {
        throw new IllegalArgumentException("a rank-" + rank + " adapter of " + base + " is " + expected + " bytes, this is " + bytes.length);
      }
      short[] a = new short[rank * base.features()], b = new short[base.classes() * rank];
      for (int q = 0; q < a.length; q++) a[q] = buf.getShort();
      for (int q = 0; q < b.length; q++) b[q] = buf.getShort();
      return new FixedLora(base, rank, sa, sb, sh, a, b);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("an OLA2 blob of " + bytes.length + " bytes is truncated", e);
    }
  }

  private void checkInput(byte[] pixels) {
    if (pixels.length != inputs()) throw new IllegalArgumentException("input has " + pixels.length + " pixels, the model " + inputs());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FixedLora m && m.base.equals(base) && m.rank == rank && m.shiftA == shiftA && m.shiftB == shiftB && m.shiftH == shiftH
        && Arrays.equals(m.a, a) && Arrays.equals(m.b, b);
  }

  @Override
  public int hashCode() {
    return base.hashCode() * 31 + Arrays.hashCode(a) * 17 + Arrays.hashCode(b);
  }

  @Override
  public String toString() {
    return "FixedLora[rank " + rank + " on " + base + ", sA " + shiftA + ", sB " + shiftB + ", sH " + shiftH + "]";
  }
}

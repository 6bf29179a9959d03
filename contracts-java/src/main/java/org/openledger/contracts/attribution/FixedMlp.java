package org.openledger.contracts.attribution;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Keccak;

/**
 * The committed integer form of the shipped MLP {@code F → H (ReLU) → C}: what a one-step fraud
 * proof recomputes on-chain, so every operation is integer and every platform gets the same bits.
 *
 * <ul>
 *   <li>{@code pre[u] = b1[u] + Σ_j W1[u·F + j] · pixel_j} with raw pixels 0..255, so with float
 *       weights {@code w1}, {@code b1} on pixels scaled to [0, 1]: {@code W1 = round(2^s1 · w1)},
 *       {@code b1 = round(2^s1 · 255 · b1)} and {@code pre ≈ 2^s1 · 255 · h};
 *   <li>{@code act[u] = max(pre[u], 0)} — ReLU commutes with the positive scale, so no rescaling;
 *   <li>{@code logit[c] = b2[c] + Σ_u W2[c·H + u] · act[u]} with {@code W2 = round(2^s2 · w2)},
 *       {@code b2 = round(2^(s1+s2) · 255 · b2)}, so {@code logit ≈ 2^(s1+s2) · 255 · z};
 *   <li>the predicted class is the highest logit, lowest index on ties.
 * </ul>
 *
 * <p>Exact int64, never a rounding between layers. Overflow bounds, enforced by the constructor:
 * weights in ±32767, F and H at most 1024, |b1| ≤ 2^33 and |b2| ≤ 2^59. Then
 * |pre| ≤ 2^33 + 1024 · 32767 · 255 < 2^34, |W2 · act| < 2^15 · 2^34 = 2^49, and
 * |logit| ≤ 2^59 + 1024 · 2^49 = 2^60 — inside int64 with room to spare.
 *
 * <p>{@link #encoding()} is {@code uint16 F ‖ uint16 H ‖ uint16 C ‖ uint8 s1 ‖ uint8 s2 ‖
 * int16 W1[H·F] ‖ int64 b1[H] ‖ int16 W2[C·H] ‖ int64 b2[C]}, big-endian (shapes first, as the
 * logistic-regression encoding of docs/attribution.md §4), and {@code weightsRoot} is its keccak256.
 */
public record FixedMlp(int inputs, int hidden, int classes, int shift1, int shift2, short[] w1, long[] b1, short[] w2, long[] b2) {

  public static final int MAX_INPUTS = 1024;
  public static final int MAX_HIDDEN = 1024;
  public static final int MAX_CLASSES = 256;
  /** Shifts beyond this would only scale the weights past int16 for any realistic model. */
  public static final int MAX_SHIFT = 30;
  public static final long MAX_HIDDEN_BIAS = 1L << 33;
  public static final long MAX_OUTPUT_BIAS = 1L << 59;

  public FixedMlp {
    if (inputs <= 0 || inputs > MAX_INPUTS || hidden <= 0 || hidden > MAX_HIDDEN || classes < 2 || classes > MAX_CLASSES) {
      throw new IllegalArgumentException("shape " + inputs + "→" + hidden + "→" + classes + " outside 1.." + MAX_INPUTS
          + " → 1.." + MAX_HIDDEN + " → 2.." + MAX_CLASSES);
    }
    if (w1.length != hidden * inputs || b1.length != hidden || w2.length != classes * hidden || b2.length != classes) {
      throw new IllegalArgumentException("shape " + inputs + "→" + hidden + "→" + classes + " does not match the arrays");
    }
    if (shift1 < 0 || shift1 > MAX_SHIFT || shift2 < 0 || shift2 > MAX_SHIFT) {
      throw new IllegalArgumentException("shifts " + shift1 + ", " + shift2 + " outside 0.." + MAX_SHIFT);
    }
    checkWeights(w1, "W1");
    checkWeights(w2, "W2");
    checkBiases(b1, MAX_HIDDEN_BIAS, "b1");
    checkBiases(b2, MAX_OUTPUT_BIAS, "b2");
  }

  private static void checkWeights(short[] w, String name) {
    for (int q = 0; q < w.length; q++) {
      if (w[q] == Short.MIN_VALUE) throw new IllegalArgumentException(name + "[" + q + "] is −32768; weights stay within ±32767");
    }
  }

  private static void checkBiases(long[] b, long max, String name) {
    for (int q = 0; q < b.length; q++) {
      if (b[q] > max || b[q] < -max) throw new IllegalArgumentException(name + "[" + q + "] = " + b[q] + " exceeds ±" + max);
    }
  }

  /** Hidden unit {@code u}'s pre-activation: the single step a challenger can ask the chain to redo. */
  public long preActivation(int u, byte[] pixels) {
    checkInput(pixels);
    long s = b1[u];
    int row = u * inputs;
    for (int j = 0; j < inputs; j++) {
      s += (long) w1[row + j] * (pixels[j] & 0xff);
    }
    return s;
  }

  /** Every hidden activation {@code max(pre, 0)}. */
  public long[] activations(byte[] pixels) {
    long[] a = new long[hidden];
    for (int u = 0; u < hidden; u++) {
      a[u] = Math.max(preActivation(u, pixels), 0);
    }
    return a;
  }

  /** Logit {@code c} from the hidden activations (each in 0 .. 2^34, as {@link #activations} returns). */
  public long logit(int c, long[] activations) {
    if (activations.length != hidden) {
      throw new IllegalArgumentException(activations.length + " activations, the model has " + hidden + " hidden units");
    }
    long s = b2[c];
    int row = c * hidden;
    for (int u = 0; u < hidden; u++) {
      if (activations[u] < 0 || activations[u] >= 1L << 34) {
        throw new IllegalArgumentException("activation " + u + " = " + activations[u] + " outside 0 .. 2^34");
      }
      s += w2[row + u] * activations[u];
    }
    return s;
  }

  /** All logits of an image (raw pixels 0..255). */
  public long[] logits(byte[] pixels) {
    long[] a = activations(pixels);
    long[] z = new long[classes];
    for (int c = 0; c < classes; c++) z[c] = logit(c, a);
    return z;
  }

  /** The class with the highest logit, lowest index on ties. */
  public int predict(byte[] pixels) {
    return argmax(logits(pixels));
  }

  /** The highest logit's index, lowest index on ties. */
  public static int argmax(long[] logits) {
    int best = 0;
    for (int c = 1; c < logits.length; c++) {
      if (logits[c] > logits[best]) best = c;
    }
    return best;
  }

  /** The committed bytes; see the class comment. */
  public byte[] encoding() {
    ByteBuffer b = ByteBuffer.allocate(encodedLength(inputs, hidden, classes));
    b.putShort((short) inputs).putShort((short) hidden).putShort((short) classes);
    b.put((byte) shift1).put((byte) shift2);
    for (short v : w1) b.putShort(v);
    for (long v : b1) b.putLong(v);
    for (short v : w2) b.putShort(v);
    for (long v : b2) b.putLong(v);
    return b.array();
  }

  /** {@code keccak256(encoding())}: the version's weightsRoot. */
  public Bytes32 weightsRoot() {
    return Bytes32.wrap(Keccak.hash(encoding()));
  }

  /** The length of an encoding for this shape. */
  public static int encodedLength(int inputs, int hidden, int classes) {
    return 8 + 2 * hidden * inputs + 8 * hidden + 2 * classes * hidden + 8 * classes;
  }

  /**
   * Reads {@link #encoding()} back (what a challenger fetched from the content store under the
   * weightsRoot); refuses trailing bytes, a short buffer and every bound the constructor enforces.
   */
  public static FixedMlp decode(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    try {
      int f = Short.toUnsignedInt(b.getShort());
      int h = Short.toUnsignedInt(b.getShort());
      int c = Short.toUnsignedInt(b.getShort());
      int s1 = Byte.toUnsignedInt(b.get());
      int s2 = Byte.toUnsignedInt(b.get());
      if (f > MAX_INPUTS || h > MAX_HIDDEN || c > MAX_CLASSES || bytes.length != encodedLength(f, h, c)) {
        throw new IllegalArgumentException("encoding of " + bytes.length + " bytes does not hold a " + f + "→" + h + "→" + c + " model");
      }
      short[] w1 = new short[h * f];
      for (int q = 0; q < w1.length; q++) w1[q] = b.getShort();
      long[] b1 = new long[h];
      for (int q = 0; q < h; q++) b1[q] = b.getLong();
      short[] w2 = new short[c * h];
      for (int q = 0; q < w2.length; q++) w2[q] = b.getShort();
      long[] b2 = new long[c];
      for (int q = 0; q < c; q++) b2[q] = b.getLong();
      return new FixedMlp(f, h, c, s1, s2, w1, b1, w2, b2);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("encoding of " + bytes.length + " bytes is truncated", e);
    }
  }

  private void checkInput(byte[] pixels) {
    if (pixels.length != inputs) throw new IllegalArgumentException("input has " + pixels.length + " pixels, the model " + inputs);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FixedMlp m && m.inputs == inputs && m.hidden == hidden && m.classes == classes && m.shift1 == shift1
        && m.shift2 == shift2 && Arrays.equals(m.w1, w1) && Arrays.equals(m.b1, b1) && Arrays.equals(m.w2, w2) && Arrays.equals(m.b2, b2);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(w1) * 31 + Arrays.hashCode(w2);
  }

  @Override
  public String toString() {
    return "FixedMlp[" + inputs + "→" + hidden + "→" + classes + ", shifts " + shift1 + "/" + shift2 + "]";
  }
}

package org.openledger.contracts.attribution;

import java.math.BigInteger;
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
 * <p><b>Backward pass</b> (docs/attribution.md §2b), every value exact: the logit gradient δ of
 * the logistic model's definitions (Q16, {@link FixedLogistic#outputDelta(long[], int)} and
 * {@link FixedLogistic#lossDelta(long[], int)}) over this model's exponentials at scale
 * {@code 2^(s1+s2) · 255}; the hidden gradient {@code δh[u] = [pre[u] > 0] · Σ_c W2[c·H+u] · δ_c};
 * and each layer's gradient in Kronecker form, never a d-vector: layer 0 (input → hidden) is
 * {@code δh ⊗ [pixels; 255]}, layer 1 (hidden → output) is {@code δ ⊗ [act; 2^s1 · 255]} — the
 * bias entries carry the scale their layer's inputs carry. Bounds: {@code Σ_c |δ_c| ≤ 2^17} (both
 * deltas), so {@code |δh| ≤ 32767 · 2^17 < 2^32}; the inputs are below {@code 2^38}.
 *
 * <p>{@link #weightsBytes()} is {@code 0x0000 ‖ uint8 1 ‖ uint16 F ‖ uint16 H ‖ uint16 C ‖ uint8 s1 ‖
 * uint8 s2 ‖ int16 W1[H·F] ‖ int64 b1[H] ‖ int16 W2[C·H] ‖ int64 b2[C]}, big-endian; the leading
 * {@code uint16 0} is a class count no logistic model can have, so the blob alone tells the two
 * model kinds apart ({@link CommittedModel#fromWeightsBytes}). {@code weightsRoot} is its keccak256.
 */
public record FixedMlp(int inputs, int hidden, int classes, int shift1, int shift2, short[] w1, long[] b1, short[] w2, long[] b2)
    implements CommittedModel {

  /** The weights blob's first bytes: {@code uint16 0} (no logistic model has 0 classes), then kind 1. */
  public static final byte[] TAG = {0, 0, 1};

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

  // ------------------------------------------------------------------ backward pass (§2b)

  /** The bound on {@code Σ_c |δ_c|} both logit gradients meet (2^16 for the target class, at most 2^16 for the rest). */
  public static final long MAX_DELTA_MASS = 2 * FixedLogistic.DELTA_ONE;

  /**
   * One example's gradient in Kronecker form: layer 0's weight gradient is
   * {@code hiddenDelta ⊗ pixelInput}, layer 1's is {@code delta ⊗ hiddenInput}; the last input
   * entry of each layer multiplies its bias.
   *
   * @param delta the logit gradient δ, Q16 ({@code C} entries)
   * @param hiddenDelta δh ({@code H} entries, {@code |δh| < 2^32})
   * @param pixelInput {@code [pixel_0 … pixel_{F−1}, 255]}
   * @param hiddenInput {@code [act_0 … act_{H−1}, 2^s1 · 255]} (each below 2^38)
   */
  public record Gradient(long[] delta, long[] hiddenDelta, long[] pixelInput, long[] hiddenInput) {

    /** The output-side factor of {@code layer} (0: δh, 1: δ). */
    public long[] out(int layer) {
      return switch (layer) {
        case 0 -> hiddenDelta;
        case 1 -> delta;
        default -> throw new IllegalArgumentException("layer " + layer + " outside 0..1");
      };
    }

    /** The input-side factor of {@code layer}, bias entry last. */
    public long[] in(int layer) {
      return switch (layer) {
        case 0 -> pixelInput;
        case 1 -> hiddenInput;
        default -> throw new IllegalArgumentException("layer " + layer + " outside 0..1");
      };
    }
  }

  /** Every hidden pre-activation (each within ±2^34). */
  public long[] preActivations(byte[] pixels) {
    long[] pre = new long[hidden];
    for (int u = 0; u < hidden; u++) pre[u] = preActivation(u, pixels);
    return pre;
  }

  /**
   * The logit distance {@code D} in natural-log units, Q16, exactly as the logistic model's
   * {@link FixedExp#nats}: {@code floor((D << 16) / (255 · 2^(s1+s2)))}. An MLP's logits reach
   * 2^60, so D may pass FixedExp's 2^47 operand bound; that range is computed in BigInteger (the
   * same integer: nested floors of positive divisions), and any result from
   * {@link FixedExp#CUTOFF_Q16} on gives e = 0 either way.
   */
  public long nats(long distance) {
    return FixedExp.natsExact(distance, shift1 + shift2);
  }

  /** {@code e_c = negExp(nats(L_max − L_c))} in Q30: the highest logit gets exactly 2^30. */
  public long[] exponentials(long[] logits) {
    if (logits.length != classes) throw new IllegalArgumentException(logits.length + " logits for " + classes + " classes");
    long max = logits[argmax(logits)];
    long[] e = new long[classes];
    for (int c = 0; c < classes; c++) e[c] = FixedExp.negExp(nats(max - logits[c]));
    return e;
  }

  /** The gradient of the margin of the returned class (the query's ∇f(x), §1). */
  public Gradient outputGradient(byte[] pixels) {
    long[] pre = preActivations(pixels);
    long[] z = logitsFromPre(pre);
    return gradient(pixels, pre, FixedLogistic.outputDelta(exponentials(z), argmax(z)));
  }

  /** The negative loss gradient of a training example with label {@code label} (an index leaf's g_i). */
  public Gradient lossGradient(byte[] pixels, int label) {
    if (label < 0 || label >= classes) throw new IllegalArgumentException("label " + label + " outside 0.." + (classes - 1));
    long[] pre = preActivations(pixels);
    return gradient(pixels, pre, FixedLogistic.lossDelta(exponentials(logitsFromPre(pre)), label));
  }

  /**
   * Backpropagates a logit gradient: {@code δh[u] = [pre[u] > 0] · Σ_c W2[c·H+u] · δ_c}, and the
   * two layers' inputs.
   *
   * @param delta Q16, {@code Σ_c |δ_c| ≤ 2^17} (what keeps {@code δh} below 2^32)
   */
  public Gradient gradient(byte[] pixels, long[] delta) {
    return gradient(pixels, preActivations(pixels), delta);
  }

  private Gradient gradient(byte[] pixels, long[] pre, long[] delta) {
    checkInput(pixels);
    if (delta.length != classes) throw new IllegalArgumentException(delta.length + " deltas for " + classes + " classes");
    long mass = 0;
    for (long d : delta) {
      if (Math.abs(d) > MAX_DELTA_MASS) throw new IllegalArgumentException("δ " + d + " outside ±2^17");
      mass += Math.abs(d);
    }
    if (mass > MAX_DELTA_MASS) throw new IllegalArgumentException("Σ|δ| = " + mass + " exceeds 2^17");
    long[] dh = new long[hidden];
    for (int u = 0; u < hidden; u++) {
      if (pre[u] <= 0) continue; // ReLU's derivative, 0 at 0 as in the float model
      long s = 0;
      for (int c = 0; c < classes; c++) s += w2[c * hidden + u] * delta[c];
      dh[u] = s;
    }
    long[] x = new long[inputs + 1];
    for (int j = 0; j < inputs; j++) x[j] = pixels[j] & 0xff;
    x[inputs] = FixedLogistic.PIXEL_MAX;
    long[] a = new long[hidden + 1];
    for (int u = 0; u < hidden; u++) a[u] = Math.max(pre[u], 0);
    a[hidden] = (long) FixedLogistic.PIXEL_MAX << shift1;
    return new Gradient(delta.clone(), dh, x, a);
  }

  private long[] logitsFromPre(long[] pre) {
    long[] a = new long[hidden];
    for (int u = 0; u < hidden; u++) a[u] = Math.max(pre[u], 0);
    long[] z = new long[classes];
    for (int c = 0; c < classes; c++) z[c] = logit(c, a);
    return z;
  }

  // ------------------------------------------------------------------ commitment and fraud proofs

  @Override
  public int inputLength() {
    return inputs;
  }

  /** Row {@code j} of an MLP basis from its leaf bytes (§4): {@link MlpBasisRow#decode} against this shape. */
  @Override
  public MlpBasisRow basisRow(int j, byte[] leaf) {
    return MlpBasisRow.decode(leaf, j, this);
  }

  @Override
  public long exampleProjection(BasisRow row, byte[] pixels, int label) {
    if (!(row instanceof MlpBasisRow r)) throw new IllegalArgumentException("an MLP row is a Kronecker pair, got " + row);
    return r.raw(lossGradient(pixels, label));
  }

  @Override
  public BigInteger psiCoordinate(BasisRow row, byte[] input, int psiShift) {
    if (!(row instanceof MlpBasisRow r)) throw new IllegalArgumentException("an MLP reads MLP basis rows, not " + row.getClass().getSimpleName());
    return Rounding.shift(r.rawExact(outputGradient(input)), psiShift);
  }

  /** The committed bytes; see the class comment. */
  @Override
  public byte[] weightsBytes() {
    ByteBuffer b = ByteBuffer.allocate(encodedLength(inputs, hidden, classes));
    b.put(TAG).putShort((short) inputs).putShort((short) hidden).putShort((short) classes);
    b.put((byte) shift1).put((byte) shift2);
    for (short v : w1) b.putShort(v);
    for (long v : b1) b.putLong(v);
    for (short v : w2) b.putShort(v);
    for (long v : b2) b.putLong(v);
    return b.array();
  }

  /** {@code keccak256(weightsBytes())}: the version's weightsRoot. */
  @Override
  public Bytes32 weightsRoot() {
    return Bytes32.wrap(Keccak.hash(weightsBytes()));
  }

  /** The length of an encoding for this shape. */
  public static int encodedLength(int inputs, int hidden, int classes) {
    return TAG.length + 8 + 2 * hidden * inputs + 8 * hidden + 2 * classes * hidden + 8 * classes;
  }

  /**
   * Reads {@link #weightsBytes()} back (what a challenger fetched from the content store under the
   * weightsRoot); refuses another tag, trailing bytes, a short buffer and every bound the
   * constructor enforces.
   */
  public static FixedMlp decode(byte[] bytes) {
    if (!isMlp(bytes)) throw new IllegalArgumentException("a weights blob without the MLP tag 0x000001");
    ByteBuffer b = ByteBuffer.wrap(bytes, TAG.length, bytes.length - TAG.length);
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

  /** Whether a weights blob begins with {@link #TAG}. */
  public static boolean isMlp(byte[] blob) {
    return blob.length >= TAG.length && blob[0] == TAG[0] && blob[1] == TAG[1] && blob[2] == TAG[2];
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

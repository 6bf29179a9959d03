package org.openledger.contracts.attribution;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Keccak;

/**
 * The committed integer logistic regression of docs/attribution.md §2: {@code C} classes over
 * {@code F} raw pixels (0..255), int16 weights at scale {@code 2^s}, int32 biases at scale
 * {@code 2^s · 255}. Everything the chain may recompute in a one-step fraud proof — logits, the
 * returned class, the logit gradients δ and the parameter gradients — is integer arithmetic here,
 * exact and identical on every machine.
 *
 * <p>Bounds (why nothing overflows): with {@code C, F ≤ 65,535} (uint16 in the commitment) a logit
 * is below {@code 2^31 + 65,535 · 2^15 · 255 < 2^40}; δ is within {@code ±2^16}; a gradient entry
 * within {@code ±2^16 · 255 < 2^24}.
 */
public final class FixedLogistic implements CommittedModel {

  /** 1.0 in Q16, the unit of every δ. */
  public static final long DELTA_ONE = 1L << 16;

  /** The largest pixel value, which scales the bias entries of a gradient. */
  public static final int PIXEL_MAX = 255;

  private final int classes;
  private final int features;
  private final int shift;
  private final short[] weights;
  private final int[] bias;

  /**
   * @param weights row-major {@code C × F}
   * @param bias one per class
   */
  public FixedLogistic(int classes, int features, int shift, short[] weights, int[] bias) {
    if (classes < 2 || classes > 0xffff) throw new IllegalArgumentException("class count " + classes + " outside 2..65535");
    if (features < 1 || features > 0xffff) throw new IllegalArgumentException("feature count " + features + " outside 1..65535");
    if (shift < 0 || shift > 0xff) throw new IllegalArgumentException("shift " + shift + " is not a uint8");
    if (weights.length != (long) classes * features) {
      throw new IllegalArgumentException(weights.length + " weights for " + classes + "×" + features);
    }
    if (bias.length != classes) throw new IllegalArgumentException(bias.length + " biases for " + classes + " classes");
    this.classes = classes;
    this.features = features;
    this.shift = shift;
    this.weights = weights.clone();
    this.bias = bias.clone();
  }

  public int classes() {
    return classes;
  }

  public int features() {
    return features;
  }

  public int shift() {
    return shift;
  }

  public short[] weights() {
    return weights.clone();
  }

  public int[] bias() {
    return bias.clone();
  }

  /** {@code d = C·F + C}: the length of a parameter gradient and of a basis row. */
  public int parameters() {
    return classes * features + classes;
  }

  /** {@code L_c = b[c] + Σ_j W[c][j] · pixel_j}, exact. */
  public long[] logits(byte[] pixels) {
    checkPixels(pixels);
    long[] z = new long[classes];
    for (int c = 0; c < classes; c++) {
      long s = bias[c];
      int row = c * features;
      for (int j = 0; j < features; j++) s += weights[row + j] * (pixels[j] & 0xff);
      z[c] = s;
    }
    return z;
  }

  /** The returned class: the highest logit, lowest index on ties. */
  @Override
  public int predict(byte[] pixels) {
    return argmax(logits(pixels));
  }

  /** The index of the highest value, lowest index on ties. */
  public static int argmax(long[] logits) {
    int best = 0;
    for (int c = 1; c < logits.length; c++) if (logits[c] > logits[best]) best = c;
    return best;
  }

  /** {@code e_c} (Q30) of {@link FixedExp#exponentials} at this model's shift. */
  public long[] exponentials(byte[] pixels) {
    return FixedExp.exponentials(logits(pixels), shift);
  }

  /**
   * The logit gradient of the margin of the returned class ŷ (Q16): {@code δ_ŷ = 2^16},
   * {@code δ_c = −floor((e_c << 16) / S')} with {@code S' = Σ_{j≠ŷ} e_j}, 0 when {@code S' = 0}.
   */
  public long[] outputDelta(byte[] pixels) {
    long[] z = logits(pixels);
    return outputDelta(FixedExp.exponentials(z, shift), argmax(z));
  }

  /** {@link #outputDelta(byte[])} from the exponentials and the returned class. */
  public static long[] outputDelta(long[] e, int predicted) {
    long others = 0;
    for (int c = 0; c < e.length; c++) if (c != predicted) others += e[c];
    long[] delta = new long[e.length];
    for (int c = 0; c < e.length; c++) {
      if (c == predicted) delta[c] = DELTA_ONE;
      else if (others > 0) delta[c] = -((e[c] << 16) / others);
    }
    return delta;
  }

  /**
   * The negative loss gradient with respect to the logits of a training example with label
   * {@code y} (Q16): {@code δ_c = [c = y] · 2^16 − floor((e_c << 16) / S)}, {@code S = Σ_j e_j}.
   */
  public long[] lossDelta(byte[] pixels, int label) {
    checkLabel(label);
    return lossDelta(exponentials(pixels), label);
  }

  /** {@link #lossDelta(byte[], int)} from the exponentials; {@code S ≥ 2^30} as the top class has e = 2^30. */
  public static long[] lossDelta(long[] e, int label) {
    if (label < 0 || label >= e.length) throw new IllegalArgumentException("label " + label + " outside 0.." + (e.length - 1));
    long sum = 0;
    for (long v : e) sum += v;
    long[] delta = new long[e.length];
    for (int c = 0; c < e.length; c++) delta[c] = (c == label ? DELTA_ONE : 0) - (e[c] << 16) / sum;
    return delta;
  }

  /** The gradient of the margin of the returned class with respect to the parameters. */
  public long[] outputGradient(byte[] pixels) {
    return gradient(pixels, outputDelta(pixels));
  }

  /** The negative loss gradient of a training example with respect to the parameters. */
  public long[] lossGradient(byte[] pixels, int label) {
    return gradient(pixels, lossDelta(pixels, label));
  }

  /** {@code g[c·F + j] = δ_c · pixel_j}, {@code g[C·F + c] = δ_c · 255}. */
  public long[] gradient(byte[] pixels, long[] delta) {
    long[] g = new long[parameters()];
    addGradient(pixels, delta, g);
    return g;
  }

  /**
   * Adds {@link #gradient(byte[], long[])} to {@code sum}, entry by entry: summing a contributor's
   * examples exactly, then projecting once, gives the same integers as projecting each example
   * (the projection is linear). Each addend is below 2^24, so sums of fewer than 2^39 examples
   * are exact.
   */
  public void addGradient(byte[] pixels, long[] delta, long[] sum) {
    checkPixels(pixels);
    if (delta.length != classes) throw new IllegalArgumentException(delta.length + " deltas for " + classes + " classes");
    if (sum.length != parameters()) throw new IllegalArgumentException("sum has " + sum.length + " entries, the model " + parameters());
    for (int c = 0; c < classes; c++) {
      long dc = delta[c];
      if (Math.abs(dc) > DELTA_ONE) throw new IllegalArgumentException("δ_" + c + " = " + dc + " outside ±2^16");
      int row = c * features;
      for (int j = 0; j < features; j++) sum[row + j] += dc * (pixels[j] & 0xff);
      sum[classes * features + c] += dc * PIXEL_MAX;
    }
  }

  /** {@code uint16 C ‖ uint16 F ‖ uint8 s ‖ int16 W[C·F] ‖ int32 b[C]}, big-endian (§4). */
  @Override
  public byte[] weightsBytes() {
    ByteBuffer b = ByteBuffer.allocate(2 + 2 + 1 + 2 * weights.length + 4 * bias.length);
    b.putShort((short) classes).putShort((short) features).put((byte) shift);
    for (short w : weights) b.putShort(w);
    for (int v : bias) b.putInt(v);
    return b.array();
  }

  /**
   * The inverse of {@link #weightsBytes()}: what a prover, an attester or the chain (in a fraud
   * proof) rebuilds from the blob the weights root names.
   *
   * @throws IllegalArgumentException naming what is wrong with the blob
   */
  public static FixedLogistic fromWeightsBytes(byte[] bytes) {
    if (bytes.length < 5) throw new IllegalArgumentException("a weights blob has a 5-byte header, this has " + bytes.length + " bytes");
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int classes = b.getShort() & 0xffff, features = b.getShort() & 0xffff, shift = b.get() & 0xff;
    long expected = 5L + 2L * classes * features + 4L * classes;
    if (bytes.length != expected) {
      throw new IllegalArgumentException("a weights blob of " + classes + " classes × " + features + " features is " + expected + " bytes, this is " + bytes.length);
    }
    short[] w = new short[classes * features];
    for (int i = 0; i < w.length; i++) w[i] = b.getShort();
    int[] bias = new int[classes];
    for (int c = 0; c < classes; c++) bias[c] = b.getInt();
    return new FixedLogistic(classes, features, shift, w, bias);
  }

  /** {@code keccak256(weightsBytes())}, the weights root a model version registers. */
  @Override
  public Bytes32 weightsRoot() {
    return Bytes32.wrap(Keccak.hash(weightsBytes()));
  }

  @Override
  public int inputLength() {
    return features;
  }

  /** Row {@code j} from its leaf {@code 0x00 ‖ uint32 j ‖ int16 Bq[j][0..d)} (§4). */
  @Override
  public BasisRow.Dense basisRow(int j, byte[] leaf) {
    return BasisRow.Dense.decode(leaf, j, parameters());
  }

  @Override
  public long exampleProjection(BasisRow row, byte[] pixels, int label) {
    if (!(row instanceof BasisRow.Dense r)) throw new IllegalArgumentException("a logistic-regression row is dense, got " + row);
    return FraudChecks.exampleProjection(this, r.values(), pixels, label);
  }

  @Override
  public BigInteger psiCoordinate(BasisRow row, byte[] input, int psiShift) {
    if (!(row instanceof BasisRow.Dense r)) throw new IllegalArgumentException("logistic regression reads dense basis rows, not " + row.getClass().getSimpleName());
    return BigInteger.valueOf(FraudChecks.psiCoordinate(this, input, r.values(), psiShift));
  }

  private void checkPixels(byte[] pixels) {
    if (pixels.length != features) throw new IllegalArgumentException("input has " + pixels.length + " pixels, the model " + features);
  }

  private void checkLabel(int label) {
    if (label < 0 || label >= classes) throw new IllegalArgumentException("label " + label + " outside 0.." + (classes - 1));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FixedLogistic m && classes == m.classes && features == m.features && shift == m.shift
        && Arrays.equals(weights, m.weights) && Arrays.equals(bias, m.bias);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(weights) + Arrays.hashCode(bias)) + shift;
  }

  @Override
  public String toString() {
    return "FixedLogistic[" + classes + "×" + features + ", shift " + shift + "]";
  }
}

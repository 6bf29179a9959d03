package org.openledger.prover.lora;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.openledger.contracts.attribution.FixedLogistic;

/**
 * The shared base model adapters sit on: dense layers with ReLU between them and none after the
 * last (the last layer's outputs are the logits). Inputs are pixels scaled to [0, 1], the
 * convention of every model in this project.
 */
public record BaseMlp(List<DenseLayer> layers) {
  /** First bytes of a float MLP weights blob ({@link #weightsBytes()}). */
  static final int MAGIC = 0x4f4c4d31; // "OLM1"

  public BaseMlp {
    layers = List.copyOf(layers);
    if (layers.isEmpty()) throw new IllegalArgumentException("a base model has at least one layer");
    for (int l = 1; l < layers.size(); l++) {
      if (layers.get(l).in() != layers.get(l - 1).out()) {
        throw new IllegalArgumentException("layer " + l + " takes " + layers.get(l).in() + " inputs, layer " + (l - 1) + " gives "
            + layers.get(l - 1).out());
      }
    }
  }

  public int inputs() {
    return layers.get(0).in();
  }

  public int outputs() {
    return layers.get(layers.size() - 1).out();
  }

  public long parameters() {
    return layers.stream().mapToLong(DenseLayer::parameters).sum();
  }

  /** He-uniform weights and small biases from {@code seed}: a fixed base for benchmarks and tests. */
  public static BaseMlp random(long seed, int... widths) {
    if (widths.length < 2) throw new IllegalArgumentException("give at least an input and an output width");
    SplittableRandom random = new SplittableRandom(seed);
    List<DenseLayer> layers = new ArrayList<>();
    for (int l = 0; l + 1 < widths.length; l++) {
      int in = widths[l], out = widths[l + 1];
      float range = (float) Math.sqrt(6.0 / in);
      float[] w = new float[Math.multiplyExact(in, out)];
      for (int i = 0; i < w.length; i++) w[i] = (float) ((2 * random.nextDouble() - 1) * range);
      float[] b = new float[out];
      for (int i = 0; i < out; i++) b[i] = (float) ((2 * random.nextDouble() - 1) * 0.01);
      layers.add(new DenseLayer(in, out, w, b));
    }
    return new BaseMlp(layers);
  }

  /**
   * The float model of a committed logistic-regression version: {@code z = (bias + Σ w·pixel) / 2^shift}
   * is the same affine map as {@code W' x + b'} with {@code x = pixel / 255}, so the float logits are
   * the fixed-point ones scaled by {@code 2^-shift} (up to float rounding) and the returned class agrees
   * except on near ties.
   */
  public static BaseMlp of(FixedLogistic model) {
    int in = model.features(), out = model.classes();
    double unit = Math.scalb(1.0, -model.shift());
    float[] w = new float[in * out];
    short[] q = model.weights();
    for (int i = 0; i < w.length; i++) w[i] = (float) (q[i] * unit * FixedLogistic.PIXEL_MAX);
    float[] b = new float[out];
    for (int c = 0; c < out; c++) b[c] = (float) (model.bias()[c] * unit);
    return new BaseMlp(List.of(new DenseLayer(in, out, w, b)));
  }

  /** {@code "OLM1" ‖ layers ‖ per layer (in, out, w, b)}, little-endian floats: what a weights root names. */
  public byte[] weightsBytes() {
    long size = 8;
    for (DenseLayer l : layers) size += 8 + 4 * l.parameters();
    ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
    buf.putInt(MAGIC).putInt(layers.size());
    for (DenseLayer l : layers) {
      buf.putInt(l.in()).putInt(l.out());
      buf.asFloatBuffer().put(l.w());
      buf.position(buf.position() + 4 * l.w().length);
      buf.asFloatBuffer().put(l.b());
      buf.position(buf.position() + 4 * l.b().length);
    }
    return buf.array();
  }

  /**
   * A base model from the blob its weights root names: a float MLP ({@link #weightsBytes()}) or a
   * committed logistic-regression version ({@link FixedLogistic#weightsBytes()}).
   *
   * @throws IllegalArgumentException naming what is wrong with the blob
   */
  public static BaseMlp fromWeightsBytes(byte[] bytes) {
    if (isFloatMlp(bytes)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      buf.getInt();
      int count = buf.getInt();
      if (count <= 0 || count > 64) throw new IllegalArgumentException("a float MLP blob with " + count + " layers");
      List<DenseLayer> layers = new ArrayList<>(count);
      for (int l = 0; l < count; l++) {
        if (buf.remaining() < 8) throw new IllegalArgumentException("the blob ends inside layer " + l + "'s header");
        int in = buf.getInt(), out = buf.getInt();
        long floats = (long) in * out + out;
        if (in <= 0 || out <= 0 || floats * 4 > buf.remaining()) throw new IllegalArgumentException("layer " + l + " (" + in + "→" + out + ") does not fit the blob");
        float[] w = new float[in * out];
        float[] b = new float[out];
        buf.asFloatBuffer().get(w);
        buf.position(buf.position() + 4 * w.length);
        buf.asFloatBuffer().get(b);
        buf.position(buf.position() + 4 * b.length);
        layers.add(new DenseLayer(in, out, w, b));
      }
      if (buf.hasRemaining()) throw new IllegalArgumentException(buf.remaining() + " bytes after the last layer");
      return new BaseMlp(layers);
    }
    return of(FixedLogistic.fromWeightsBytes(bytes));
  }

  /** Whether a weights blob is a float MLP's ({@code "OLM1"} first, little-endian) rather than a committed logistic-regression version's. */
  public static boolean isFloatMlp(byte[] bytes) {
    return bytes.length >= 8 && ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt() == MAGIC;
  }

  /** Example i's scaled pixels, as the base and its adapters read them. */
  public static float[] pixels(org.openledger.prover.data.LabelledImages data, int i) {
    int size = data.images().size();
    return pixels(java.util.Arrays.copyOfRange(data.images().pixels(), i * size, (i + 1) * size));
  }

  /** The scaled input of a pixel image (0..255 each). */
  public static float[] pixels(byte[] pixels) {
    float[] x = new float[pixels.length];
    for (int i = 0; i < x.length; i++) x[i] = (pixels[i] & 0xff) / (float) FixedLogistic.PIXEL_MAX;
    return x;
  }
}

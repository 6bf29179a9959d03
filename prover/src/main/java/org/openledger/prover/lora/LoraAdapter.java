package org.openledger.prover.lora;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Keccak;

/**
 * An OpenLoRA adapter: one low-rank update per layer of its base model. On-chain it is a model
 * version of an adapter model (Models' {@code baseModelId}); its {@link #weightsRoot()} is the
 * keccak-256 of {@link #weightsBytes()}, the blob the content store holds.
 */
public record LoraAdapter(List<LoraLayer> layers) {
  /** First bytes of an adapter blob: {@code "OLA1"}. */
  static final int MAGIC = 0x4f4c4131;

  public LoraAdapter {
    layers = List.copyOf(layers);
    if (layers.isEmpty()) throw new IllegalArgumentException("an adapter has at least one layer");
  }

  /** Whether every layer matches the base's layer shape, so the adapter can be served on it. */
  public boolean fits(BaseMlp base) {
    if (base.layers().size() != layers.size()) return false;
    for (int l = 0; l < layers.size(); l++) {
      if (layers.get(l).in() != base.layers().get(l).in() || layers.get(l).out() != base.layers().get(l).out()) return false;
    }
    return true;
  }

  public long parameters() {
    return layers.stream().mapToLong(LoraLayer::parameters).sum();
  }

  /** Heap bytes of the adapter's values: what the adapter cache counts against its bound. */
  public long memoryBytes() {
    return 4 * parameters();
  }

  /**
   * A rank-{@code rank} adapter on every layer of {@code base} with scale {@code alpha / rank}:
   * A Kaiming-uniform as in LoRA's initialisation, B random too (a trained adapter's B is not zero),
   * scaled so the update is a small perturbation of the base.
   */
  public static LoraAdapter random(BaseMlp base, int rank, float alpha, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<LoraLayer> out = new ArrayList<>();
    for (DenseLayer d : base.layers()) {
      float[] a = new float[Math.multiplyExact(rank, d.in())];
      float[] b = new float[Math.multiplyExact(d.out(), rank)];
      double ra = Math.sqrt(3.0 / d.in()), rb = 0.1 * Math.sqrt(3.0 / rank);
      for (int i = 0; i < a.length; i++) a[i] = (float) ((2 * random.nextDouble() - 1) * ra);
      for (int i = 0; i < b.length; i++) b[i] = (float) ((2 * random.nextDouble() - 1) * rb);
      out.add(new LoraLayer(rank, d.in(), d.out(), alpha / rank, a, b));
    }
    return new LoraAdapter(out);
  }

  /** {@code "OLA1" ‖ layers ‖ per layer (rank, in, out, scale, A, B)}, little-endian. */
  public byte[] weightsBytes() {
    long size = 8;
    for (LoraLayer l : layers) size += 16 + 4 * l.parameters();
    ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
    buf.putInt(MAGIC).putInt(layers.size());
    for (LoraLayer l : layers) {
      buf.putInt(l.rank()).putInt(l.in()).putInt(l.out()).putFloat(l.scale());
      buf.asFloatBuffer().put(l.a());
      buf.position(buf.position() + 4 * l.a().length);
      buf.asFloatBuffer().put(l.b());
      buf.position(buf.position() + 4 * l.b().length);
    }
    return buf.array();
  }

  /** {@code keccak256(weightsBytes())}: the weights root the adapter's model version registers. */
  public Bytes32 weightsRoot() {
    return Bytes32.wrap(Keccak.hash(weightsBytes()));
  }

  /**
   * The inverse of {@link #weightsBytes()}.
   *
   * @throws IllegalArgumentException naming what is wrong with the blob
   */
  public static LoraAdapter fromWeightsBytes(byte[] bytes) {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 8 || buf.getInt() != MAGIC) throw new IllegalArgumentException("not an OpenLoRA adapter blob (no OLA1 header)");
    int count = buf.getInt();
    if (count <= 0 || count > 64) throw new IllegalArgumentException("an adapter blob with " + count + " layers");
    List<LoraLayer> layers = new ArrayList<>(count);
    for (int l = 0; l < count; l++) {
      if (buf.remaining() < 16) throw new IllegalArgumentException("the blob ends inside layer " + l + "'s header");
      int rank = buf.getInt(), in = buf.getInt(), out = buf.getInt();
      float scale = buf.getFloat();
      long floats = (long) rank * (in + out);
      if (rank <= 0 || in <= 0 || out <= 0 || floats * 4 > buf.remaining()) {
        throw new IllegalArgumentException("layer " + l + " (rank " + rank + ", " + in + "→" + out + ") does not fit the blob");
      }
      float[] a = new float[rank * in];
      float[] b = new float[out * rank];
      buf.asFloatBuffer().get(a);
      buf.position(buf.position() + 4 * a.length);
      buf.asFloatBuffer().get(b);
      buf.position(buf.position() + 4 * b.length);
      layers.add(new LoraLayer(rank, in, out, scale, a, b));
    }
    if (buf.hasRemaining()) throw new IllegalArgumentException(buf.remaining() + " bytes after the last layer");
    return new LoraAdapter(layers);
  }
}

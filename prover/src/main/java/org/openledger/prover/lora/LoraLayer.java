package org.openledger.prover.lora;

/**
 * One layer's low-rank update {@code ΔW = scale · B A}: {@code a} row-major {@code rank × in},
 * {@code b} row-major {@code out × rank}, {@code scale = α / rank}. The arrays are owned by the
 * record and never modified after construction.
 */
public record LoraLayer(int rank, int in, int out, float scale, float[] a, float[] b) {
  public LoraLayer {
    if (rank <= 0 || in <= 0 || out <= 0 || a.length != (long) rank * in || b.length != (long) out * rank) {
      throw new IllegalArgumentException("a rank-" + rank + " " + in + "→" + out + " update needs " + (long) rank * in + " + "
          + (long) out * rank + " values, got " + a.length + " + " + b.length);
    }
    if (!Float.isFinite(scale)) throw new IllegalArgumentException("scale " + scale + " is not finite");
  }

  public long parameters() {
    return (long) rank * (in + out);
  }
}

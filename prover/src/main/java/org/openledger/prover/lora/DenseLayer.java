package org.openledger.prover.lora;

/**
 * One fully connected layer {@code h = W x + b}: {@code w} row-major {@code out × in}. The arrays
 * are owned by the record and never modified after construction.
 */
public record DenseLayer(int in, int out, float[] w, float[] b) {
  public DenseLayer {
    if (in <= 0 || out <= 0 || w.length != (long) in * out || b.length != out) {
      throw new IllegalArgumentException("a " + in + "→" + out + " layer needs " + (long) in * out + " weights and " + out
          + " biases, got " + w.length + " and " + b.length);
    }
  }

  public long parameters() {
    return (long) in * out + out;
  }
}

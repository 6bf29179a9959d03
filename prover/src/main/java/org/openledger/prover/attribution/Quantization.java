package org.openledger.prover.attribution;

/**
 * How the operands of a basis score are stored: float, or signed integers at a power-of-two scale
 * within ±{@code limit} (int16 is what the proof carries; int8 with one global scale is measured for
 * comparison, DESIGN §6).
 */
public enum Quantization {
  FLOAT(0, 4),
  INT16(Short.MAX_VALUE, 2),
  INT8(Byte.MAX_VALUE, 1);

  private final int limit;
  private final int bytes;

  Quantization(int limit, int bytes) {
    this.limit = limit;
    this.bytes = bytes;
  }

  /** Largest magnitude of a quantized value (symmetric range; 0 for float). */
  public int limit() {
    return limit;
  }

  /** Bytes per coordinate in a proof. */
  public int bytes() {
    return bytes;
  }

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Quantization parse(String s) {
    return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
  }

  /**
   * The smallest exponent {@code e} (possibly negative) with {@code |round(v / 2^e)| ≤ limit} for
   * every value; rounding is half up, as {@code rs} of docs §3.
   */
  public int exponent(double[] values, int from, int to) {
    double maxAbs = 0;
    for (int i = from; i < to; i++) {
      maxAbs = Math.max(maxAbs, Math.abs(values[i]));
    }
    if (maxAbs == 0) {
      return 0;
    }
    int e = Math.getExponent(maxAbs) - Math.getExponent((double) limit) - 2;
    while (Math.floor(Math.scalb(maxAbs, -e) + 0.5) > limit || Math.floor(-Math.scalb(maxAbs, -e) + 0.5) < -limit) {
      e++;
    }
    return e;
  }

  /** {@code round(values[i] / 2^e)} for {@code i} in {@code [from, to)}, into {@code out} at the same indices. */
  public static void round(double[] values, int from, int to, int e, long[] out) {
    for (int i = from; i < to; i++) {
      out[i] = (long) Math.floor(Math.scalb(values[i], -e) + 0.5);
    }
  }
}

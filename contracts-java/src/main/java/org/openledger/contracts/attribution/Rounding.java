package org.openledger.contracts.attribution;

/**
 * The one rounding every chain-checked quantity uses (docs/attribution.md §3): a right shift that
 * rounds half up, {@code rs(v, e) = floor((v + 2^(e-1)) / 2^e)}. Defined on int64 with an
 * arithmetic shift, so Java, OpenCL C and the chain agree bit for bit.
 */
public final class Rounding {
  private Rounding() {}

  /** The largest shift a quantity may use; larger ones would round every int64 to 0 or −1. */
  public static final int MAX_SHIFT = 62;

  /** {@code floor((v + 2^(e-1)) / 2^e)}; {@code v} itself for {@code e = 0}. */
  public static long shift(long v, int e) {
    if (e < 0 || e > MAX_SHIFT) throw new IllegalArgumentException("shift " + e + " outside 0.." + MAX_SHIFT);
    if (e == 0) return v;
    return Math.addExact(v, 1L << (e - 1)) >> e;
  }

  /** The smallest shift that brings every value within int16 ({@code |rs(v, e)| ≤ 32767}). */
  public static int int16Shift(long[] values) {
    long maxAbs = 0;
    for (long v : values) maxAbs = Math.max(maxAbs, v == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(v));
    int e = 0;
    while (!fitsInt16(maxAbs, e)) e++;
    return e;
  }

  private static boolean fitsInt16(long maxAbs, int e) {
    // rs is monotone and odd up to the half-up tie, so checking both ends of ±maxAbs suffices
    return shift(maxAbs, e) <= Short.MAX_VALUE && shift(-maxAbs, e) >= -Short.MAX_VALUE;
  }

  /** Applies {@link #shift(long, int)} to each value, which must then fit int16. */
  public static short[] toInt16(long[] values, int e) {
    short[] out = new short[values.length];
    for (int i = 0; i < values.length; i++) {
      long q = shift(values[i], e);
      if (q > Short.MAX_VALUE || q < -Short.MAX_VALUE) {
        throw new ArithmeticException("value " + values[i] + " at " + i + " does not fit int16 after shift " + e);
      }
      out[i] = (short) q;
    }
    return out;
  }
}

package org.openledger.contracts.attribution;

import java.math.BigInteger;

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

  /**
   * {@code rs(x · y, e)} for the exact product, which may need up to 126 bits: the MLP's basis
   * projection (docs/attribution.md §3b) multiplies two int64 factors. The product is formed in
   * 128 bits ({@link Math#multiplyHigh}), {@code 2^(e−1)} added with its carry, then shifted
   * arithmetically — the same integer as {@code floor((x·y + 2^(e−1)) / 2^e)} over unbounded
   * integers.
   *
   * @param e 0 … {@link #MAX_PRODUCT_SHIFT}
   * @throws ArithmeticException if the rounded result does not fit int64 (never wrapped)
   */
  public static long shiftProduct(long x, long y, int e) {
    if (e < 0 || e > MAX_PRODUCT_SHIFT) throw new IllegalArgumentException("shift " + e + " outside 0.." + MAX_PRODUCT_SHIFT);
    long hi = Math.multiplyHigh(x, y), lo = x * y;
    if (e > 0) {
      // |x·y| ≤ 2^126 and 2^(e−1) ≤ 2^125: the sum stays inside signed 128 bits
      if (e - 1 < 64) {
        long sum = lo + (1L << (e - 1));
        if (Long.compareUnsigned(sum, lo) < 0) hi++;
        lo = sum;
      } else {
        hi += 1L << (e - 1 - 64);
      }
      if (e < 64) {
        lo = (lo >>> e) | (hi << (64 - e));
        hi >>= e;
      } else {
        lo = hi >> (e - 64);
        hi >>= 63;
      }
    }
    if (hi != lo >> 63) throw new ArithmeticException("rs(" + x + " · " + y + ", " + e + ") does not fit int64");
    return lo;
  }

  /** {@code rs(v, e)} over unbounded integers ({@link BigInteger#shiftRight} floors), for the MLP's 128-bit products. */
  public static BigInteger shift(BigInteger v, int e) {
    if (e < 0 || e > MAX_PRODUCT_SHIFT) throw new IllegalArgumentException("shift " + e + " outside 0.." + MAX_PRODUCT_SHIFT);
    return e == 0 ? v : v.add(BigInteger.ONE.shiftLeft(e - 1)).shiftRight(e);
  }

  /** The largest shift {@link #shiftProduct} takes: beyond it every product of two int64 rounds to 0. */
  public static final int MAX_PRODUCT_SHIFT = 126;

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

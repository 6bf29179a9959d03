package org.openledger.contracts.attribution;

/**
 * The integer exponential of docs/attribution.md §2: {@code e^{−y}} for a non-negative logit
 * distance, in Q30. Every operand is non-negative and every intermediate below 2^61, so floor
 * division and shifts give the same bits in Java, OpenCL C and on the chain — no floating point.
 */
public final class FixedExp {
  private FixedExp() {}

  /** 1.0 in Q30, the value of {@code e^0}. */
  public static final long ONE = 1L << 30;

  /** {@code round(ln 2 · 2^16)}. */
  public static final long LN2_Q16 = 45426;

  /** {@code 24 · 2^16}: from 24 nats on, {@code e^{−y} < 2^−34} and the result is 0. */
  public static final long CUTOFF_Q16 = 24L << 16;

  /** Taylor terms of the Horner evaluation; the remainder at r < ln 2 is below 2^−39. */
  static final int TERMS = 12;

  /**
   * A logit distance in natural-log units, Q16: {@code floor((D << 16) / (255 << s))}. Evaluated
   * as {@code floor((D << 16) / 255) >> s}, which is the same integer (nested floors of positive
   * divisions) and cannot overflow for any uint8 shift.
   *
   * @param distance {@code L_max − L_c}, non-negative and below 2^47 (any model of §2 keeps it
   *     below 2^41)
   */
  public static long nats(long distance, int shift) {
    if (distance < 0 || distance >= 1L << 47) throw new IllegalArgumentException("logit distance " + distance + " outside 0..2^47");
    if (shift < 0 || shift > 255) throw new IllegalArgumentException("shift " + shift + " is not a uint8");
    long q = (distance << 16) / 255;
    return shift >= 63 ? 0 : q >> shift;
  }

  /**
   * {@link #nats} for any non-negative int64 distance: from 2^47 on the same integer is computed
   * over unbounded integers ({@code D << 16} needs up to 79 bits), and any result from
   * {@link #CUTOFF_Q16} on is returned as the cutoff (e = 0 either way). For committed models whose
   * logits pass 2^47 (the MLP, an adapter).
   */
  public static long natsExact(long distance, int shift) {
    if (distance < 0) throw new IllegalArgumentException("logit distance " + distance + " is negative");
    if (distance < 1L << 47) return nats(distance, shift);
    java.math.BigInteger y = java.math.BigInteger.valueOf(distance).shiftLeft(16).divide(java.math.BigInteger.valueOf(255)).shiftRight(shift);
    return y.min(java.math.BigInteger.valueOf(CUTOFF_Q16)).longValueExact();
  }

  /** {@code e^{−y / 2^16}} in Q30 for {@code y ≥ 0} in Q16, exactly as §2 specifies. */
  public static long negExp(long yQ16) {
    if (yQ16 < 0) throw new IllegalArgumentException("exponent " + yQ16 + " is negative");
    if (yQ16 >= CUTOFF_Q16) return 0;
    long n = yQ16 / LN2_Q16; // ≤ 34
    long r = (yQ16 - LN2_Q16 * n) << 14; // Q30, below ln 2
    long acc = ONE;
    // e^{−r} = 1 − r(1 − r/2(1 − r/3(…))): acc stays in (0, 2^30], acc · r below 2^60
    for (int m = TERMS; m >= 1; m--) acc = ONE - ((acc * r) >> 30) / m;
    return acc >> n;
  }

  /**
   * {@code e_c} for every class: {@code negExp(nats(L_max − L_c, s))}, so the highest logit gets
   * exactly {@link #ONE}.
   */
  public static long[] exponentials(long[] logits, int shift) {
    long max = logits[0];
    for (long l : logits) max = Math.max(max, l);
    long[] e = new long[logits.length];
    for (int c = 0; c < logits.length; c++) e[c] = negExp(nats(max - logits[c], shift));
    return e;
  }
}

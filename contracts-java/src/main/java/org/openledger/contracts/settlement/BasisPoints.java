package org.openledger.contracts.settlement;

import java.math.BigInteger;

/** Shares in basis points: 10,000 bp is the whole. Every share is rounded down; see {@link FeeSplit}. */
public final class BasisPoints {
  public static final int WHOLE = 10_000;
  private static final BigInteger WHOLE_BIG = BigInteger.valueOf(WHOLE);

  private BasisPoints() {}

  /** {@code floor(amount × bp / 10,000)}. */
  public static BigInteger share(BigInteger amount, int bp) {
    check(bp);
    return amount.multiply(BigInteger.valueOf(bp)).divide(WHOLE_BIG);
  }

  public static int check(int bp) {
    if (bp < 0 || bp > WHOLE) throw new IllegalArgumentException("basis points must be within 0..10000, got " + bp);
    return bp;
  }
}

package org.openledger.devnet.chain;

import java.math.BigInteger;

/**
 * EIP-1559's base fee (London): it moves by at most 1/8 per block toward keeping blocks half full,
 * here never below the genesis floor.
 */
public final class BaseFee {
  private static final BigInteger DENOMINATOR = BigInteger.valueOf(8);
  private static final long ELASTICITY = 2;

  private BaseFee() {}

  public static BigInteger next(BigInteger parentBaseFee, long parentGasUsed, long parentGasLimit, BigInteger floor) {
    long target = parentGasLimit / ELASTICITY;
    BigInteger next;
    if (parentGasUsed == target || target == 0) {
      next = parentBaseFee;
    } else if (parentGasUsed > target) {
      BigInteger delta = parentBaseFee.multiply(BigInteger.valueOf(parentGasUsed - target))
          .divide(BigInteger.valueOf(target)).divide(DENOMINATOR).max(BigInteger.ONE);
      next = parentBaseFee.add(delta);
    } else {
      BigInteger delta = parentBaseFee.multiply(BigInteger.valueOf(target - parentGasUsed))
          .divide(BigInteger.valueOf(target)).divide(DENOMINATOR);
      next = parentBaseFee.subtract(delta);
    }
    return next.max(floor);
  }
}

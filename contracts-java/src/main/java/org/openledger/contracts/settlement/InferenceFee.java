package org.openledger.contracts.settlement;

import java.math.BigInteger;

/**
 * The inference fee of the seed, {@code in/1000 × rate + out/1000 × rate + platform fee}, with
 * separate input and output rates (wei per 1,000 tokens) and one rounding, up:
 * {@code ceil((inTokens·inRate + outTokens·outRate) / 1000) + platformFee}.
 * Rounding up means a request never pays less than its token counts cost.
 */
public record InferenceFee(BigInteger inRatePerThousand, BigInteger outRatePerThousand, BigInteger platformFee) {
  private static final BigInteger THOUSAND = BigInteger.valueOf(1000);

  public InferenceFee {
    if (inRatePerThousand.signum() < 0 || outRatePerThousand.signum() < 0 || platformFee.signum() < 0) {
      throw new IllegalArgumentException("rates and platform fee must be >= 0");
    }
  }

  /** The fee for {@code inTokens} input and {@code outTokens} output tokens, in wei. */
  public BigInteger fee(BigInteger inTokens, BigInteger outTokens) {
    if (inTokens.signum() < 0 || outTokens.signum() < 0) throw new IllegalArgumentException("token counts must be >= 0");
    BigInteger usage = inTokens.multiply(inRatePerThousand).add(outTokens.multiply(outRatePerThousand));
    BigInteger[] qr = usage.divideAndRemainder(THOUSAND);
    BigInteger tokensPart = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    return tokensPart.add(platformFee);
  }

  public BigInteger fee(long inTokens, long outTokens) {
    return fee(BigInteger.valueOf(inTokens), BigInteger.valueOf(outTokens));
  }
}

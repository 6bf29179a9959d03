package org.openledger.devnet.besu;

/**
 * The {@code config.qbft} block of a Besu genesis.
 *
 * @param blockPeriodSeconds the minimum time between blocks
 * @param epochLength blocks after which pending validator votes are discarded
 * @param requestTimeoutSeconds a round's timeout before a round change (must exceed the block period)
 */
public record QbftOptions(int blockPeriodSeconds, long epochLength, int requestTimeoutSeconds) {
  /** Two-second blocks like the devnet's default; Besu's documented epoch; a timeout twice the period. */
  public static final QbftOptions DEFAULT = new QbftOptions(2, 30_000, 4);

  public QbftOptions {
    if (blockPeriodSeconds < 1) throw new IllegalArgumentException("blockperiodseconds must be at least 1");
    if (epochLength < 1) throw new IllegalArgumentException("epochlength must be at least 1");
    if (requestTimeoutSeconds <= blockPeriodSeconds) {
      throw new IllegalArgumentException("requesttimeoutseconds (" + requestTimeoutSeconds
          + ") must exceed blockperiodseconds (" + blockPeriodSeconds + "), or every round times out");
    }
  }
}

package org.openledger.devnet.eth;

/**
 * Bounds on what one request may make the node do; over a bound is -32005 with the bound in the message.
 *
 * @param maxLogBlockRange blocks one {@code eth_getLogs} may scan
 * @param maxLogResults logs one {@code eth_getLogs} may return
 * @param maxMineBlocks blocks one {@code openledger_mine} may seal
 * @param maxFeeHistoryBlocks blocks one {@code eth_feeHistory} may cover (geth: 1024)
 */
public record Limits(long maxLogBlockRange, int maxLogResults, int maxMineBlocks, int maxFeeHistoryBlocks) {
  public static final Limits DEFAULT = new Limits(10_000, 10_000, 10_000, 1_024);
}

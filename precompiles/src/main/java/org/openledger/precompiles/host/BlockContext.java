package org.openledger.precompiles.host;

/** The block a call executes in: what {@code block.number}, {@code block.timestamp} and {@code block.chainid} return. */
public record BlockContext(long number, long timestamp, long chainId) {
  public BlockContext {
    if (number < 0 || timestamp < 0 || chainId <= 0) {
      throw new IllegalArgumentException("block number and timestamp must be >= 0 and chain id > 0");
    }
  }
}

package org.openledger.devnet.transaction;

/**
 * A transaction refused before it enters the pool or a block. The message is geth's wording
 * where geth has one, so that tools that match on it (ethers, web3j, cast) recognise it.
 */
public final class InvalidTransactionException extends RuntimeException {
  public InvalidTransactionException(String message) {
    super(message);
  }
}

package org.openledger.devnet.store;

/** The database failed: the node cannot go on safely and stops producing blocks. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

package org.openledger.devnet.rlp;

/** Bytes that are not one canonical RLP item. */
public final class RlpException extends RuntimeException {
  public RlpException(String message) {
    super(message);
  }
}

package org.openledger.devnet.crypto;

/** A signature that cannot have been made by any key, or that Ethereum refuses (high s, bad v). */
public final class InvalidSignatureException extends RuntimeException {
  public InvalidSignatureException(String message) {
    super(message);
  }
}

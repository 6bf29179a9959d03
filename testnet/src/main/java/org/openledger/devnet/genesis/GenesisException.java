package org.openledger.devnet.genesis;

/** A genesis file that cannot start a chain; the message names the field and what it needs. */
public final class GenesisException extends RuntimeException {
  public GenesisException(String message) {
    super(message);
  }
}

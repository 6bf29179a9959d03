package org.openledger.precompiles.abi;

/** ABI data that does not decode as the declared types: short, out of bounds, or not canonical. */
public final class MalformedAbiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedAbiException(String message) {
    super(message, null, false, false);
  }
}

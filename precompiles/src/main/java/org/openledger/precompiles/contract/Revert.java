package org.openledger.precompiles.contract;

import org.apache.tuweni.bytes.Bytes;

/**
 * Thrown by a contract to revert with a custom error. The executor discards everything the call
 * did and returns {@link #data()} as the revert data. Carries no stack trace: it is control flow.
 */
public final class Revert extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ErrorSpec error;
  private final transient Bytes data;

  public Revert(ErrorSpec error, Bytes data) {
    super(error == null ? "revert" : error.name(), null, false, false);
    this.error = error;
    this.data = data;
  }

  /** The error, or null when the data came from a nested call whose error this contract does not declare. */
  public ErrorSpec error() {
    return error;
  }

  public Bytes data() {
    return data;
  }
}

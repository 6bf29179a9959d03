package org.openledger.compute;

/** A compute backend could not do what was asked; the subclass says why. */
public abstract sealed class ComputeException extends RuntimeException
    permits BackendUnavailableException, OpenClException, LapackException {
  private static final long serialVersionUID = 1L;

  protected ComputeException(String message, Throwable cause) {
    super(message, cause);
  }
}

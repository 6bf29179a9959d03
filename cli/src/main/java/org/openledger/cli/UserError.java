package org.openledger.cli;

/**
 * A failure the user can fix: printed as {@code error: <message>} without a stack trace, exit code
 * 2. The message says what went wrong and what to do about it.
 */
public final class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}

package org.openledger.compute;

/** An OpenCL call failed: which call, its error code, and for a kernel build the compiler's log. */
public final class OpenClException extends ComputeException {
  private static final long serialVersionUID = 1L;

  private final int errorCode;

  public OpenClException(String call, int errorCode, String detail) {
    super(call + " failed with OpenCL error " + errorCode + (detail == null || detail.isBlank() ? "" : ": " + detail), null);
    this.errorCode = errorCode;
  }

  public int errorCode() {
    return errorCode;
  }
}

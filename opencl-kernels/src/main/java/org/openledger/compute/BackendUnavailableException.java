package org.openledger.compute;

/**
 * The requested backend cannot run here: the OpenCL library is missing, there is no OpenCL
 * platform or device, or the device index is out of range. The message says how to fix it.
 */
public final class BackendUnavailableException extends ComputeException {
  private static final long serialVersionUID = 1L;

  public BackendUnavailableException(String message) {
    super(message, null);
  }

  public BackendUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

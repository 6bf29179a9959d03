package org.openledger.console.server;

/**
 * A request the console refuses, with what to show the user: the HTTP status, a short machine code
 * ({@code bad_input}, {@code not_found}, {@code reverted}, ...) and the message in words.
 */
public final class ApiError extends RuntimeException {
  private final int status;
  private final String code;

  public ApiError(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public static ApiError badInput(String message) {
    return new ApiError(400, "bad_input", message);
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, "not_found", message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}

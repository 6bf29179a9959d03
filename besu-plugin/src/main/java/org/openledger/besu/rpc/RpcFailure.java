package org.openledger.besu.rpc;

import org.hyperledger.besu.plugin.services.exception.PluginRpcEndpointException;
import org.hyperledger.besu.plugin.services.rpc.RpcMethodError;

/**
 * One failed openledger_* call: Besu's PluginJsonRpcMethod answers a {@link
 * PluginRpcEndpointException} with a JSON-RPC error of exactly this code and message (any other
 * exception becomes a bare "Internal error"), so every expected failure is thrown through {@link #raise}.
 */
public record RpcFailure(Kind kind, String message) implements RpcMethodError {

  /** The error codes: -32602 as JSON-RPC defines it, the others in the server-error range, stable for clients. */
  public enum Kind {
    INVALID_PARAMS(RpcMethodError.INVALID_PARAMS_ERROR_CODE),
    NOT_INSTALLED(-32000),
    UNKNOWN_BLOCK(-32001),
    STATE_UNAVAILABLE(-32002),
    UNKNOWN_MODEL(-32010),
    UNKNOWN_DATANET(-32011),
    UNKNOWN_REQUEST(-32012),
    NOT_SETTLED(-32013),
    CONTENT_NOT_FOUND(-32014),
    CONTENT_TOO_LARGE(-32005),
    RANGE_TOO_LARGE(-32015),
    VIEW_FAILED(-32016),
    CONTENT_STORE_FAILED(-32017);

    private final int code;

    Kind(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  @Override
  public int getCode() {
    return kind.code;
  }

  @Override
  public String getMessage() {
    return message;
  }

  public static PluginRpcEndpointException raise(Kind kind, String message) {
    return new PluginRpcEndpointException(new RpcFailure(kind, message));
  }

  public static PluginRpcEndpointException invalidParams(String message) {
    return raise(Kind.INVALID_PARAMS, message);
  }
}

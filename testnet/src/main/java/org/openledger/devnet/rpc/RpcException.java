package org.openledger.devnet.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON-RPC error answer: {@code {"code": code, "message": message, "data": data}}. The codes are
 * the JSON-RPC 2.0 ones plus those Ethereum clients use (geth: -32000 for a refused transaction,
 * 3 for a revert with its data), so that web3j, ethers and cast show the message they expect.
 */
public final class RpcException extends RuntimeException {
  public static final int PARSE_ERROR = -32700;
  public static final int INVALID_REQUEST = -32600;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int INVALID_PARAMS = -32602;
  public static final int INTERNAL_ERROR = -32603;
  /** geth's code for a transaction the pool refuses (nonce, funds, signature, chain id, ...). */
  public static final int TRANSACTION_REFUSED = -32000;
  /** A request over a limit (body size, batch length, block range, result count). */
  public static final int LIMIT_EXCEEDED = -32005;
  /** A call or estimate that reverted: {@code data} is the revert data (the custom error). */
  public static final int EXECUTION_REVERTED = 3;

  private final int code;
  private final transient JsonNode data;

  public RpcException(int code, String message) {
    this(code, message, null);
  }

  public RpcException(int code, String message, JsonNode data) {
    super(message);
    this.code = code;
    this.data = data;
  }

  public int code() {
    return code;
  }

  /** Extra error data, or null when there is none. */
  public JsonNode data() {
    return data;
  }

  public static RpcException invalidParams(String message) {
    return new RpcException(INVALID_PARAMS, message);
  }

  public static RpcException refused(String message) {
    return new RpcException(TRANSACTION_REFUSED, message);
  }
}

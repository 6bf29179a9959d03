// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: ethereum/api/plugin-api/src/main/java/org/hyperledger/besu/plugin/services/exception/PluginRpcEndpointException.java
package org.hyperledger.besu.plugin.services.exception;

import org.hyperledger.besu.plugin.services.rpc.RpcMethodError;

/** Signatures only; the same fields and constructors as Besu's. */
public class PluginRpcEndpointException extends RuntimeException {
  private final RpcMethodError rpcMethodError;
  private final String data;

  public PluginRpcEndpointException(final RpcMethodError rpcMethodError) {
    this(rpcMethodError, null);
  }

  public PluginRpcEndpointException(final RpcMethodError rpcMethodError, final String data) {
    this(rpcMethodError, data, null);
  }

  public PluginRpcEndpointException(final RpcMethodError rpcMethodError, final String data, final Throwable cause) {
    super(rpcMethodError.getMessage(), cause);
    this.rpcMethodError = rpcMethodError;
    this.data = data;
  }

  public RpcMethodError getRpcMethodError() {
    return rpcMethodError;
  }

  public String getData() {
    return data;
  }
}

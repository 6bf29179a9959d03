// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: ethereum/api/plugin-api/src/main/java/org/hyperledger/besu/plugin/services/rpc/RpcMethodError.java
package org.hyperledger.besu.plugin.services.rpc;

import java.util.Optional;

/** Signatures only. Besu's PluginJsonRpcMethod turns a PluginRpcEndpointException into a JSON-RPC error with this code and message. */
public interface RpcMethodError {
  static final int INVALID_PARAMS_ERROR_CODE = -32602;

  int getCode();

  String getMessage();

  default Optional<String> decodeData(final String data) {
    return Optional.empty();
  }
}

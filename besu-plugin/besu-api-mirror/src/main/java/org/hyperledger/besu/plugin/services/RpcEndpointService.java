// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: ethereum/api/plugin-api/src/main/java/org/hyperledger/besu/plugin/services/RpcEndpointService.java
package org.hyperledger.besu.plugin.services;

import java.util.function.Function;
import org.hyperledger.besu.plugin.services.rpc.PluginRpcRequest;

/** Signatures only (Besu's also has call(String, Object[]), which the adapter does not use). */
public interface RpcEndpointService extends BesuService {
  <T> void registerRPCEndpoint(String namespace, String functionName, Function<PluginRpcRequest, T> function);
}

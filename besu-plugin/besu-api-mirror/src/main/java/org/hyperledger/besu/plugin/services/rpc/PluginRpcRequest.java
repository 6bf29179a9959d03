// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: ethereum/api/plugin-api/src/main/java/org/hyperledger/besu/plugin/services/rpc/PluginRpcRequest.java
package org.hyperledger.besu.plugin.services.rpc;

/** Signatures only. */
public interface PluginRpcRequest {
  Object[] getParams();
}

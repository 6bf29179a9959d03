package org.openledger.besu.rpc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.besu.plugin.services.RpcEndpointService;
import org.openledger.contracts.Catalog;

/** The openledger_* JSON-RPC methods Besu serves for the plugin. Parameter errors are IllegalArgumentExceptions, which Besu returns as JSON-RPC errors. */
public final class OpenLedgerRpc {
  public static final String NAMESPACE = "openledger";

  /** What openledger_pluginInfo returns: the plugin and Besu versions, the activation block, and whether the contracts are installed. */
  public record PluginInfo(String pluginVersion, String besuVersion, long activationBlock, boolean installed, List<String> protocolSpecs) {}

  private OpenLedgerRpc() {}

  public static void register(RpcEndpointService rpc, java.util.function.Supplier<PluginInfo> info, List<Catalog.Entry> contracts) {
    rpc.registerRPCEndpoint(NAMESPACE, "pluginInfo", request -> {
      if (request.getParams().length != 0) throw new IllegalArgumentException("openledger_pluginInfo takes no parameters");
      return info.get();
    });
    rpc.registerRPCEndpoint(NAMESPACE, "contractAddresses", request -> {
      if (request.getParams().length != 0) throw new IllegalArgumentException("openledger_contractAddresses takes no parameters");
      return contractAddresses(contracts);
    });
  }

  /** Contract name to address, in address order. */
  public static Map<String, String> contractAddresses(List<Catalog.Entry> contracts) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Catalog.Entry e : contracts) out.put(e.name(), e.address().toHexString());
    return out;
  }
}

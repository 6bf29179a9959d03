package org.openledger.besu.rpc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.assertj.core.api.AbstractThrowableAssert;
import org.hyperledger.besu.plugin.services.RpcEndpointService;
import org.hyperledger.besu.plugin.services.exception.PluginRpcEndpointException;
import org.hyperledger.besu.plugin.services.rpc.PluginRpcRequest;

/** Besu's RpcEndpointService as PluginJsonRpcMethod drives it: raw params in, the result or a PluginRpcEndpointException out. */
public final class RpcHarness implements RpcEndpointService {
  private final Map<String, Function<PluginRpcRequest, ?>> methods = new HashMap<>();

  @Override
  public <T> void registerRPCEndpoint(String namespace, String name, Function<PluginRpcRequest, T> function) {
    methods.put(namespace + "_" + name, function);
  }

  public boolean has(String method) {
    return methods.containsKey(method);
  }

  /** Calls {@code method} with {@code params} (Java null: a request without "params", which Besu passes as null). */
  public Object call(String method, Object... params) {
    Function<PluginRpcRequest, ?> f = methods.get(method);
    if (f == null) throw new IllegalArgumentException("no method " + method);
    return f.apply(() -> params);
  }

  /** Asserts that the call fails with the JSON-RPC error {@code code}; continue on its message. */
  public AbstractThrowableAssert<?, ? extends Throwable> fails(int code, String method, Object... params) {
    return assertThatThrownBy(() -> call(method, params)).isInstanceOf(PluginRpcEndpointException.class)
        .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((PluginRpcEndpointException) e).getRpcMethodError().getCode()).isEqualTo(code));
  }
}

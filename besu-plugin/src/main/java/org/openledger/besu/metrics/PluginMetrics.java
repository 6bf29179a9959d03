package org.openledger.besu.metrics;

import org.hyperledger.besu.plugin.services.MetricsSystem;
import org.hyperledger.besu.plugin.services.metrics.Counter;
import org.hyperledger.besu.plugin.services.metrics.LabelledMetric;
import org.openledger.precompiles.host.CallResult;

/**
 * The plugin's counters in Besu's metrics system (exported by Besu's Prometheus endpoint as
 * {@code openledger_<name>_total}). Besu hands out its MetricsSystem only from start(); before
 * that, and on a node without metrics, {@link #NONE} counts nothing.
 */
public interface PluginMetrics {
  /** Prometheus: openledger_precompile_calls_total{contract, outcome}. */
  String PRECOMPILE_CALLS = "precompile_calls";
  /** Prometheus: openledger_precompile_gas_used_total{contract}. */
  String PRECOMPILE_GAS = "precompile_gas_used";
  /** Prometheus: openledger_rpc_calls_total{method, outcome}. */
  String RPC_CALLS = "rpc_calls";

  /** One native-contract call executed by Besu, with its outcome (success, revert, halt) and the gas it used. */
  void precompileCall(String contract, CallResult.Status outcome, long gasUsed);

  /** One openledger_* RPC call ({@code ok} or the failure kind, lower case). */
  void rpcCall(String method, String outcome);

  PluginMetrics NONE = new PluginMetrics() {
    @Override public void precompileCall(String contract, CallResult.Status outcome, long gasUsed) {}
    @Override public void rpcCall(String method, String outcome) {}
  };

  static PluginMetrics of(MetricsSystem metrics) {
    OpenLedgerMetricCategory c = OpenLedgerMetricCategory.OPENLEDGER;
    LabelledMetric<Counter> calls = metrics.createLabelledCounter(c, PRECOMPILE_CALLS,
        "Native-contract calls executed as Besu precompiles, by contract and outcome", "contract", "outcome");
    LabelledMetric<Counter> gas = metrics.createLabelledCounter(c, PRECOMPILE_GAS,
        "Gas used by native-contract calls, by contract", "contract");
    LabelledMetric<Counter> rpc = metrics.createLabelledCounter(c, RPC_CALLS,
        "openledger_* JSON-RPC calls, by method and outcome", "method", "outcome");
    return new PluginMetrics() {
      @Override
      public void precompileCall(String contract, CallResult.Status outcome, long gasUsed) {
        calls.labels(contract, outcome.name().toLowerCase(java.util.Locale.ROOT)).inc();
        if (gasUsed > 0) gas.labels(contract).inc(gasUsed);
      }

      @Override
      public void rpcCall(String method, String outcome) {
        rpc.labels(method, outcome).inc();
      }
    };
  }
}

package org.openledger.besu.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes;
import org.hyperledger.besu.datatypes.Wei;
import org.hyperledger.besu.evm.frame.BlockValues;
import org.hyperledger.besu.evm.frame.MessageFrame;
import org.junit.jupiter.api.Test;
import org.openledger.besu.adapter.FrameHost;
import org.openledger.besu.adapter.InMemoryWorld;
import org.openledger.besu.adapter.NativePrecompile;
import org.openledger.besu.rpc.OpenLedgerRpc;
import org.openledger.besu.rpc.RpcHarness;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.staking.Staking;
import org.openledger.governance.GovernanceContracts;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.executor.Executor;
import org.openledger.precompiles.executor.Fork;
import org.openledger.precompiles.executor.ForkSchedule;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.host.CallResult;

class PluginMetricsTest {
  final RecordingMetricsSystem besu = new RecordingMetricsSystem();
  final Executor executor = new Executor(ForkSchedule.of(new Fork("v1", 0, GasSchedule.V1, GovernanceContracts.instancesWithCatalog())));
  final InMemoryWorld world = new InMemoryWorld();

  PluginMetricsTest() {
    besu.enabled.add(OpenLedgerMetricCategory.OPENLEDGER);
  }

  /** Calls the Staking precompile the way Besu's MessageCallProcessor does (requirement deducted first); returns the executor's status. */
  CallResult.Status call(NativePrecompile staking, Bytes input) {
    var sender = FrameHost.toBesu(Address.of(0xa11ce));
    MessageFrame frame = MessageFrame.builder().type(MessageFrame.Type.MESSAGE_CALL).worldUpdater(world).initialGas(1_000_000)
        .address(FrameHost.toBesu(Addresses.STAKING)).originator(sender).contract(FrameHost.toBesu(Addresses.STAKING))
        .inputData(input).sender(sender).value(Wei.of(BigInteger.ZERO)).apparentValue(Wei.of(BigInteger.ZERO))
        .blockValues(new BlockValues() { @Override public long getNumber() { return 1; } }).isStatic(false).build();
    frame.decrementRemainingGas(staking.gasRequirement(input));
    return switch (staking.computePrecompile(input, frame).state()) {
      case COMPLETED_SUCCESS -> CallResult.Status.SUCCESS;
      case REVERT -> CallResult.Status.REVERT;
      default -> CallResult.Status.HALT;
    };
  }

  @Test
  void theCategoryIsNamedOpenledgerWithoutBesusPrefix() {
    assertThat(OpenLedgerMetricCategory.OPENLEDGER.getName()).isEqualTo("openledger");
    assertThat(OpenLedgerMetricCategory.OPENLEDGER.getApplicationPrefix()).isEmpty();
  }

  @Test
  void precompileCallsAreCountedByContractAndOutcomeWithTheirGas() {
    NativePrecompile staking = new NativePrecompile("OpenLedgerStaking", Addresses.STAKING, executor, 0, () -> 1337,
        PluginMetrics.of(besu), "staking");
    Bytes view = Staking.TOTAL_BONDED.encodeCall();
    Bytes unknownSelector = Bytes.fromHexString("0xdeadbeef");
    assertThat(call(staking, view)).isEqualTo(CallResult.Status.SUCCESS);
    assertThat(call(staking, view)).isEqualTo(CallResult.Status.SUCCESS);
    assertThat(call(staking, unknownSelector)).isEqualTo(CallResult.Status.REVERT);
    assertThat(besu.count("openledger_precompile_calls{contract=staking,outcome=success}")).isEqualTo(2);
    assertThat(besu.count("openledger_precompile_calls{contract=staking,outcome=revert}")).isEqualTo(1);
    assertThat(besu.count("openledger_precompile_gas_used{contract=staking}"))
        .isEqualTo(2 * staking.gasRequirement(view) + staking.gasRequirement(unknownSelector));
  }

  @Test
  void rpcCallsAreCountedByMethodAndOutcome() {
    RpcHarness rpc = new RpcHarness();
    OpenLedgerRpc methods = new OpenLedgerRpc(() -> null, GovernanceContracts.withCatalog());
    methods.register(rpc);
    methods.unavailable("test", PluginMetrics.of(besu));
    rpc.call("openledger_contractAddresses");
    rpc.fails(-32602, "openledger_contractAddresses", 1);
    rpc.fails(-32000, "openledger_getContent", "0x" + "00".repeat(32));
    assertThat(besu.counts).containsOnlyKeys("openledger_rpc_calls{method=openledger_contractAddresses,outcome=ok}",
        "openledger_rpc_calls{method=openledger_contractAddresses,outcome=invalid_params}",
        "openledger_rpc_calls{method=openledger_getContent,outcome=not_installed}");
  }

  @Test
  void aCategoryNotEnabledInBesuCountsNothing() {
    besu.enabled.clear();
    NativePrecompile staking = new NativePrecompile("OpenLedgerStaking", Addresses.STAKING, executor, 0, () -> 1337,
        PluginMetrics.of(besu), "staking");
    call(staking, Staking.TOTAL_BONDED.encodeCall());
    assertThat(besu.counts).isEmpty();
  }
}

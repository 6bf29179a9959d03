package org.openledger.besu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.hyperledger.besu.evm.precompile.PrecompileContractRegistry;
import org.hyperledger.besu.plugin.ServiceManager;
import org.hyperledger.besu.plugin.data.BlockHeader;
import org.hyperledger.besu.plugin.services.BesuService;
import org.hyperledger.besu.plugin.services.BlockchainService;
import org.hyperledger.besu.plugin.services.PicoCLIOptions;
import org.hyperledger.besu.plugin.services.RpcEndpointService;
import org.hyperledger.besu.plugin.services.rpc.PluginRpcRequest;
import org.junit.jupiter.api.Test;
import org.openledger.besu.adapter.FrameHost;
import org.openledger.besu.adapter.NativePrecompile;
import org.openledger.besu.install.BesuCompatibility;
import org.openledger.besu.install.PluginStartRefused;
import org.openledger.contracts.Addresses;

/** The plugin against stand-ins shaped like Besu 26.x's internals (the same private field and method names the installer reaches). */
class OpenLedgerPluginTest {
  public record Hardfork(String name, long milestone) {}

  public static final class Spec {
    final PrecompileContractRegistry registry = new PrecompileContractRegistry();
    public PrecompileContractRegistry getPrecompileContractRegistry() { return registry; }
  }

  public record BlockNumberProtocolSpec(Hardfork fork, Spec spec) {}

  public record TimestampProtocolSpec(Hardfork fork, Spec spec) {}

  static final class Schedule {
    @SuppressWarnings("unused") private final List<Object> protocolSpecs;
    Schedule(List<Object> specs) { this.protocolSpecs = specs; }
  }

  static final class Chain implements BlockchainService {
    @SuppressWarnings("unused") private final Object protocolSchedule;
    private final long head;
    Chain(Object schedule, long head) { this.protocolSchedule = schedule; this.head = head; }
    @Override public BlockHeader getChainHeadHeader() {
      return new BlockHeader() {
        @Override public long getNumber() { return head; }
        @Override public long getTimestamp() { return 0; }
        @Override public org.hyperledger.besu.datatypes.LogsBloomFilter getLogsBloom() { throw new UnsupportedOperationException(); }
        @Override public org.hyperledger.besu.datatypes.Hash getBlockHash() { throw new UnsupportedOperationException(); }
      };
    }
    @Override public Optional<BigInteger> getChainId() { return Optional.of(BigInteger.valueOf(1337)); }
    @Override public Optional<org.hyperledger.besu.plugin.data.BlockContext> getBlockByNumber(long number) { return Optional.empty(); }
    @Override public Optional<List<org.hyperledger.besu.plugin.data.TransactionReceipt>> getReceiptsByBlockHash(org.hyperledger.besu.datatypes.Hash h) {
      return Optional.empty();
    }
  }

  static final class Services implements ServiceManager {
    final Map<Class<?>, BesuService> map = new HashMap<>();
    @Override public <T extends BesuService> void addService(Class<T> type, T service) { map.put(type, service); }
    @Override public <T extends BesuService> Optional<T> getService(Class<T> type) { return Optional.ofNullable(type.cast(map.get(type))); }
  }

  static final class Rpc implements RpcEndpointService {
    final Map<String, Function<PluginRpcRequest, ?>> methods = new HashMap<>();
    @Override public <T> void registerRPCEndpoint(String ns, String name, Function<PluginRpcRequest, T> f) { methods.put(ns + "_" + name, f); }
    Object call(String method, Object... params) { return methods.get(method).apply(() -> params); }
  }

  private final org.openledger.besu.chain.InMemoryChain worldState = new org.openledger.besu.chain.InMemoryChain();
  private final Spec frontier = new Spec();
  private final Spec london = new Spec();
  private final Spec shanghai = new Spec();
  private final Rpc rpc = new Rpc();
  private final List<Object> cliOptions = new ArrayList<>();

  final org.openledger.besu.metrics.RecordingMetricsSystem metrics = new org.openledger.besu.metrics.RecordingMetricsSystem();
  @org.junit.jupiter.api.io.TempDir java.nio.file.Path dataPath;

  private OpenLedgerPlugin plugin(Object schedule, long head, long activation) {
    Services services = new Services();
    services.addService(org.hyperledger.besu.plugin.services.metrics.MetricCategoryRegistry.class, metrics);
    services.addService(org.hyperledger.besu.plugin.services.MetricsSystem.class, metrics);
    services.addService(org.hyperledger.besu.plugin.services.BesuConfiguration.class, () -> dataPath);
    services.addService(org.hyperledger.besu.plugin.services.WorldStateService.class, worldState);
    services.addService(BlockchainService.class, new Chain(schedule, head));
    services.addService(RpcEndpointService.class, rpc);
    services.addService(PicoCLIOptions.class, (ns, o) -> cliOptions.add(o));
    OpenLedgerPlugin plugin = new OpenLedgerPlugin(new BesuCompatibility(List.of("26.8.0")));
    plugin.register(services);
    plugin.options().activationBlock = activation;
    return plugin;
  }

  private Schedule schedule() {
    // Besu keeps specs newest first
    return new Schedule(List.of(new TimestampProtocolSpec(new Hardfork("Shanghai", 1_700_000_000L), shanghai),
        new BlockNumberProtocolSpec(new Hardfork("London", 100), london), new BlockNumberProtocolSpec(new Hardfork("Frontier", 0), frontier)));
  }

  private static boolean hasDatanets(Spec spec) {
    return spec.registry.get(FrameHost.toBesu(Addresses.DATANETS)) instanceof NativePrecompile;
  }

  @Test
  void installsIntoEverySpecFromTheActivationMilestoneOn() {
    plugin(schedule(), 10, 100).start("26.8.0");
    assertThat(hasDatanets(frontier)).isFalse();
    assertThat(hasDatanets(london)).isTrue();
    assertThat(hasDatanets(shanghai)).isTrue();
  }

  @Test
  void registersItsOptionsUnderTheOpenledgerNamespace() {
    plugin(schedule(), 0, 0);
    assertThat(cliOptions).singleElement().isInstanceOf(OpenLedgerOptions.class);
  }

  @Test
  void refusesAnUntestedBesuVersion() {
    assertThatThrownBy(() -> plugin(schedule(), 0, 0).start("25.1.0"))
        .isInstanceOf(PluginStartRefused.class).hasMessageContaining("'25.1.0' is untested");
  }

  @Test
  void refusesWhenTheProtocolScheduleIsNotWhereBesu26KeepsIt() {
    assertThatThrownBy(() -> plugin(new Object(), 0, 0).start("26.8.0"))
        .isInstanceOf(PluginStartRefused.class).hasMessageContaining("no field 'protocolSpecs'");
  }

  @Test
  void refusesAnActivationBlockThatIsNotABlockMilestone() {
    assertThatThrownBy(() -> plugin(schedule(), 10, 50).start("26.8.0"))
        .isInstanceOf(PluginStartRefused.class).hasMessageContaining("not a block milestone").hasMessageContaining("[100, 0]");
  }

  @Test
  void refusesAnActivationBlockAlreadyPassedOnARunningChain() {
    assertThatThrownBy(() -> plugin(schedule(), 150, 100).start("26.8.0"))
        .isInstanceOf(PluginStartRefused.class).hasMessageContaining("not after the chain head 150");
    assertThat(hasDatanets(london)).isFalse();
  }

  @Test
  void pluginInfoReportsVersionsActivationAndInstalledSpecs() {
    plugin(schedule(), 10, 100).start("26.8.0");
    assertThat(rpc.call("openledger_pluginInfo")).isInstanceOfSatisfying(org.openledger.besu.rpc.OpenLedgerRpc.PluginInfo.class, info -> {
      assertThat(info.besuVersion()).isEqualTo("26.8.0");
      assertThat(info.activationBlock()).isEqualTo(100);
      assertThat(info.installed()).isTrue();
      assertThat(info.protocolSpecs()).hasSize(2);
    });
  }

  @Test
  void contractAddressesNamesEveryContract() {
    plugin(schedule(), 0, 0);
    assertThat(rpc.call("openledger_contractAddresses")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("governor", "0x0000000000000000000000000000000000000a07");
  }

  @Test
  void rpcMethodsRefuseParameters() {
    plugin(schedule(), 0, 0);
    assertThatThrownBy(() -> rpc.call("openledger_pluginInfo", "x")).hasMessageContaining("takes no parameters");
    assertThatThrownBy(() -> rpc.call("openledger_contractAddresses", 1)).hasMessageContaining("takes no parameters");
  }

  @Test
  void registersItsMetricCategoryWhileRegistering() {
    plugin(schedule(), 0, 0);
    assertThat(metrics.registered).containsExactly(org.openledger.besu.metrics.OpenLedgerMetricCategory.OPENLEDGER);
  }

  @Test
  void startGivesTheRpcMethodsAContentStoreUnderBesusDataPath() {
    worldState.add(new org.openledger.besu.adapter.InMemoryWorld());
    plugin(schedule(), 10, 100).start("26.8.0");
    String hash = (String) rpc.call("openledger_putContent", "0x0102");
    assertThat(dataPath.resolve("openledger/content/" + hash.substring(2))).exists();
  }

  @Test
  void withoutWorldStateServiceTheContractsAreInstalledButChainMethodsExplainWhy() {
    Services services = new Services();
    services.addService(BlockchainService.class, new Chain(schedule(), 10));
    services.addService(RpcEndpointService.class, rpc);
    OpenLedgerPlugin plugin = new OpenLedgerPlugin(new BesuCompatibility(List.of("26.8.0")));
    plugin.register(services);
    plugin.options().activationBlock = 100;
    plugin.start("26.8.0");
    assertThat(hasDatanets(london)).isTrue();
    assertThatThrownBy(() -> rpc.call("openledger_getContent", "0x" + "00".repeat(32))).hasMessageContaining("offers the plugin no WorldStateService");
  }
}

package org.openledger.besu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hyperledger.besu.plugin.BesuPlugin;
import org.hyperledger.besu.plugin.ServiceManager;
import org.hyperledger.besu.plugin.services.BesuConfiguration;
import org.hyperledger.besu.plugin.services.BlockchainService;
import org.hyperledger.besu.plugin.services.MetricsSystem;
import org.hyperledger.besu.plugin.services.PicoCLIOptions;
import org.hyperledger.besu.plugin.services.RpcEndpointService;
import org.hyperledger.besu.plugin.services.WorldStateService;
import org.hyperledger.besu.plugin.services.metrics.MetricCategoryRegistry;
import org.openledger.besu.adapter.NativePrecompile;
import org.openledger.besu.install.BesuCompatibility;
import org.openledger.besu.install.PluginStartRefused;
import org.openledger.besu.install.ScheduleInstaller;
import org.openledger.besu.chain.ChainReader;
import org.openledger.besu.content.ContentStore;
import org.openledger.besu.metrics.OpenLedgerMetricCategory;
import org.openledger.besu.metrics.PluginMetrics;
import org.openledger.besu.rpc.OpenLedgerRpc;
import org.openledger.contracts.Catalog;
import org.openledger.governance.GovernanceContracts;
import org.openledger.precompiles.executor.Executor;
import org.openledger.precompiles.executor.Fork;
import org.openledger.precompiles.executor.ForkSchedule;
import org.openledger.precompiles.gas.GasSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenLedger's Besu plugin (found through META-INF/services). register: CLI options, RPC
 * methods and the metric category (Besu offers those services then); start: version check, the
 * native contracts into the protocol schedule, which Besu has built by then, and the RPC
 * methods' chain, world state, content store and metrics (Besu offers WorldStateService and
 * MetricsSystem only from start).
 */
public final class OpenLedgerPlugin implements BesuPlugin {
  private static final Logger LOG = LoggerFactory.getLogger(OpenLedgerPlugin.class);

  private final OpenLedgerOptions options = new OpenLedgerOptions();
  private final BesuCompatibility compatibility;
  private final OpenLedgerRpc rpc = new OpenLedgerRpc(this::info, GovernanceContracts.withCatalog());
  private ServiceManager services;
  private volatile ScheduleInstaller.Installed installed;
  private String besuVersion = "unknown";

  public OpenLedgerPlugin() {
    this(BesuCompatibility.CURRENT);
  }

  OpenLedgerPlugin(BesuCompatibility compatibility) {
    this.compatibility = compatibility;
  }

  @Override
  public String getName() {
    return "openledger";
  }

  public OpenLedgerOptions options() {
    return options;
  }

  @Override
  public void register(ServiceManager context) {
    this.services = context;
    context.getService(PicoCLIOptions.class).ifPresent(cli -> cli.addPicoCLIOptions("openledger", options));
    context.getService(RpcEndpointService.class).ifPresent(rpc::register);
    context.getService(MetricCategoryRegistry.class).ifPresent(r -> r.addMetricCategory(OpenLedgerMetricCategory.OPENLEDGER));
  }

  @Override
  public void start() {
    if (!options.enabled) {
      LOG.warn("OpenLedger plugin disabled (--plugin-openledger-enabled=false): this node does not run the native contracts");
      return;
    }
    start(BesuCompatibility.detect(getClass().getClassLoader()));
  }

  /** {@link #start()} with Besu's version given, so tests can pose as any release. */
  void start(String besuVersion) {
    this.besuVersion = besuVersion;
    compatibility.check(besuVersion);
    BlockchainService chain = services.getService(BlockchainService.class)
        .orElseThrow(() -> new PluginStartRefused("OpenLedger plugin: Besu offers no BlockchainService"));
    long chainId = chain.getChainId().map(java.math.BigInteger::longValueExact)
        .orElseThrow(() -> new PluginStartRefused("OpenLedger plugin: the chain has no chain id"));
    long head = chain.getChainHeadHeader().getNumber();
    Executor executor = new Executor(ForkSchedule.of(
        new Fork("openledger-v1", options.activationBlock, GasSchedule.V1, GovernanceContracts.instancesWithCatalog())));
    PluginMetrics metrics = services.getService(MetricsSystem.class).map(PluginMetrics::of).orElse(PluginMetrics.NONE);
    installed = ScheduleInstaller.install(chain, options.activationBlock, head, forkBlock -> precompiles(executor, forkBlock, chainId, metrics));
    // The RPC methods need these; the precompiles do not, so a missing one disables the methods, not the validator.
    Optional<WorldStateService> worldState = services.getService(WorldStateService.class);
    Optional<BesuConfiguration> config = services.getService(BesuConfiguration.class);
    if (worldState.isEmpty() || config.isEmpty()) {
      String missing = worldState.isEmpty() ? "WorldStateService" : "BesuConfiguration";
      LOG.warn("OpenLedger plugin: Besu offers no {} at start; the openledger_* chain and content methods are unavailable", missing);
      rpc.unavailable("this Besu offers the plugin no " + missing, metrics);
      return;
    }
    ContentStore content = ContentStore.under(config.get().getDataPath(), options.contentMaxBytes);
    rpc.start(new OpenLedgerRpc.Runtime(executor, chainId, options.activationBlock,
        new ChainReader(chain, worldState.get(), options.rpcMaxBlocks), content), metrics);
    LOG.info("OpenLedger content store at {} (items up to {} bytes)", content.directory(), content.maxBytes());
    LOG.info("OpenLedger plugin {} on Besu {}: {} native contracts from block {} in protocol specs {}",
        info().pluginVersion(), besuVersion, installed.contracts(), installed.activationBlock(), installed.specs());
  }

  private static List<NativePrecompile> precompiles(Executor executor, long forkBlock, long chainId, PluginMetrics metrics) {
    List<NativePrecompile> out = new ArrayList<>();
    for (Catalog.Entry e : GovernanceContracts.withCatalog()) {
      out.add(new NativePrecompile("OpenLedger" + e.spec().name(), e.address(), executor, forkBlock, () -> chainId, metrics, e.name()));
    }
    return out;
  }

  OpenLedgerRpc.PluginInfo info() {
    ScheduleInstaller.Installed i = installed;
    String version = Optional.ofNullable(getClass().getPackage().getImplementationVersion()).orElse("dev");
    return new OpenLedgerRpc.PluginInfo(version, besuVersion, options.activationBlock, i != null, i == null ? List.of() : i.specs());
  }

  @Override
  public void stop() {
    LOG.info("OpenLedger plugin stopped");
  }
}

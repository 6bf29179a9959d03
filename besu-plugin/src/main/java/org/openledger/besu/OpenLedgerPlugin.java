package org.openledger.besu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hyperledger.besu.plugin.BesuPlugin;
import org.hyperledger.besu.plugin.ServiceManager;
import org.hyperledger.besu.plugin.services.BlockchainService;
import org.hyperledger.besu.plugin.services.PicoCLIOptions;
import org.hyperledger.besu.plugin.services.RpcEndpointService;
import org.openledger.besu.adapter.NativePrecompile;
import org.openledger.besu.install.BesuCompatibility;
import org.openledger.besu.install.PluginStartRefused;
import org.openledger.besu.install.ScheduleInstaller;
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
 * OpenLedger's Besu plugin (found through META-INF/services). register: CLI options and RPC
 * methods; start: version check, then the native contracts into the protocol schedule, which
 * Besu has built by then.
 */
public final class OpenLedgerPlugin implements BesuPlugin {
  private static final Logger LOG = LoggerFactory.getLogger(OpenLedgerPlugin.class);

  private final OpenLedgerOptions options = new OpenLedgerOptions();
  private final BesuCompatibility compatibility;
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
    context.getService(RpcEndpointService.class)
        .ifPresent(rpc -> OpenLedgerRpc.register(rpc, this::info, GovernanceContracts.withCatalog()));
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
    installed = ScheduleInstaller.install(chain, options.activationBlock, head, forkBlock -> precompiles(executor, forkBlock, chainId));
    LOG.info("OpenLedger plugin {} on Besu {}: {} native contracts from block {} in protocol specs {}",
        info().pluginVersion(), besuVersion, installed.contracts(), installed.activationBlock(), installed.specs());
  }

  private static List<NativePrecompile> precompiles(Executor executor, long forkBlock, long chainId) {
    List<NativePrecompile> out = new ArrayList<>();
    for (Catalog.Entry e : GovernanceContracts.withCatalog()) {
      out.add(new NativePrecompile("OpenLedger" + e.spec().name(), e.address(), executor, forkBlock, () -> chainId));
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

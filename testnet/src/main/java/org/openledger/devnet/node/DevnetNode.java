package org.openledger.devnet.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.openledger.devnet.Devnet;
import org.openledger.devnet.genesis.GenesisConfig;
import org.openledger.telemetry.Counter;
import org.openledger.telemetry.MetricsRegistry;
import org.openledger.telemetry.MetricsServer;
import org.openledger.devnet.rpc.server.CorsOrigins;
import org.openledger.devnet.rpc.server.JsonRpcServer;
import org.openledger.devnet.rpc.server.RpcLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running devnet node: the chain ({@link Devnet}), its JSON-RPC server and its Prometheus
 * endpoint, closed in reverse order on {@link #close()} or SIGTERM. While it runs, {@code
 * node.pid} in the data directory holds its process id (what {@code openledger devnet stop}
 * signals) and {@code node.url} its RPC URL.
 */
public final class DevnetNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DevnetNode.class);
  public static final String PID_FILE = "node.pid";
  public static final String URL_FILE = "node.url";
  public static final int DEFAULT_RPC_PORT = 8545;
  public static final int DEFAULT_METRICS_PORT = 9545;

  /**
   * @param genesisFile a genesis JSON file, or null for the built-in devnet genesis
   * @param rpcPort 0 for any free port
   * @param metricsPort 0 for any free port, negative to serve no metrics
   * @param blockTime time between blocks; zero seals only on demand or by automine
   * @param automine seal a block as soon as a transaction is pending
   */
  public record Config(Path dataDir, Path genesisFile, String host, int rpcPort, int metricsPort, Duration blockTime, boolean automine,
      CorsOrigins cors, RpcLimits limits) {
    public static Config defaults(Path dataDir) {
      return new Config(dataDir, null, "127.0.0.1", DEFAULT_RPC_PORT, DEFAULT_METRICS_PORT, Duration.ofSeconds(1), false, CorsOrigins.NONE,
          RpcLimits.DEFAULT);
    }

    /** An in-process node for tests and the demo: free ports, no metrics, automine. */
    public static Config ephemeral(Path dataDir) {
      return new Config(dataDir, null, "127.0.0.1", 0, -1, Duration.ZERO, true, CorsOrigins.NONE, RpcLimits.DEFAULT);
    }

    public Config withPorts(int rpc, int metrics) {
      return new Config(dataDir, genesisFile, host, rpc, metrics, blockTime, automine, cors, limits);
    }

    public Config withProduction(Duration interval, boolean auto) {
      return new Config(dataDir, genesisFile, host, rpcPort, metricsPort, interval, auto, cors, limits);
    }

    public Config withGenesis(Path file) {
      return new Config(dataDir, file, host, rpcPort, metricsPort, blockTime, automine, cors, limits);
    }

    public Config withCors(CorsOrigins origins) {
      return new Config(dataDir, genesisFile, host, rpcPort, metricsPort, blockTime, automine, origins, limits);
    }
  }

  private final Devnet devnet;
  private final JsonRpcServer rpc;
  private final MetricsServer metrics;
  private final ShutdownHooks hooks;
  private final Path dataDir;

  private DevnetNode(Devnet devnet, JsonRpcServer rpc, MetricsServer metrics, ShutdownHooks hooks, Path dataDir) {
    this.devnet = devnet;
    this.rpc = rpc;
    this.metrics = metrics;
    this.hooks = hooks;
    this.dataDir = dataDir;
  }

  /** Opens (or creates) the chain in {@code config.dataDir()} and starts serving. */
  public static DevnetNode start(Config config) throws IOException {
    Files.createDirectories(config.dataDir());
    GenesisConfig genesis = config.genesisFile() == null ? GenesisConfig.defaultDevnet() : GenesisConfig.read(config.genesisFile());
    ShutdownHooks hooks = new ShutdownHooks(Duration.ofSeconds(15));
    try {
      Devnet devnet = hooks.register("chain", Devnet.start(Devnet.Options.defaults(config.dataDir()).withGenesis(genesis)
          .withProduction(config.blockTime(), config.automine())));
      MetricsRegistry registry = new MetricsRegistry();
      chainMetrics(devnet, registry);
      JsonRpcServer rpc = JsonRpcServer.builder(devnet.methods()).bind(config.host(), config.rpcPort()).limits(config.limits())
          .cors(config.cors()).metrics(registry).build();
      rpc.start();
      hooks.register("json-rpc", rpc);
      MetricsServer metrics = null;
      if (config.metricsPort() >= 0) metrics = hooks.register("metrics", MetricsServer.start(config.host(), config.metricsPort(), registry));
      DevnetNode node = new DevnetNode(devnet, rpc, metrics, hooks, config.dataDir());
      hooks.register("pid-file", node::removeRunFiles);
      node.writeRunFiles();
      LOG.info("devnet started chainId={} head={} rpc={} metrics={} dataDir={} blockTime={} automine={}", devnet.chain().chainId(),
          devnet.chain().head().number(), node.rpcUrl(), metrics == null ? "off" : "http://" + config.host() + ":" + metrics.port() + "/metrics",
          config.dataDir(), config.blockTime(), config.automine());
      return node;
    } catch (IOException | RuntimeException e) {
      hooks.close();
      throw e;
    }
  }

  private static void chainMetrics(Devnet devnet, MetricsRegistry registry) {
    var chain = devnet.chain();
    registry.gauge("openledger_chain_head_block", "Number of the newest block.", () -> chain.head().number());
    registry.gauge("openledger_txpool_pending", "Transactions waiting in the pool.", () -> chain.pool().size());
    registry.gauge("openledger_burned_open", "OPEN burned as base fees since genesis (in OPEN, as a float).",
        () -> new java.math.BigDecimal(chain.burned()).movePointLeft(18).doubleValue());
    Counter blocks = registry.counter("openledger_blocks_total", "Blocks sealed by this process.");
    Counter transactions = registry.counter("openledger_transactions_total",
        "Transactions included in blocks sealed by this process (rate() of it is tx/s).");
    chain.onBlock(b -> {
      blocks.inc();
      transactions.inc(b.transactionHashes().size());
    });
  }

  public String rpcUrl() {
    return "http://" + hostForUrl() + ":" + rpc.port();
  }

  private String hostForUrl() {
    return "127.0.0.1";
  }

  public int metricsPort() {
    return metrics == null ? -1 : metrics.port();
  }

  public Devnet devnet() {
    return devnet;
  }

  /** Closes on SIGTERM as well (for a node that runs as its own process). */
  public DevnetNode closeOnSigterm() {
    hooks.installOnJvmShutdown();
    return this;
  }

  private void writeRunFiles() {
    try {
      Files.writeString(dataDir.resolve(URL_FILE), rpcUrl() + "\n", StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
      Files.writeString(dataDir.resolve(PID_FILE), ProcessHandle.current().pid() + "\n", StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run files in " + dataDir, e);
    }
  }

  private void removeRunFiles() throws IOException {
    Files.deleteIfExists(dataDir.resolve(PID_FILE));
    Files.deleteIfExists(dataDir.resolve(URL_FILE));
  }

  @Override
  public void close() {
    hooks.close();
  }
}

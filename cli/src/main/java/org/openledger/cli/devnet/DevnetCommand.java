package org.openledger.cli.devnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.Output;
import org.openledger.devnet.node.DevnetNode;
import org.openledger.devnet.rpc.server.CorsOrigins;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code openledger devnet start|stop|status}: the embedded single-node chain. */
@Command(
    name = "devnet",
    mixinStandardHelpOptions = true,
    description = {
      "Start, stop and inspect the embedded single-node devnet.",
      "",
      "The devnet is an Ethereum JSON-RPC node (chain id 1337) running the OpenLedger native contracts,",
      "with OPEN as its gas token, blocks in RocksDB, and development accounts funded at genesis from",
      "the public test mnemonic (development only). See docs/devnet.md."
    },
    subcommands = {DevnetCommand.Start.class, DevnetCommand.Stop.class, DevnetCommand.Status.class})
public final class DevnetCommand {
  static final Path DEFAULT_DATA_DIR = Path.of(System.getProperty("user.home"), ".openledger", "devnet");

  static final class DataDir {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:OPENLEDGER_DEVNET_DIR}",
        description = "Where the chain is kept (env OPENLEDGER_DEVNET_DIR; default ~/.openledger/devnet).")
    Path dir;

    Path path() {
      return dir != null ? dir : DEFAULT_DATA_DIR;
    }
  }

  @Command(name = "start", mixinStandardHelpOptions = true, description = {
      "Start the devnet in the background (or in the foreground with --foreground).",
      "",
      "A data directory that already holds a chain is resumed from its last committed block."})
  static final class Start implements Callable<Integer> {
    @picocli.CommandLine.Mixin DataDir data = new DataDir();
    @Option(names = "--port", defaultValue = "8545", description = "JSON-RPC port (default ${DEFAULT-VALUE}; 0: any free port).") int port;
    @Option(names = "--metrics-port", defaultValue = "9545", description = "Prometheus /metrics port (default ${DEFAULT-VALUE}; -1: off).") int metricsPort;
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}; the devnet has no authentication: keep it local).") String host;
    @Option(names = "--genesis", description = "Genesis JSON file (default: the built-in devnet genesis; see docs/devnet.md).") Path genesis;
    @Option(names = "--block-time", defaultValue = "1", description = "Seconds between blocks (default ${DEFAULT-VALUE}; 0: only on demand).") double blockTime;
    @Option(names = "--automine", description = "Also seal a block as soon as a transaction is pending.") boolean automine;
    @Option(names = "--cors", split = ",", description = "Origins allowed to call the RPC from a browser, comma-separated ('*' for any).") List<String> cors;
    @Option(names = "--foreground", description = "Run in this process until Ctrl-C or SIGTERM.") boolean foreground;

    @Override
    public Integer call() throws Exception {
      Path dir = data.path();
      Optional<ProcessHandle> running = running(dir);
      if (running.isPresent()) {
        throw new UserError("a devnet is already running on " + dir + " (pid " + running.get().pid() + ", " + url(dir).orElse("?")
            + "): stop it with 'openledger devnet stop'");
      }
      if (genesis != null && !Files.isReadable(genesis)) throw new UserError("genesis file " + genesis + " does not exist or is not readable");
      return foreground ? runHere(dir) : spawn(dir);
    }

    private DevnetNode.Config config(Path dir) {
      CorsOrigins origins = cors == null || cors.isEmpty() ? CorsOrigins.NONE : CorsOrigins.of(cors.toArray(String[]::new));
      DevnetNode.Config c = DevnetNode.Config.defaults(dir).withPorts(port, metricsPort)
          .withProduction(Duration.ofMillis(Math.round(blockTime * 1000)), automine).withCors(origins);
      c = new DevnetNode.Config(c.dataDir(), genesis, host, c.rpcPort(), c.metricsPort(), c.blockTime(), c.automine(), c.cors(), c.limits());
      return c;
    }

    private int runHere(Path dir) throws IOException, InterruptedException {
      DevnetNode node;
      try {
        node = DevnetNode.start(config(dir)).closeOnSigterm();
      } catch (java.net.BindException e) {
        throw new UserError("port " + port + " is in use: stop what holds it or choose another with --port");
      }
      System.out.println("devnet running: " + node.rpcUrl() + " (chain id " + node.devnet().chain().chainId() + "), data in " + dir
          + (node.metricsPort() >= 0 ? ", metrics on :" + node.metricsPort() : "") + "; Ctrl-C stops it");
      new CountDownLatch(1).await(); // SIGTERM / Ctrl-C run the shutdown hooks, which close the node
      return 0;
    }

    private int spawn(Path dir) throws IOException, InterruptedException {
      Files.createDirectories(dir);
      Path log = dir.resolve("node.log");
      List<String> cmd = new ArrayList<>();
      cmd.add(ProcessHandle.current().info().command().orElse("java"));
      cmd.add("--enable-native-access=ALL-UNNAMED");
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add("org.openledger.cli.OpenLedger");
      cmd.addAll(List.of("devnet", "start", "--foreground", "--data-dir", dir.toString(), "--port", String.valueOf(port), "--metrics-port",
          String.valueOf(metricsPort), "--host", host, "--block-time", String.valueOf(blockTime)));
      if (automine) cmd.add("--automine");
      if (genesis != null) cmd.addAll(List.of("--genesis", genesis.toAbsolutePath().toString()));
      if (cors != null && !cors.isEmpty()) cmd.addAll(List.of("--cors", String.join(",", cors)));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      System.err.print("starting the devnet ");
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) {
          System.err.println();
          throw new UserError("the devnet exited with code " + p.exitValue() + " while starting; its log " + log + " ends with:\n" + tail(log, 15));
        }
        Optional<String> url = url(dir);
        if (url.isPresent() && running(dir).isPresent() && answers(url.get())) {
          System.err.println();
          new Output("pid", "rpc", "dataDir", "log").row(p.pid(), url.get(), dir, log).print(System.out, false);
          return 0;
        }
        System.err.print(".");
        Thread.sleep(250);
      }
      p.destroy();
      throw new UserError("the devnet did not answer within 60 s; see " + log);
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the background devnet (SIGTERM: it finishes the block it is sealing and closes the database).")
  static final class Stop implements Callable<Integer> {
    @picocli.CommandLine.Mixin DataDir data = new DataDir();

    @Override
    public Integer call() throws Exception {
      Path dir = data.path();
      ProcessHandle p = running(dir).orElseThrow(() -> new UserError("no devnet is running on " + dir));
      p.destroy();
      try {
        p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new UserError("the devnet (pid " + p.pid() + ") did not stop within 30 s; see " + dir.resolve("node.log"));
      }
      System.out.println("devnet stopped (pid " + p.pid() + "); its chain stays in " + dir);
      return 0;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Show whether the devnet runs, its RPC URL, chain id and head block.")
  static final class Status implements Callable<Integer> {
    @picocli.CommandLine.Mixin DataDir data = new DataDir();
    @Option(names = "--json", description = "Print JSON.") boolean json;

    @Override
    public Integer call() {
      Path dir = data.path();
      Optional<ProcessHandle> p = running(dir);
      Output out = new Output("state", "pid", "rpc", "chainId", "head", "dataDir");
      if (p.isEmpty()) {
        out.row("stopped", "-", "-", "-", "-", dir).print(System.out, json);
        return 3;
      }
      String url = url(dir).orElse("?");
      Web3j web3j = Web3j.build(new HttpService(url));
      try {
        out.row("running", p.get().pid(), url, web3j.ethChainId().send().getChainId(), web3j.ethBlockNumber().send().getBlockNumber(), dir)
            .print(System.out, json);
      } catch (IOException e) {
        out.row("not answering", p.get().pid(), url, "-", "-", dir).print(System.out, json);
        return 1;
      } finally {
        web3j.shutdown();
      }
      return 0;
    }
  }

  /** The live node process recorded in {@code dir}, if any (a stale pid file from a crash is ignored). */
  static Optional<ProcessHandle> running(Path dir) {
    try {
      Path pid = dir.resolve(DevnetNode.PID_FILE);
      if (!Files.exists(pid)) return Optional.empty();
      return ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).filter(ProcessHandle::isAlive);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  static Optional<String> url(Path dir) {
    try {
      Path f = dir.resolve(DevnetNode.URL_FILE);
      return Files.exists(f) ? Optional.of(Files.readString(f).strip()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean answers(String url) {
    Web3j web3j = Web3j.build(new HttpService(url));
    try {
      return web3j.ethChainId().send().getChainId() != null;
    } catch (IOException | RuntimeException e) {
      return false;
    } finally {
      web3j.shutdown();
    }
  }

  private static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}

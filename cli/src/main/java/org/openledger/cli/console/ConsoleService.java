package org.openledger.cli.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.openledger.cli.chain.Connection;
import org.openledger.cli.devnet.DevelopmentKeys;
import org.openledger.console.server.ConsoleServer;
import org.openledger.devnet.node.DevnetNode;
import org.web3j.crypto.Credentials;

/**
 * A running console: optionally a fresh devnet with its workers, the connection to the node, and
 * the HTTP server with the API's routes. What {@code openledger console} starts, and what the
 * console's tests start.
 */
public final class ConsoleService implements AutoCloseable {
  /** The development accounts' names and what they do on a console-started devnet (keys of the public test mnemonic). */
  static final List<String[]> DEV_USERS = List.of(
      new String[] {"alice", "Datanet owner and curator; proposer and voter"},
      new String[] {"bob", "contributor and voter"},
      new String[] {"carol", "contributor, voter and inference user"},
      new String[] {"dave", "model owner and its inference host"},
      new String[] {"erin", "the console's ModelFactory trainer and prover"},
      new String[] {"frank", "contributor"},
      new String[] {"grace", "contributor"},
      new String[] {"heidi", "contributor"});
  static final int WORKER = 4;

  private final Path dir;
  private final DevnetNode devnet;
  private final Connection node;
  private final ConsoleServer server;
  private final DevnetWorkers workers;

  private ConsoleService(Path dir, DevnetNode devnet, Connection node, ConsoleServer server, DevnetWorkers workers) {
    this.dir = dir;
    this.devnet = devnet;
    this.node = node;
    this.server = server;
    this.workers = workers;
  }

  /**
   * Starts a fresh devnet (block every {@code blockTime}, and one per transaction) with the named
   * development accounts as signers and, with {@code workers}, the trainer, host and prover.
   */
  public static ConsoleService devnet(String host, int port, Duration blockTime, boolean workers) throws IOException {
    Path dir = Files.createTempDirectory("openledger-console");
    DevnetNode.Config ephemeral = DevnetNode.Config.ephemeral(dir);
    DevnetNode devnet = DevnetNode.start(new DevnetNode.Config(dir, null, "127.0.0.1", 0, -1, blockTime, true, ephemeral.cors(), ephemeral.limits()));
    try {
      Connection node = Connection.open(devnet.rpcUrl());
      List<Signers.Signer> all = new ArrayList<>();
      for (int i = 0; i < DEV_USERS.size(); i++) all.add(new Signers.Signer(DEV_USERS.get(i)[0], DEV_USERS.get(i)[1], DevelopmentKeys.account(i)));
      Signers signers = new Signers(all);
      JobProgress progress = new JobProgress();
      DevnetWorkers w = workers ? new DevnetWorkers(node, signers, all.get(WORKER), progress, Files.createDirectories(dir.resolve("prover"))) : null;
      ConsoleServer server = serve(node, signers, true, progress, host, port);
      return new ConsoleService(dir, devnet, node, server, w);
    } catch (IOException | RuntimeException e) {
      devnet.close();
      throw e;
    }
  }

  /** Serves a running node; signs with {@code key} when given, else only prepares transactions for a browser wallet. */
  public static ConsoleService node(String rpcUrl, Credentials key, String host, int port) throws IOException {
    Connection node = Connection.open(rpcUrl);
    Signers signers = new Signers(key == null ? List.of() : List.of(new Signers.Signer("you", "the key this console was started with", key)));
    return new ConsoleService(null, null, node, serve(node, signers, false, new JobProgress(), host, port), null);
  }

  private static ConsoleServer serve(Connection node, Signers signers, boolean devnet, JobProgress progress, String host, int port) throws IOException {
    ConsoleServer server = new ConsoleServer(() -> {
      try {
        return node.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, ConsoleApi::error);
    new ConsoleApi(node, signers, devnet, progress).routes(server);
    return server.start(host, port);
  }

  public String url() {
    return server.url();
  }

  /** The node's JSON-RPC URL. */
  public String rpcUrl() {
    return node.url();
  }

  public Connection node() {
    return node;
  }

  @Override
  public void close() {
    server.close();
    if (workers != null) workers.close();
    node.close();
    if (devnet != null) devnet.close();
    if (dir != null) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // a temporary directory
      }
    }
  }
}

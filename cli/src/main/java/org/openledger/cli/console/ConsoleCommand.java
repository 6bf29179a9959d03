package org.openledger.cli.console;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.KeyOptions;
import org.openledger.cli.chain.RpcOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code openledger console}: the web console. */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the web console: Datanets, ModelFactory jobs, models, proposals and votes, contributors' payouts, provers.",
      "",
      "Open the printed URL in a browser. Pages update as new blocks arrive. With --devnet it starts a fresh devnet "
          + "in a temporary directory, signs as its eight named development accounts (the page lets you pick one; keys "
          + "of the public test mnemonic: DEVELOPMENT ONLY) and runs a ModelFactory trainer, each model's host and a "
          + "prover, so a launched job trains and an inference gets proven and settled. Without --devnet it serves the "
          + "node at --rpc-url and signs with --keystore / OPENLEDGER_PRIVATE_KEY; with no key, writes go to a browser "
          + "wallet (window.ethereum) when the page finds one.",
      "Every transaction is dry-run first: a refused one shows the contract's custom error in words and nothing is sent."
    })
public final class ConsoleCommand implements Callable<Integer> {
  @Mixin RpcOptions rpc;
  @Mixin KeyOptions keys;

  @Option(names = "--port", defaultValue = "8547", description = "Port to serve the console on (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to listen on (default ${DEFAULT-VALUE}: this machine only).")
  String host;

  @Option(names = "--devnet", description = "Start a fresh devnet with a trainer, hosts and a prover instead of using --rpc-url.")
  boolean devnet;

  @Option(names = "--block-time", defaultValue = "2", paramLabel = "SECONDS", description = "With --devnet: seconds between blocks (default ${DEFAULT-VALUE}); transactions are also sealed at once.")
  long blockTime;

  @Override
  public Integer call() throws Exception {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    if (port < 0 || port > 65_535) throw new UserError("--port must be between 0 and 65535, got " + port);
    ConsoleService console;
    try {
      console = devnet ? ConsoleService.devnet(host, port, Duration.ofSeconds(blockTime), true)
          : ConsoleService.node(rpc.url(), keys.addressOrNull() == null ? null : keys.credentials(), host, port);
    } catch (java.net.BindException e) {
      throw new UserError("port " + port + " on " + host + " is taken: pass another with --port (0 picks a free one)");
    }
    try (console) {
      System.out.println("OpenLedger console at " + console.url() + " (node " + console.rpcUrl() + "); Ctrl-C stops it");
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      stop.await();
    }
    return 0;
  }
}

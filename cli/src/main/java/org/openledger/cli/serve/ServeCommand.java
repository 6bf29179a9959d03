package org.openledger.cli.serve;

import java.io.IOException;
import java.math.BigInteger;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.KeyOptions;
import org.openledger.cli.chain.RpcOptions;
import org.openledger.cli.chain.Session;
import org.openledger.compute.ComputeBackends;
import org.openledger.telemetry.MetricsServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code openledger serve}: one process serving a base model and its on-chain LoRA adapters (OpenLoRA). */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve a deployed base model and every deployed LoRA adapter of it (OpenLoRA) over HTTP, and host their on-chain requests.",
      "",
      "An adapter is a model proposed on a base model (openledger model propose --base MODEL); each adapter version's weights",
      "are in the content store under its weights root. Adapters are fetched on first use, checked against that root, and kept",
      "in memory up to --adapter-memory (least recently used out). Requests for any mix of adapters are batched: the base",
      "model's matrix products run once per batch, each adapter adds only its rank-r update.",
      "",
      "  openledger serve --base-model 1 --port 8090                 # with OPENLEDGER_PRIVATE_KEY: the adapters' host key",
      "  curl -d '{\"model\": 2, \"pixels\": \"0x…\"}' http://127.0.0.1:8090/v1/infer",
      "  openledger serve bench                                      # throughput: 1,000 adapters vs the base alone",
      "",
      "As host (default; --no-host for HTTP only) it answers Inference requests whose version names this key as host: it",
      "fetches the input, runs it and posts the result, so the fee is split on settlement between the adapter's owner and",
      "the base model's owner (docs/economics.md). Prometheus metrics at http://HOST:PORT/metrics; logs are key=value lines",
      "on stderr. Method, limits and numbers: docs/openlora.md."
    },
    subcommands = {ServeBenchCommand.class})
public final class ServeCommand implements Callable<Integer> {
  @Mixin RpcOptions rpc;
  @Mixin KeyOptions keys;

  // checked in call(), not by picocli: a required option here would also be demanded of `serve bench`
  @Option(names = "--base-model", paramLabel = "ID", description = "The deployed base model whose adapters to serve (required).")
  BigInteger baseModel;

  @Option(names = "--bind", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Address the HTTP API listens on (default ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8090", description = "HTTP API port (default ${DEFAULT-VALUE}; 0: any free port).")
  int port;

  @Option(names = "--adapter-memory", paramLabel = "SIZE", defaultValue = "256MiB", converter = MemorySize.class,
      description = "Memory for adapter weights, e.g. 256MiB, 2GiB (default ${DEFAULT-VALUE}); a rank-8 adapter of a 4M-parameter MLP takes ~250 KiB.")
  long adapterMemory;

  @Option(names = "--max-batch", paramLabel = "N", defaultValue = "32", description = "Most requests in one batched forward pass (default ${DEFAULT-VALUE}).")
  int maxBatch;

  @Option(names = "--batch-window", paramLabel = "MS", defaultValue = "5",
      description = "How long the first request of a batch waits for others, in milliseconds (default ${DEFAULT-VALUE}).")
  double batchWindowMs;

  @Option(names = "--host", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Answer on-chain Inference requests for adapters hosted by this key (default on; --no-host: HTTP only, no key needed).")
  boolean host;

  @Option(names = "--poll", paramLabel = "SECONDS", defaultValue = "2", description = "Seconds between scans for on-chain requests (default ${DEFAULT-VALUE}).")
  double poll;

  @Option(names = "--from-block", paramLabel = "N", defaultValue = "0", description = "First block to scan for requests (default ${DEFAULT-VALUE}).")
  long fromBlock;

  @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9547", description = "Prometheus /metrics port (default ${DEFAULT-VALUE}; -1: off).")
  int metricsPort;

  @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Address the metrics endpoint listens on (default ${DEFAULT-VALUE}).")
  String metricsHost;

  @Override
  public Integer call() throws Exception {
    Logger log = LoggerFactory.getLogger(ServeCommand.class);
    if (baseModel == null) throw new UserError("give --base-model ID: the deployed base model whose adapters to serve (openledger model list shows them)");
    if (maxBatch < 1) throw new UserError("--max-batch must be at least 1, got " + maxBatch);
    if (batchWindowMs < 0) throw new UserError("--batch-window must be 0 or more milliseconds, got " + batchWindowMs);
    if (poll <= 0) throw new UserError("--poll must be positive seconds, got " + poll);
    try (Session session = new Session(rpc, keys)) {
      String hostAddress = host ? session.sender() : null; // asks for the key now, not at the first request
      Server.Config config = new Server.Config(baseModel, bind, port, adapterMemory, maxBatch, (long) (batchWindowMs * 1e6), host, fromBlock);
      try (Server server = new Server(session, ComputeBackends.open(), config);
          MetricsServer metrics = metricsPort < 0 ? null : startMetrics(server.metrics)) {
        System.out.println("serving base model " + baseModel + " v" + server.registry.baseVersion() + " (" + server.registry.base().parameters()
            + " parameters) and its adapters at http://" + bind + ":" + server.port() + "/v1/infer"
            + (host ? "; hosting on-chain requests as " + hostAddress : "")
            + (metrics == null ? "" : "; metrics at http://" + metricsHost + ":" + metrics.port() + "/metrics"));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "serve-shutdown"));
        while (!stop.await((long) (poll * 1000), TimeUnit.MILLISECONDS)) {
          if (server.hostLoop == null) continue;
          try {
            server.hostLoop.tick();
          } catch (UserError e) {
            log.warn("event=tick_failed error=\"{}\" — retrying next tick", e.getMessage());
          }
        }
        log.info("event=stopped");
        return 0;
      }
    }
  }

  private MetricsServer startMetrics(ServeMetrics metrics) {
    try {
      return MetricsServer.start(metricsHost, metricsPort, metrics.registry);
    } catch (IOException e) {
      throw new UserError("cannot serve metrics on " + metricsHost + ":" + metricsPort + ": " + e.getMessage()
          + " (choose another --metrics-port, or -1 to turn metrics off)");
    }
  }
}

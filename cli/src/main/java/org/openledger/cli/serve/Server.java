package org.openledger.cli.serve;

import java.io.IOException;
import java.math.BigInteger;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.ContentStore;
import org.openledger.cli.chain.RpcContentSource;
import org.openledger.cli.chain.Session;
import org.openledger.compute.ComputeBackend;
import org.openledger.prover.proof.ContentSource;

/**
 * One running OpenLoRA server: the registry (base + adapter cache), the micro-batcher on the
 * compute backend, the HTTP API and, when it hosts on-chain requests, the host loop (ticked by
 * the caller). Closing it stops everything it started.
 */
final class Server implements AutoCloseable {
  /** What the server runs with (see {@link ServeCommand}'s options). */
  record Config(BigInteger baseModelId, String bind, int port, long adapterMemory, int maxBatch, long batchWindowNanos, boolean host,
      long fromBlock) {}

  final ServeMetrics metrics = new ServeMetrics();
  final AdapterRegistry registry;
  final MicroBatcher batcher;
  final InferenceApi api;
  final HostLoop hostLoop;
  private final ComputeBackend backend;

  Server(Session session, ComputeBackend backend, Config c) {
    this.backend = backend;
    ContentSource content = new RpcContentSource(new ContentStore(session.node()));
    registry = new AdapterRegistry(session, content, c.baseModelId(), c.adapterMemory(), metrics);
    metrics.registry.gauge("openledger_serve_adapters_in_memory", "Adapters in memory now.", () -> registry.cache().size());
    metrics.registry.gauge("openledger_serve_adapter_bytes_in_memory", "Bytes of adapter values in memory now.", () -> registry.cache().bytes());
    batcher = new MicroBatcher(backend, registry.base(), c.maxBatch(), c.batchWindowNanos(), metrics);
    try {
      api = new InferenceApi(c.bind(), c.port(), registry, batcher, metrics);
    } catch (IOException e) {
      batcher.close();
      throw new UserError("cannot serve HTTP on " + c.bind() + ":" + c.port() + ": " + e.getMessage() + " (choose another --port)");
    }
    hostLoop = c.host() ? new HostLoop(session, registry, batcher, content, metrics, c.fromBlock()) : null;
  }

  int port() {
    return api.port();
  }

  @Override
  public void close() {
    api.close();
    batcher.close();
    backend.close();
  }
}

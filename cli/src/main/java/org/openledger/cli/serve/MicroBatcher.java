package org.openledger.cli.serve;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openledger.compute.ComputeBackend;
import org.openledger.prover.lora.BaseMlp;
import org.openledger.prover.lora.BatchedLora;
import org.openledger.prover.lora.LoraAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects requests for any mix of adapters into one batch — up to {@code maxBatch} requests, or
 * whatever arrived within {@code window} of the first — and runs them through one
 * {@link BatchedLora#forward} on one thread (a compute backend is single-threaded). The window
 * trades a little latency for throughput: the base GEMM of a batch of 32 costs far less than 32
 * single-row passes.
 */
final class MicroBatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MicroBatcher.class);

  /** One request's output and the size of the batch it ran in. */
  record Output(float[] logits, int batchSize) {}

  private record Pending(LoraAdapter adapter, float[] input, long arrived, CompletableFuture<Output> result) {}

  private final ComputeBackend backend;
  private final BaseMlp base;
  private final int maxBatch;
  private final long windowNanos;
  private final ServeMetrics metrics;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread worker;
  private volatile boolean closed;

  MicroBatcher(ComputeBackend backend, BaseMlp base, int maxBatch, long windowNanos, ServeMetrics metrics) {
    if (maxBatch < 1) throw new IllegalArgumentException("a batch holds at least one request, got " + maxBatch);
    this.backend = backend;
    this.base = base;
    this.maxBatch = maxBatch;
    this.windowNanos = windowNanos;
    this.metrics = metrics;
    this.worker = new Thread(this::run, "openlora-batcher");
    worker.setDaemon(true);
    worker.start();
  }

  /** Queues one request; the future completes with its logits (or the failure of its batch). */
  CompletableFuture<Output> submit(LoraAdapter adapter, float[] input) {
    if (input.length != base.inputs()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "the input has " + input.length + " values, the base model takes " + base.inputs()));
    }
    CompletableFuture<Output> f = new CompletableFuture<>();
    if (closed) {
      f.completeExceptionally(new IllegalStateException("the server is stopping"));
      return f;
    }
    queue.add(new Pending(adapter, input, System.nanoTime(), f));
    return f;
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(maxBatch);
    while (!closed) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        batch.add(first);
        long deadline = System.nanoTime() + windowNanos;
        while (batch.size() < maxBatch) {
          long left = deadline - System.nanoTime();
          Pending next = left <= 0 ? queue.poll() : queue.poll(left, TimeUnit.NANOSECONDS);
          if (next == null) break;
          batch.add(next);
        }
        forward(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        batch.clear();
      }
    }
    for (Pending p; (p = queue.poll()) != null; ) p.result().completeExceptionally(new IllegalStateException("the server is stopping"));
  }

  private void forward(List<Pending> batch) {
    List<BatchedLora.Request> requests = new ArrayList<>(batch.size());
    IdentityHashMap<LoraAdapter, Boolean> distinct = new IdentityHashMap<>();
    for (Pending p : batch) {
      requests.add(new BatchedLora.Request(p.adapter(), p.input()));
      if (p.adapter() != null) distinct.put(p.adapter(), Boolean.TRUE);
    }
    try {
      float[][] logits = BatchedLora.forward(backend, base, requests);
      metrics.batchSize.observe(batch.size());
      metrics.segments.observe(distinct.size());
      long now = System.nanoTime();
      for (int i = 0; i < batch.size(); i++) {
        metrics.latency.observe((now - batch.get(i).arrived()) / 1e9);
        batch.get(i).result().complete(new Output(logits[i], batch.size()));
      }
    } catch (RuntimeException e) {
      LOG.warn("event=batch_failed size={} error=\"{}\"", batch.size(), e.toString());
      for (Pending p : batch) p.result().completeExceptionally(e);
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      worker.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

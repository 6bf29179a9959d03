package org.openledger.cli.serve;

import org.openledger.telemetry.Counter;
import org.openledger.telemetry.Gauge;
import org.openledger.telemetry.Histogram;
import org.openledger.telemetry.MetricsRegistry;

/** What an OpenLoRA server's operator watches (served at /metrics by {@code openledger serve --metrics-port}). */
public final class ServeMetrics {
  static final double[] BATCH_SIZES = {1, 2, 4, 8, 16, 32, 64, 128, 256};

  final MetricsRegistry registry = new MetricsRegistry();
  final Counter requests = registry.counter("openledger_serve_requests_total",
      "Inferences served, by source (http, chain) and outcome (ok, refused, failed).", "source", "outcome");
  final Counter loads = registry.counter("openledger_serve_adapter_loads_total", "Adapters fetched from the content store, checked and loaded.");
  final Counter evictions = registry.counter("openledger_serve_adapter_evictions_total", "Adapters evicted to stay within --adapter-memory.");
  final Counter hits = registry.counter("openledger_serve_adapter_hits_total", "Requests whose adapter was already in memory.");
  final Histogram batchSize = registry.histogram("openledger_serve_batch_size", "Requests per batched forward pass.", BATCH_SIZES);
  final Histogram segments = registry.histogram("openledger_serve_batch_adapters", "Distinct adapters per batched forward pass.", BATCH_SIZES);
  final Histogram latency = registry.histogram("openledger_serve_latency_seconds",
      "Time from a request's arrival to its output (queueing, batching, forward pass).", Histogram.LATENCY_SECONDS);
  final Histogram loadSeconds = registry.histogram("openledger_serve_adapter_load_seconds",
      "Time to fetch, hash-check and decode one adapter.", Histogram.LATENCY_SECONDS);
  final Counter results = registry.counter("openledger_serve_results_total",
      "On-chain requests answered with Inference.submitResult, by outcome (posted, unavailable_input, failed).", "outcome");
  final Gauge scannedBlock = registry.gauge("openledger_serve_scanned_block", "The last block scanned for inference requests.");
}

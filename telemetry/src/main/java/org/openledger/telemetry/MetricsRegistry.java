package org.openledger.telemetry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The node's metrics, rendered in the Prometheus text format 0.0.4 by {@link #scrape()}. One
 * registry per node: the RPC server registers its metrics here, and the chain registers its own
 * (blocks, head number, transactions, pending pool size) with the same calls.
 *
 * <pre>{@code
 * Counter blocks = registry.counter("openledger_chain_blocks_total", "Blocks committed");
 * registry.gauge("openledger_chain_head_number", "Number of the head block", chain::headNumber);
 * }</pre>
 */
public final class MetricsRegistry {
  private final Map<String, Metric<?>> metrics = new LinkedHashMap<>();

  public Counter counter(String name, String help, String... labelNames) {
    return register(new Counter(name, help, labelNames));
  }

  /** A gauge its owner sets. */
  public Gauge gauge(String name, String help, String... labelNames) {
    return register(new Gauge(name, help, null, labelNames));
  }

  /** A gauge read from {@code supplier} at each scrape (called on the scraping thread). */
  public Gauge gauge(String name, String help, DoubleSupplier supplier) {
    if (supplier == null) {
      throw new IllegalArgumentException("supplier of gauge " + name + " is null");
    }
    return register(new Gauge(name, help, supplier));
  }

  public Histogram histogram(String name, String help, double[] upperBounds, String... labelNames) {
    return register(new Histogram(name, help, upperBounds, labelNames));
  }

  private synchronized <M extends Metric<?>> M register(M metric) {
    // Histograms own name_bucket/_sum/_count too; a clash there would corrupt the exposition.
    for (String taken : metrics.keySet()) {
      if (collides(taken, metrics.get(taken), metric.name())
          || collides(metric.name(), metric, taken)) {
        throw new IllegalArgumentException("metric " + metric.name() + " is already registered");
      }
    }
    metrics.put(metric.name(), metric);
    return metric;
  }

  private static boolean collides(String existing, Metric<?> owner, String candidate) {
    if (existing.equals(candidate)) {
      return true;
    }
    return owner instanceof Histogram
        && (candidate.equals(existing + "_bucket") || candidate.equals(existing + "_sum")
            || candidate.equals(existing + "_count"));
  }

  /** Every metric in registration order, in the text exposition format. */
  public String scrape() {
    StringBuilder out = new StringBuilder(4096);
    Metric<?>[] snapshot;
    synchronized (this) {
      snapshot = metrics.values().toArray(Metric<?>[]::new);
    }
    for (Metric<?> metric : snapshot) {
      metric.writeTo(out);
    }
    return out.toString();
  }

  /** The Content-Type a scrape is served with. */
  public static String contentType() {
    return TextFormat.CONTENT_TYPE;
  }
}

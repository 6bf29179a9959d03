package org.openledger.devnet.rpc.server;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.openledger.telemetry.Counter;
import org.openledger.telemetry.Gauge;
import org.openledger.telemetry.Histogram;
import org.openledger.telemetry.MetricsRegistry;

/**
 * The server's metrics. The {@code method} label only ever takes a registered method name,
 * {@value #UNKNOWN_METHOD} or {@value #NO_METHOD}: clients choose method names, and a label per
 * string they send would let them grow the registry without bound.
 */
final class RpcServerMetrics {
  static final String UNKNOWN_METHOD = "unknown";
  static final String NO_METHOD = "invalid_request";
  static final String OK = "ok";
  static final String ERROR = "error";
  static final String INTERNAL_ERROR = "internal_error";
  private static final double[] BATCH_SIZES = {1, 2, 5, 10, 25, 50, 100, 250, 500, 1000};

  /** The per-method children, resolved once so that a request does no label lookups. */
  record PerMethod(Counter.Child ok, Counter.Child error, Counter.Child internalError,
      Histogram.Child latency) {}

  private final Map<String, PerMethod> perMethod = new HashMap<>();
  private final PerMethod unknown;
  private final PerMethod invalid;
  private final Counter errors;
  final Gauge.Child inFlight;
  final Histogram.Child batchSize;
  final Counter.Child bytesIn;
  final Counter.Child bytesOut;
  private final Counter httpResponses;

  RpcServerMetrics(MetricsRegistry registry, Set<String> methods) {
    Counter requests = registry.counter("openledger_rpc_requests_total",
        "JSON-RPC requests (batch elements count one each) by method and outcome",
        "method", "outcome");
    Histogram latency = registry.histogram("openledger_rpc_request_duration_seconds",
        "Time spent in the method, by method", Histogram.LATENCY_SECONDS, "method");
    errors = registry.counter("openledger_rpc_errors_total",
        "JSON-RPC error responses by error code", "code");
    inFlight = registry.gauge("openledger_rpc_in_flight_requests",
        "HTTP requests being processed now").labels();
    batchSize = registry.histogram("openledger_rpc_batch_size",
        "Requests per batch (single requests are not batches)", BATCH_SIZES).labels();
    bytesIn = registry.counter("openledger_rpc_received_bytes_total",
        "Request body bytes read").labels();
    bytesOut = registry.counter("openledger_rpc_sent_bytes_total",
        "Response body bytes written").labels();
    httpResponses = registry.counter("openledger_rpc_http_responses_total",
        "HTTP responses by status code", "status");
    for (String method : methods) {
      perMethod.put(method, resolve(requests, latency, method));
    }
    unknown = resolve(requests, latency, UNKNOWN_METHOD);
    invalid = resolve(requests, latency, NO_METHOD);
  }

  private static PerMethod resolve(Counter requests, Histogram latency, String method) {
    return new PerMethod(requests.labels(method, OK), requests.labels(method, ERROR),
        requests.labels(method, INTERNAL_ERROR), latency.labels(method));
  }

  PerMethod method(String name) {
    PerMethod m = perMethod.get(name);
    return m != null ? m : unknown;
  }

  PerMethod invalidRequest() {
    return invalid;
  }

  void error(int code) {
    errors.labels(Integer.toString(code)).inc();
  }

  void httpStatus(int status) {
    httpResponses.labels(Integer.toString(status)).inc();
  }
}

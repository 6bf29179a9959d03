package org.openledger.devnet.rpc.server;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openledger.telemetry.MetricsRegistry;
import org.openledger.devnet.rpc.RpcException;
import org.openledger.devnet.rpc.RpcMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ethereum-style JSON-RPC 2.0 over HTTP ({@code POST /}, {@code application/json}) on the JDK's
 * built-in HTTP server, one virtual thread per request. Methods may block; a semaphore bounds how
 * many run at once. WebSocket subscriptions are not offered (the JDK server has none): clients
 * poll, as web3j and ethers do over HTTP.
 *
 * <pre>{@code
 * try (JsonRpcServer server = JsonRpcServer.builder(methods).bind("127.0.0.1", 8545)
 *     .metrics(registry).build()) {
 *   server.start();
 *   ...
 * }
 * }</pre>
 */
public final class JsonRpcServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JsonRpcServer.class);
  /** How long {@link #close()} lets in-flight requests finish. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
  private static final String JSON = "application/json";

  private final HttpServer http;
  private final ExecutorService executor;
  private final JsonRpcProcessor processor;
  private final RpcLimits limits;
  private final CorsOrigins cors;
  private final RpcServerMetrics metrics;
  private final Semaphore permits;
  private final String host;
  private final int methodCount;
  /** Handlers running now: what {@link #close} waits for. */
  private final AtomicInteger active = new AtomicInteger();
  private volatile boolean started;
  private volatile boolean closed;

  private JsonRpcServer(Builder b) throws IOException {
    this.limits = b.limits;
    this.cors = b.cors;
    this.host = b.host;
    this.methodCount = b.methods.size();
    this.metrics = new RpcServerMetrics(b.registry, b.methods.keySet());
    this.processor = new JsonRpcProcessor(mapper(), b.methods, limits.maxBatchLength(), metrics);
    this.permits = new Semaphore(limits.maxConcurrentRequests());
    this.http = HttpServer.create(new InetSocketAddress(b.host, b.port), 0);
    this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("rpc-", 0).factory());
    http.setExecutor(executor);
    http.createContext("/", this::handle);
  }

  /** One mapper for the server's life: building one costs far more than a request. */
  private static ObjectMapper mapper() {
    return JsonMapper.builder()
        // "1 2" or "{} x" is not one JSON value: reject it instead of reading the first one
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        // ids are echoed as sent: keep 1.10 and 2^70 exact instead of rounding through double
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
  }

  public static Builder builder(Map<String, RpcMethod> methods) {
    return new Builder(methods);
  }

  /** Starts serving; the port is bound already (see {@link #port()}). */
  public void start() {
    if (closed) {
      throw new IllegalStateException("the JSON-RPC server is closed");
    }
    http.start();
    started = true;
    log.info("JSON-RPC server started address={} port={} path=/ methods={} maxBodyBytes={} "
            + "maxBatchLength={} maxConcurrentRequests={} corsOrigins={}",
        host, port(), methodCount, limits.maxBodyBytes(), limits.maxBatchLength(),
        limits.maxConcurrentRequests(), cors.origins().isEmpty() ? "none" : cors.origins());
  }

  /** The bound port: the ephemeral one when the server was built with port 0. */
  public int port() {
    return http.getAddress().getPort();
  }

  /** Stops accepting connections and waits up to {@link #DEFAULT_CLOSE_TIMEOUT} for in-flight requests. */
  @Override
  public void close() {
    close(DEFAULT_CLOSE_TIMEOUT);
  }

  /**
   * Stops accepting connections, lets requests being processed finish for up to {@code timeout}
   * (rounded up to whole seconds, the JDK server's unit), then closes every connection.
   */
  public synchronized void close(Duration timeout) {
    if (closed) {
      return;
    }
    closed = true;
    long seconds = Math.max(0, (timeout.toMillis() + 999) / 1000);
    log.info("JSON-RPC server stopping port={} inFlight={} timeoutSeconds={}", port(), active.get(),
        seconds);
    if (started) {
      // HttpServer.stop(delay) closes the listener at once, but then waits out the whole delay if
      // a connection was reading a request when it began, even after every exchange has ended. So
      // the wait is ours: until our handlers are done, then stop(0) ends the JDK's wait.
      Thread stopper = Thread.ofPlatform().name("rpc-stop").start(
          () -> http.stop((int) Math.min(seconds, Integer.MAX_VALUE)));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      try {
        while (active.get() > 0 && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        if (active.get() > 0) {
          log.warn("JSON-RPC server closing with requests still running inFlight={}", active.get());
        }
        http.stop(0);
        stopper.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        http.stop(0);
      }
    } else {
      http.stop(0);
    }
    executor.shutdownNow();
    log.info("JSON-RPC server stopped port={}", port());
  }

  private void handle(HttpExchange exchange) throws IOException {
    active.incrementAndGet();
    metrics.inFlight.inc();
    try (exchange) {
      serve(exchange);
    } catch (IOException | UncheckedIOException e) {
      // the client went away mid-request: nothing to answer
      log.debug("rpc connection error remote={} error={}", exchange.getRemoteAddress(), e.toString());
    } finally {
      metrics.inFlight.dec();
      active.decrementAndGet();
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    Headers headers = exchange.getRequestHeaders();
    if (!exchange.getRequestURI().getPath().equals("/")) {
      sendText(exchange, 404, "not found: JSON-RPC is served at /");
      return;
    }
    String origin = headers.getFirst("Origin");
    if (origin != null) {
      if (!cors.allows(origin)) {
        sendText(exchange, 403, "origin " + origin + " is not allowed (CORS)");
        return;
      }
      exchange.getResponseHeaders().set("Access-Control-Allow-Origin", cors.allowOriginHeader(origin));
      exchange.getResponseHeaders().set("Vary", "Origin");
    }
    String method = exchange.getRequestMethod();
    if (method.equals("OPTIONS") && origin != null) {
      preflight(exchange);
      return;
    }
    if (!method.equals("POST")) {
      exchange.getResponseHeaders().set("Allow", "POST, OPTIONS");
      sendText(exchange, 405, "method not allowed: JSON-RPC takes POST");
      return;
    }
    if (!isJson(headers.getFirst("Content-Type"))) {
      sendText(exchange, 415, "unsupported content type: JSON-RPC takes " + JSON);
      return;
    }
    if (!permits.tryAcquire()) {
      sendError(exchange, 429, "too many concurrent requests (limit "
          + limits.maxConcurrentRequests() + "); retry later");
      return;
    }
    try {
      byte[] body = readBody(exchange);
      if (body == null) {
        sendError(exchange, 413, "request body exceeds the limit of " + limits.maxBodyBytes()
            + " bytes");
        return;
      }
      metrics.bytesIn.inc(body.length);
      byte[] response;
      try {
        response = processor.process(body);
      } catch (RuntimeException e) {
        String ref = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        log.error("rpc internal error ref={} while writing the response", ref, e);
        response = processor.write(JsonRpcProcessor.errorObject(NullNode.instance,
            RpcException.INTERNAL_ERROR, "internal error (ref " + ref + ")", null));
      }
      if (response == null) {
        metrics.httpStatus(204);
        exchange.sendResponseHeaders(204, -1);
        return;
      }
      send(exchange, 200, JSON, response);
    } finally {
      permits.release();
    }
  }

  /**
   * The body, or null when it is over the limit. A declared length up to twice the limit is read
   * and discarded, so a client still sending it reads the 413 instead of a reset connection; a
   * larger one is refused before reading a byte, and a chunked body is read only up to the limit
   * plus one byte. The JDK server then drains a little and closes the connection.
   */
  private byte[] readBody(HttpExchange exchange) throws IOException {
    int max = limits.maxBodyBytes();
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    InputStream in = exchange.getRequestBody();
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        length = Long.MAX_VALUE; // the JDK server rejects it before us; never trust it
      }
      if (length < 0 || length > max) {
        if (length > max && length <= 2L * max) {
          discard(in, length);
        }
        return null;
      }
      return in.readNBytes((int) length);
    }
    byte[] body = in.readNBytes(max + 1);
    return body.length > max ? null : body;
  }

  private static void discard(InputStream in, long length) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    for (long left = length; left > 0; ) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (read < 0) {
        return;
      }
      left -= read;
    }
  }

  private void preflight(HttpExchange exchange) throws IOException {
    Headers out = exchange.getResponseHeaders();
    out.set("Access-Control-Allow-Methods", "POST, OPTIONS");
    String requested = exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers");
    out.set("Access-Control-Allow-Headers", requested != null ? requested : "content-type");
    out.set("Access-Control-Max-Age", "600");
    metrics.httpStatus(204);
    exchange.sendResponseHeaders(204, -1);
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    return mediaType.toLowerCase(Locale.ROOT).equals(JSON);
  }

  /** A transport-level refusal still carries a JSON-RPC error, so clients show its message. */
  private void sendError(HttpExchange exchange, int status, String message) throws IOException {
    metrics.error(RpcException.LIMIT_EXCEEDED);
    // the rest of an oversize body stays unread: the connection cannot be reused
    exchange.getResponseHeaders().set("Connection", "close");
    send(exchange, status, JSON, processor.write(JsonRpcProcessor.errorObject(NullNode.instance,
        RpcException.LIMIT_EXCEEDED, message, null)));
  }

  private void sendText(HttpExchange exchange, int status, String text) throws IOException {
    send(exchange, status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    // recorded first: once the last byte is out, the client may already be reading the metrics
    metrics.bytesOut.inc(body.length);
    metrics.httpStatus(status);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  public static final class Builder {
    private final Map<String, RpcMethod> methods;
    private String host = "127.0.0.1";
    private int port = 8545;
    private RpcLimits limits = RpcLimits.DEFAULT;
    private CorsOrigins cors = CorsOrigins.NONE;
    private MetricsRegistry registry = new MetricsRegistry();

    private Builder(Map<String, RpcMethod> methods) {
      this.methods = new LinkedHashMap<>(methods);
      this.methods.forEach((name, method) -> Objects.requireNonNull(method, name));
    }

    /** Address and port to listen on; port 0 picks a free one. Default 127.0.0.1:8545. */
    public Builder bind(String host, int port) {
      this.host = Objects.requireNonNull(host);
      this.port = port;
      return this;
    }

    public Builder limits(RpcLimits limits) {
      this.limits = Objects.requireNonNull(limits);
      return this;
    }

    public Builder cors(CorsOrigins cors) {
      this.cors = Objects.requireNonNull(cors);
      return this;
    }

    /** Where the server's metrics go; by default a private registry nobody scrapes. */
    public Builder metrics(MetricsRegistry registry) {
      this.registry = Objects.requireNonNull(registry);
      return this;
    }

    /** Binds the port; {@link JsonRpcServer#start()} then serves. */
    public JsonRpcServer build() throws IOException {
      return new JsonRpcServer(this);
    }
  }
}

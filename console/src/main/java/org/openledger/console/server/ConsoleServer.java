package org.openledger.console.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's HTTP server: static pages from the classpath, the JSON API routes the command
 * registers, and {@code /api/events}, a Server-Sent Events stream that announces every new head
 * block so open pages re-read what they show without a reload.
 *
 * <p>Every POST must carry an {@code Idempotency-Key} header: the action runs once per key
 * ({@link Submissions}), so a double-clicked or retried form never sends a transaction twice.
 * Amounts and ids travel as decimal strings (BigInteger is serialized as text: JavaScript numbers
 * cannot hold wei).
 */
public final class ConsoleServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
  private static final String STATIC = "org/openledger/console/static/";
  /** How often the head block is polled for the event stream. */
  static final long HEAD_POLL_MS = 500;

  /** A route's action. */
  @FunctionalInterface
  public interface Handler {
    Object handle(Request request);
  }

  private record Route(String method, String[] parts, Handler handler) {}

  private final ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .registerModule(new SimpleModule().addSerializer(BigInteger.class, ToStringSerializer.instance));
  private final List<Route> routes = new ArrayList<>();
  private final Submissions submissions = new Submissions();
  private final List<HttpExchange> listeners = new CopyOnWriteArrayList<>();
  private final Function<RuntimeException, ApiError> errors;
  private final LongSupplier head;
  private HttpServer http;
  private ExecutorService workers;
  private ScheduledExecutorService ticker;
  private volatile long lastHead = -1;

  /**
   * @param head the chain's head block number, polled for the event stream
   * @param errors turns a route's failure into what the user sees; null for "not ours" (a bug: 500)
   */
  public ConsoleServer(LongSupplier head, Function<RuntimeException, ApiError> errors) {
    this.head = head;
    this.errors = errors;
  }

  public ConsoleServer get(String pattern, Handler h) {
    routes.add(new Route("GET", split(pattern), h));
    return this;
  }

  public ConsoleServer post(String pattern, Handler h) {
    routes.add(new Route("POST", split(pattern), h));
    return this;
  }

  /** Starts listening on {@code host:port} (port 0: any free port). */
  public ConsoleServer start(String host, int port) throws IOException {
    http = HttpServer.create(new InetSocketAddress(host, port), 64);
    workers = Executors.newVirtualThreadPerTaskExecutor();
    http.setExecutor(workers);
    http.createContext("/", this::serve);
    http.start();
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "console-head");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleWithFixedDelay(this::announceHead, 0, HEAD_POLL_MS, TimeUnit.MILLISECONDS);
    return this;
  }

  public int port() {
    return http.getAddress().getPort();
  }

  public String url() {
    return "http://" + http.getAddress().getHostString() + ":" + port() + "/";
  }

  private void serve(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      if (path.equals("/api/events")) {
        events(ex);
        return;
      }
      if (path.startsWith("/api/")) {
        api(ex, path);
        return;
      }
      staticFile(ex, path);
    } catch (IOException e) {
      LOG.debug("client went away: {}", e.getMessage());
    }
  }

  private void api(HttpExchange ex, String path) throws IOException {
    String method = ex.getRequestMethod();
    String[] parts = split(path);
    for (Route r : routes) {
      Map<String, String> vars = match(r.parts(), parts);
      if (vars == null || !r.method().equals(method)) continue;
      Object result;
      try {
        Map<String, Object> body = method.equals("POST") ? readBody(ex) : Map.of();
        Request request = new Request(vars, query(ex.getRequestURI().getRawQuery()), body);
        if (method.equals("POST")) {
          String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
          if (key == null || key.isBlank()) throw ApiError.badInput("every POST needs an Idempotency-Key header (the page sends one per submit)");
          result = submissions.once(method + " " + path + " " + key, () -> r.handler().handle(request));
        } else {
          result = r.handler().handle(request);
        }
      } catch (ApiError e) {
        reply(ex, e.status(), Map.of("error", Map.of("code", e.code(), "message", e.getMessage())));
        return;
      } catch (RuntimeException e) {
        ApiError mapped = errors == null ? null : errors.apply(e);
        if (mapped == null) {
          LOG.warn("{} {} failed", method, path, e);
          reply(ex, 500, Map.of("error", Map.of("code", "internal", "message", String.valueOf(e.getMessage()))));
        } else {
          reply(ex, mapped.status(), Map.of("error", Map.of("code", mapped.code(), "message", mapped.getMessage())));
        }
        return;
      }
      reply(ex, 200, result == null ? Map.of() : result);
      return;
    }
    reply(ex, 404, Map.of("error", Map.of("code", "not_found", "message", "no API route " + method + " " + path)));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> readBody(HttpExchange ex) throws IOException {
    byte[] bytes = ex.getRequestBody().readAllBytes();
    if (bytes.length == 0) return Map.of();
    try {
      Object v = json.readValue(bytes, Object.class);
      if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
    } catch (IOException e) {
      throw ApiError.badInput("the request body is not JSON: " + e.getMessage());
    }
    throw ApiError.badInput("the request body must be a JSON object");
  }

  private void reply(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void staticFile(HttpExchange ex, String path) throws IOException {
    String name = path.equals("/") || !path.contains(".") ? "index.html" : path.substring(1);
    if (name.contains("..")) {
      ex.sendResponseHeaders(404, -1);
      return;
    }
    try (InputStream in = ConsoleServer.class.getClassLoader().getResourceAsStream(STATIC + name)) {
      if (in == null) {
        byte[] msg = ("no such page: " + path).getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(404, msg.length);
        ex.getResponseBody().write(msg);
        return;
      }
      byte[] bytes = in.readAllBytes();
      ex.getResponseHeaders().set("Content-Type", contentType(name));
      ex.sendResponseHeaders(200, bytes.length);
      ex.getResponseBody().write(bytes);
    }
  }

  static String contentType(String name) {
    if (name.endsWith(".html")) return "text/html; charset=utf-8";
    if (name.endsWith(".js")) return "text/javascript; charset=utf-8";
    if (name.endsWith(".css")) return "text/css; charset=utf-8";
    if (name.endsWith(".svg")) return "image/svg+xml";
    if (name.endsWith(".png")) return "image/png";
    return "application/octet-stream";
  }

  /** Holds the exchange open and writes {@code event: head} lines until the page goes away. */
  private void events(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "text/event-stream");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    if (lastHead >= 0) write(out, lastHead);
    listeners.add(ex);
    try {
      while (listeners.contains(ex)) Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      listeners.remove(ex);
    }
  }

  private void announceHead() {
    long now;
    try {
      now = head.getAsLong();
    } catch (RuntimeException e) {
      LOG.debug("head unavailable: {}", e.getMessage());
      return;
    }
    if (now == lastHead) return;
    lastHead = now;
    for (HttpExchange ex : listeners) {
      try {
        write(ex.getResponseBody(), now);
      } catch (IOException e) {
        listeners.remove(ex);
      }
    }
  }

  private static void write(OutputStream out, long block) throws IOException {
    out.write(("event: head\ndata: " + block + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static String[] split(String path) {
    return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
  }

  private static Map<String, String> match(String[] pattern, String[] path) {
    if (pattern.length != path.length) return null;
    Map<String, String> vars = new HashMap<>();
    for (int i = 0; i < pattern.length; i++) {
      if (pattern[i].startsWith("{") && pattern[i].endsWith("}")) {
        vars.put(pattern[i].substring(1, pattern[i].length() - 1), URLDecoder.decode(path[i], StandardCharsets.UTF_8));
      } else if (!pattern[i].equals(path[i])) {
        return null;
      }
    }
    return vars;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null) return q;
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) continue;
      q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return q;
  }

  @Override
  public void close() {
    listeners.clear();
    if (ticker != null) ticker.shutdownNow();
    if (http != null) http.stop(0);
    if (workers != null) workers.shutdownNow();
  }
}

package org.openledger.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openledger.prover.lora.BaseMlp;
import org.openledger.prover.lora.BatchedLora;
import org.web3j.utils.Numeric;

/**
 * The HTTP inference API (docs/openlora.md §3):
 *
 * <pre>
 * POST /v1/infer  {"model": 7, "version": 1?, "input": [0.0, 0.5, …] | "pixels": "0x…"}
 *   → 200 {"model": "7", "version": "1", "weightsRoot": "0x…", "class": 3, "logits": […], "batchSize": 12}
 *   → 4xx/5xx {"error": "…", "fix": "…"}
 * GET  /v1/health → {"baseModel": "1", "baseVersion": "1", "adaptersLoaded": 3, "adapterBytes": 764352, "adapterMemory": …}
 * </pre>
 *
 * {@code model} is the base model or any Deployed adapter of it; {@code version} defaults to the
 * deployed one; {@code pixels} are bytes 0..255 scaled to [0, 1], the input convention of the
 * chain's image models; {@code input} is the scaled vector itself.
 */
final class InferenceApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 4 << 20;
  private static final long TIMEOUT_SECONDS = 60;

  private final HttpServer server;
  private final ExecutorService executor;
  private final AdapterRegistry registry;
  private final MicroBatcher batcher;
  private final ServeMetrics metrics;

  InferenceApi(String host, int port, AdapterRegistry registry, MicroBatcher batcher, ServeMetrics metrics) throws IOException {
    this.registry = registry;
    this.batcher = batcher;
    this.metrics = metrics;
    server = HttpServer.create(new InetSocketAddress(host, port), 64);
    executor = Executors.newFixedThreadPool(16, r -> {
      Thread t = new Thread(r, "openlora-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor); // handlers wait on their batch: more threads than cores lets batches fill
    server.createContext("/v1/infer", this::infer);
    server.createContext("/v1/health", this::health);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void infer(HttpExchange ex) throws IOException {
    try (ex) {
      if (!ex.getRequestMethod().equals("POST")) {
        error(ex, 405, "POST a JSON body to /v1/infer", "curl -X POST -d '{\"model\": 2, \"pixels\": \"0x…\"}' http://HOST:PORT/v1/infer");
        return;
      }
      JsonNode body;
      try (InputStream in = ex.getRequestBody()) {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
          refused(ex, 413, "the body is larger than " + MAX_BODY + " bytes", "send one input per request");
          return;
        }
        body = JSON.readTree(bytes);
      } catch (IOException e) {
        refused(ex, 400, "the body is not JSON: " + e.getMessage(), "send {\"model\": ID, \"input\": [numbers]} or {\"model\": ID, \"pixels\": \"0x…\"}");
        return;
      }
      if (body == null || !body.isObject() || !body.has("model")) {
        refused(ex, 400, "the body names no model", "send {\"model\": ID, ...}: the base model's id or an adapter model's");
        return;
      }
      BigInteger model, version;
      float[] input;
      try {
        model = new BigInteger(body.get("model").asText());
        version = body.hasNonNull("version") ? new BigInteger(body.get("version").asText()) : null;
        input = input(body);
      } catch (IllegalArgumentException e) {
        refused(ex, 400, e.getMessage(), "model and version are integers; input is an array of numbers, pixels a 0x hex string");
        return;
      }
      AdapterRegistry.Target target;
      try {
        target = registry.resolve(model, version);
      } catch (AdapterRegistry.NotServable e) {
        refused(ex, e.status, e.getMessage(), "GET /v1/health shows the base model this server serves; adapters are models proposed on it");
        return;
      }
      MicroBatcher.Output out;
      try {
        out = batcher.submit(target.adapter(), input).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException) {
          refused(ex, 400, cause.getMessage(), "send exactly " + registry.base().inputs() + " input values");
        } else {
          failed(ex, "the forward pass failed: " + cause);
        }
        return;
      } catch (TimeoutException e) {
        failed(ex, "no output within " + TIMEOUT_SECONDS + " s (the server is overloaded)");
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failed(ex, "interrupted");
        return;
      }
      ObjectNode r = JSON.createObjectNode();
      r.put("model", target.modelId().toString()).put("version", target.version().toString())
          .put("weightsRoot", target.weightsRoot().toHexString()).put("class", BatchedLora.argmax(out.logits()));
      ArrayNode logits = r.putArray("logits");
      for (float z : out.logits()) logits.add(z);
      r.put("batchSize", out.batchSize());
      metrics.requests.labels("http", "ok").inc();
      send(ex, 200, r);
    }
  }

  private float[] input(JsonNode body) {
    if (body.hasNonNull("pixels")) {
      String hex = body.get("pixels").asText();
      if (!hex.startsWith("0x")) throw new IllegalArgumentException("pixels must be a 0x-prefixed hex string");
      return BaseMlp.pixels(Numeric.hexStringToByteArray(hex));
    }
    JsonNode in = body.get("input");
    if (in == null || !in.isArray()) throw new IllegalArgumentException("the body has neither an input array nor pixels");
    float[] x = new float[in.size()];
    for (int i = 0; i < x.length; i++) {
      if (!in.get(i).isNumber()) throw new IllegalArgumentException("input[" + i + "] is not a number");
      x[i] = in.get(i).floatValue();
      if (!Float.isFinite(x[i])) throw new IllegalArgumentException("input[" + i + "] is not finite");
    }
    return x;
  }

  private void health(HttpExchange ex) throws IOException {
    try (ex) {
      ObjectNode r = JSON.createObjectNode();
      r.put("baseModel", registry.baseModelId().toString()).put("baseVersion", registry.baseVersion().toString())
          .put("baseParameters", registry.base().parameters()).put("inputs", registry.base().inputs())
          .put("adaptersLoaded", registry.cache().size()).put("adapterBytes", registry.cache().bytes())
          .put("adapterMemory", registry.cache().maxBytes());
      send(ex, 200, r);
    }
  }

  private void refused(HttpExchange ex, int status, String message, String fix) throws IOException {
    metrics.requests.labels("http", "refused").inc();
    error(ex, status, message, fix);
  }

  private void failed(HttpExchange ex, String message) throws IOException {
    metrics.requests.labels("http", "failed").inc();
    error(ex, 503, message, "retry later");
  }

  private static void error(HttpExchange ex, int status, String message, String fix) throws IOException {
    ObjectNode r = JSON.createObjectNode();
    r.put("error", message).put("fix", fix);
    send(ex, status, r);
  }

  private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

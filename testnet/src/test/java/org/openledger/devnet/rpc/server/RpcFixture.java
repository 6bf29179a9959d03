package org.openledger.devnet.rpc.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.function.UnaryOperator;
import org.openledger.telemetry.MetricsRegistry;
import org.openledger.devnet.rpc.RpcException;
import org.openledger.devnet.rpc.RpcMethod;

/** A server on an ephemeral port with fake methods, and a JDK HttpClient to talk to it. */
final class RpcFixture implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String BUG_DETAIL = "secret detail of the bug";

  /** One HTTP answer; {@code json} is null when the body is empty or not JSON. */
  record Reply(int status, String body, JsonNode json, HttpResponse<String> raw) {}

  final MetricsRegistry registry = new MetricsRegistry();
  /** Released once per "slow" call that has started; "slow" then waits for {@link #release}. */
  final Semaphore slowEntered = new Semaphore(0);
  final CountDownLatch release = new CountDownLatch(1);
  final JsonRpcServer server;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  RpcFixture() {
    this(b -> b);
  }

  RpcFixture(UnaryOperator<JsonRpcServer.Builder> configure) {
    Map<String, RpcMethod> methods = new LinkedHashMap<>();
    methods.put("echo", params -> params);
    methods.put("answer", params -> IntNode.valueOf(42));
    methods.put("nothing", params -> null);
    methods.put("revert", params -> {
      throw new RpcException(RpcException.EXECUTION_REVERTED, "execution reverted",
          TextNode.valueOf("0x08c379a0"));
    });
    methods.put("refuse", params -> {
      throw RpcException.refused("nonce too low");
    });
    methods.put("boom", params -> {
      throw new IllegalStateException(BUG_DETAIL);
    });
    methods.put("slow", params -> {
      slowEntered.release();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return TextNode.valueOf("done");
    });
    try {
      server = configure.apply(JsonRpcServer.builder(methods).bind("127.0.0.1", 0).metrics(registry))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  HttpRequest.Builder request() {
    return HttpRequest.newBuilder(uri("/")).header("Content-Type", "application/json");
  }

  Reply post(String body) {
    return send(request().POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  Reply send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      if (!r.body().isEmpty() && r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
        json = JSON.readTree(r.body());
      }
      return new Reply(r.statusCode(), r.body(), json, r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A request body: {@code {"jsonrpc":"2.0","id":id,"method":method,"params":params}}. */
  static String call(Object id, String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
  }

  /** The server answers a plain request correctly: used after every bad input. */
  boolean stillServing() {
    Reply r = post(call(99, "answer", "[]"));
    return r.status() == 200 && r.json().get("result").asInt() == 42 && r.json().get("id").asInt() == 99;
  }

  @Override
  public void close() {
    release.countDown();
    server.close();
  }
}

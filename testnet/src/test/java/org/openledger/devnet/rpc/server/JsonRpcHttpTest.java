package org.openledger.devnet.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.devnet.rpc.server.RpcFixture.call;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openledger.devnet.rpc.server.RpcFixture.Reply;

/** The HTTP side: paths, methods, content type, CORS, connection reuse, concurrency. */
class JsonRpcHttpTest {
  RpcFixture rpc = new RpcFixture();

  @AfterEach
  void close() {
    rpc.close();
  }

  @Test
  void otherPathIsNotFound() {
    Reply r = rpc.send(HttpRequest.newBuilder(rpc.uri("/rpc")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(call(1, "answer", "[]"))).build());
    assertThat(r.status()).isEqualTo(404);
    assertThat(rpc.stillServing()).isTrue();
  }

  @Test
  void getIsMethodNotAllowed() {
    Reply r = rpc.send(rpc.request().GET().build());
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.raw().headers().firstValue("Allow")).hasValue("POST, OPTIONS");
    assertThat(rpc.stillServing()).isTrue();
  }

  @Test
  void nonJsonContentTypeIsUnsupportedMediaType() {
    Reply r = rpc.send(HttpRequest.newBuilder(rpc.uri("/")).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString(call(1, "answer", "[]"))).build());
    assertThat(r.status()).isEqualTo(415);
    assertThat(rpc.stillServing()).isTrue();
  }

  @Test
  void jsonContentTypeWithCharsetIsAccepted() {
    Reply r = rpc.send(HttpRequest.newBuilder(rpc.uri("/")).header("Content-Type", "application/json; charset=UTF-8")
        .POST(HttpRequest.BodyPublishers.ofString(call(1, "answer", "[]"))).build());
    assertThat(r.json().get("result").asInt()).isEqualTo(42);
  }

  @Test
  void withoutCorsOriginsABrowserOriginIsForbiddenAndGetsNoCorsHeaders() {
    Reply r = rpc.send(rpc.request().header("Origin", "https://evil.example")
        .POST(HttpRequest.BodyPublishers.ofString(call(1, "answer", "[]"))).build());
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void requestWithoutOriginGetsNoCorsHeaders() {
    Reply r = rpc.post(call(1, "answer", "[]"));
    assertThat(r.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void allowedOriginIsEchoedAndPreflightSucceeds() {
    rpc.close();
    rpc = new RpcFixture(b -> b.cors(CorsOrigins.of("https://console.example")));
    Reply r = rpc.send(rpc.request().header("Origin", "https://console.example")
        .POST(HttpRequest.BodyPublishers.ofString(call(1, "answer", "[]"))).build());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.raw().headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://console.example");

    Reply preflight = rpc.send(HttpRequest.newBuilder(rpc.uri("/")).header("Origin", "https://console.example")
        .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    assertThat(preflight.status()).isEqualTo(204);
    assertThat(preflight.raw().headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST, OPTIONS");
    assertThat(preflight.raw().headers().firstValue("Access-Control-Allow-Headers")).hasValue("content-type");

    Reply other = rpc.send(rpc.request().header("Origin", "https://other.example")
        .POST(HttpRequest.BodyPublishers.ofString(call(1, "answer", "[]"))).build());
    assertThat(other.status()).isEqualTo(403);
  }

  @Test
  void wildcardOriginAllowsAnyOrigin() {
    rpc.close();
    rpc = new RpcFixture(b -> b.cors(CorsOrigins.ANY));
    Reply r = rpc.send(rpc.request().header("Origin", "https://anything.example")
        .POST(HttpRequest.BodyPublishers.ofString(call(1, "answer", "[]"))).build());
    assertThat(r.raw().headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
  }

  @Test
  void keepAliveServesSeveralRequestsOnOneConnection() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", rpc.server.port())) {
      for (int id = 1; id <= 3; id++) {
        RawHttp.write(socket, call(id, "answer", "[]"));
        RawHttp.Response r = RawHttp.read(socket.getInputStream());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("\"id\":" + id + ",");
      }
    }
  }

  @Test
  void concurrentRequestsEachGetTheirOwnAnswer() throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      List<CompletableFuture<Reply>> replies = IntStream.range(0, 200)
          .mapToObj(i -> CompletableFuture.supplyAsync(() -> rpc.post(call(i, "echo", "[" + i + "]")), pool))
          .toList();
      for (int i = 0; i < replies.size(); i++) {
        Reply r = replies.get(i).get(30, TimeUnit.SECONDS);
        assertThat(r.json().get("id").asInt()).isEqualTo(i);
        assertThat(r.json().get("result").get(0).asInt()).isEqualTo(i);
      }
    }
  }

  @Test
  void internalErrorReferenceIsLoggedWithTheStackTrace() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    String message;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      message = rpc.post(call(1, "boom", "[]")).json().get("error").get("message").asText();
    } finally {
      System.setErr(original);
    }
    Matcher ref = Pattern.compile("ref ([0-9a-f]{8})").matcher(message);
    assertThat(ref.find()).isTrue();
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("ref=" + ref.group(1)).contains(RpcFixture.BUG_DETAIL)
        .contains("at org.openledger.devnet.rpc.server.RpcFixture");
  }

  /** Hand-written HTTP/1.1, for what HttpClient will not do: reuse checks, lying lengths. */
  static final class RawHttp {
    record Response(int status, String headers, String body) {}

    static void write(Socket socket, String json) throws IOException {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
    }

    static Response read(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("connection closed before the response headers ended");
        }
        head.write(b);
        matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      String headers = head.toString(StandardCharsets.US_ASCII);
      int status = Integer.parseInt(headers.substring(9, 12));
      Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(headers);
      byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
      return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }
  }
}

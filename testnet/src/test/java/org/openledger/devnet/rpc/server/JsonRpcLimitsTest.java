package org.openledger.devnet.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.devnet.rpc.server.RpcFixture.call;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openledger.devnet.rpc.server.JsonRpcHttpTest.RawHttp;
import org.openledger.devnet.rpc.server.RpcFixture.Reply;

/** Each limit refuses with -32005 naming it, and the server keeps serving. */
class JsonRpcLimitsTest {
  static final int BODY_LIMIT = 64 * 1024;
  RpcFixture rpc = new RpcFixture(b -> b.limits(RpcLimits.DEFAULT.withMaxBodyBytes(BODY_LIMIT)
      .withMaxBatchLength(10).withMaxConcurrentRequests(2)));

  @AfterEach
  void close() {
    rpc.close();
  }

  static String batchOf(int n) {
    return IntStream.range(0, n).mapToObj(i -> call(i, "answer", "[]")).collect(Collectors.joining(",", "[", "]"));
  }

  @Test
  void defaultsAreFiveMebibytesAndAThousandPerBatch() {
    assertThat(RpcLimits.DEFAULT.maxBodyBytes()).isEqualTo(5 * 1024 * 1024);
    assertThat(RpcLimits.DEFAULT.maxBatchLength()).isEqualTo(1_000);
  }

  @Test
  void batchAtTheLimitIsServed() {
    assertThat(rpc.post(batchOf(10)).json()).hasSize(10);
  }

  @Test
  void batchOverTheLimitIsOneLimitErrorNamingIt() {
    Reply r = rpc.post(batchOf(11));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().isObject()).isTrue();
    assertThat(r.json().get("error").get("code").asInt()).isEqualTo(-32005);
    assertThat(r.json().get("error").get("message").asText()).contains("11").contains("limit of 10");
    assertThat(rpc.stillServing()).isTrue();
  }

  @Test
  void bodyAtTheLimitIsServed() {
    String prefix = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"";
    String suffix = "\"]}";
    String body = prefix + "a".repeat(BODY_LIMIT - prefix.length() - suffix.length()) + suffix;
    assertThat(body.length()).isEqualTo(BODY_LIMIT);
    assertThat(rpc.post(body).status()).isEqualTo(200);
  }

  @Test
  void declaredOversizeBodyIsRefusedWith413BeforeItIsSent() throws IOException {
    // Declares a gigabyte and sends none of it: an answer proves the server did not wait to read it.
    try (Socket socket = new Socket("127.0.0.1", rpc.server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Content-Length: 1073741824\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      RawHttp.Response r = RawHttp.read(socket.getInputStream());
      assertThat(r.status()).isEqualTo(413);
      assertThat(r.headers()).containsIgnoringCase("connection: close");
      assertThat(RpcFixture.JSON.readTree(r.body()).get("error").get("code").asInt()).isEqualTo(-32005);
      assertThat(r.body()).contains("limit of " + BODY_LIMIT + " bytes");
    }
    assertThat(rpc.stillServing()).isTrue();
  }

  @Test
  void aBodyUpToTwiceTheLimitIsReadAndRefusedSoTheSenderGetsThe413() {
    String prefix = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"";
    String body = prefix + "a".repeat(2 * BODY_LIMIT - prefix.length() - 3) + "\"]}";
    Reply r = rpc.post(body);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().get("error").get("code").asInt()).isEqualTo(-32005);
    assertThat(rpc.stillServing()).isTrue();
  }

  @Test
  void chunkedOversizeBodyIsRefusedWith413() throws IOException {
    // No length declared: one chunk longer than the limit and no end. An answer proves the server read
    // only up to the limit and did not wait for the rest (a client streaming on would race the close).
    try (Socket socket = new Socket("127.0.0.1", rpc.server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(BODY_LIMIT + 64) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write("[".repeat(BODY_LIMIT + 64).getBytes(StandardCharsets.US_ASCII));
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      RawHttp.Response r = RawHttp.read(socket.getInputStream());
      assertThat(r.status()).isEqualTo(413);
      assertThat(RpcFixture.JSON.readTree(r.body()).get("error").get("code").asInt()).isEqualTo(-32005);
    }
    assertThat(rpc.stillServing()).isTrue();
  }

  @Test
  void requestsOverTheConcurrencyLimitAreRefusedWith429() throws Exception {
    CompletableFuture<Reply> first = CompletableFuture.supplyAsync(() -> rpc.post(call(1, "slow", "[]")));
    CompletableFuture<Reply> second = CompletableFuture.supplyAsync(() -> rpc.post(call(2, "slow", "[]")));
    assertThat(rpc.slowEntered.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();

    Reply refused = rpc.post(call(3, "answer", "[]"));
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.json().get("error").get("code").asInt()).isEqualTo(-32005);
    assertThat(refused.json().get("error").get("message").asText()).contains("limit 2");

    rpc.release.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS).json().get("result").asText()).isEqualTo("done");
    assertThat(second.get(10, TimeUnit.SECONDS).json().get("result").asText()).isEqualTo("done");
    assertThat(rpc.stillServing()).isTrue();
  }
}

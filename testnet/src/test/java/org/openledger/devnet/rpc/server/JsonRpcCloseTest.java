package org.openledger.devnet.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openledger.devnet.rpc.server.RpcFixture.call;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openledger.devnet.rpc.server.RpcFixture.Reply;

/** Graceful close: stop accepting, let in-flight requests finish, up to a timeout. */
class JsonRpcCloseTest {
  final RpcFixture rpc = new RpcFixture();

  @AfterEach
  void close() {
    rpc.close();
  }

  boolean accepting() {
    try (Socket ignored = new Socket("127.0.0.1", rpc.server.port())) {
      return true;
    } catch (ConnectException e) {
      return false;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  void awaitNotAccepting() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (accepting()) {
      assertThat(System.nanoTime()).as("listener still open").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void closeFinishesAnInFlightRequestAfterRefusingNewConnections() throws Exception {
    CompletableFuture<Reply> inFlight = CompletableFuture.supplyAsync(() -> rpc.post(call(1, "slow", "[]")));
    assertThat(rpc.slowEntered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> rpc.server.close(Duration.ofSeconds(30)));
    awaitNotAccepting();
    assertThat(closing).isNotDone(); // still waiting for the slow request

    rpc.release.countDown();
    Reply reply = inFlight.get(10, TimeUnit.SECONDS);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("result").asText()).isEqualTo("done");
    closing.get(10, TimeUnit.SECONDS);
  }

  @Test
  void closeGivesUpOnARequestThatOutlivesTheTimeout() throws Exception {
    CompletableFuture<Reply> inFlight = CompletableFuture.supplyAsync(() -> rpc.post(call(1, "slow", "[]")));
    assertThat(rpc.slowEntered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();

    rpc.server.close(Duration.ofSeconds(1)); // returns although "slow" never finishes

    assertThatThrownBy(() -> inFlight.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(java.io.UncheckedIOException.class);
  }

  @Test
  void closeWithNothingInFlightReturnsAtOnce() {
    assertThat(rpc.stillServing()).isTrue();
    CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> rpc.server.close(Duration.ofSeconds(60)));
    assertThat(closing).succeedsWithin(Duration.ofSeconds(10));
  }

  @Test
  void closeDoesNotWaitForAClientThatNeverFinishesItsRequest() throws IOException {
    // Half a request: no handler runs for it, so nothing is in flight. The JDK server alone would
    // sit out the whole delay waiting for this connection.
    try (Socket socket = new Socket("127.0.0.1", rpc.server.port())) {
      socket.getOutputStream().write("POST / HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      assertThat(rpc.stillServing()).isTrue(); // the server has taken the half request in by now
      CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> rpc.server.close(Duration.ofSeconds(60)));
      assertThat(closing).succeedsWithin(Duration.ofSeconds(10));
    }
  }

  @Test
  void closeTwiceIsHarmless() {
    rpc.server.close();
    rpc.server.close();
    assertThat(accepting()).isFalse();
  }

  @Test
  void startAfterCloseIsRefused() {
    rpc.server.close();
    assertThatThrownBy(rpc.server::start).isInstanceOf(IllegalStateException.class);
  }

}

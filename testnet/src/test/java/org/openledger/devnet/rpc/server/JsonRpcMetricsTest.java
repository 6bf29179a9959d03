package org.openledger.devnet.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.devnet.rpc.server.RpcFixture.call;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openledger.telemetry.Exposition;
import org.openledger.devnet.rpc.server.RpcFixture.Reply;

/** What the server records, read back from the scrape text. */
class JsonRpcMetricsTest {
  final RpcFixture rpc = new RpcFixture(b -> b.limits(RpcLimits.DEFAULT.withMaxBodyBytes(1024)));

  @AfterEach
  void close() {
    rpc.close();
  }

  Exposition scrape() {
    return Exposition.parse(rpc.registry.scrape());
  }

  static Map<String, String> requests(String method, String outcome) {
    return Map.of("method", method, "outcome", outcome);
  }

  @Test
  void requestsAreCountedByMethodAndOutcome() {
    rpc.post(call(1, "answer", "[]"));
    rpc.post(call(2, "answer", "[]"));
    rpc.post(call(3, "refuse", "[]"));
    rpc.post(call(4, "boom", "[]"));

    Exposition e = scrape();
    assertThat(e.value("openledger_rpc_requests_total", requests("answer", "ok"))).isEqualTo(2);
    assertThat(e.value("openledger_rpc_requests_total", requests("refuse", "error"))).isEqualTo(1);
    assertThat(e.value("openledger_rpc_requests_total", requests("boom", "internal_error"))).isEqualTo(1);
  }

  @Test
  void errorsAreCountedByCode() {
    rpc.post(call(1, "refuse", "[]"));
    rpc.post("nonsense");
    Exposition e = scrape();
    assertThat(e.value("openledger_rpc_errors_total", Map.of("code", "-32000"))).isEqualTo(1);
    assertThat(e.value("openledger_rpc_errors_total", Map.of("code", "-32700"))).isEqualTo(1);
  }

  @Test
  void unknownMethodNamesShareOneLabelSoClientsCannotGrowTheRegistry() {
    rpc.post(call(1, "made_up_1", "[]"));
    rpc.post(call(2, "made_up_2", "[]"));
    String text = rpc.registry.scrape();
    assertThat(text).doesNotContain("made_up");
    assertThat(Exposition.parse(text).value("openledger_rpc_requests_total", requests("unknown", "error"))).isEqualTo(2);
  }

  @Test
  void latencyIsObservedPerMethod() {
    rpc.post(call(1, "answer", "[]"));
    rpc.post("[" + call(2, "answer", "[]") + "," + call(3, "echo", "[]") + "]");
    Exposition e = scrape();
    assertThat(e.value("openledger_rpc_request_duration_seconds_count", Map.of("method", "answer"))).isEqualTo(2);
    assertThat(e.value("openledger_rpc_request_duration_seconds_count", Map.of("method", "echo"))).isEqualTo(1);
  }

  @Test
  void batchSizesAreObservedAndSingleRequestsAreNot() {
    rpc.post(call(1, "answer", "[]"));
    rpc.post("[" + call(2, "answer", "[]") + "," + call(3, "answer", "[]") + "]");
    Exposition e = scrape();
    assertThat(e.value("openledger_rpc_batch_size_count")).isEqualTo(1);
    assertThat(e.value("openledger_rpc_batch_size_sum")).isEqualTo(2);
  }

  @Test
  void bytesInAndOutAreTheBodySizes() {
    String body = call(1, "answer", "[]");
    Reply r = rpc.post(body);
    Exposition e = scrape();
    assertThat(e.value("openledger_rpc_received_bytes_total")).isEqualTo(body.length());
    assertThat(e.value("openledger_rpc_sent_bytes_total")).isEqualTo(r.body().length());
  }

  @Test
  void inFlightCountsRequestsBeingProcessed() throws Exception {
    CompletableFuture<Reply> slow = CompletableFuture.supplyAsync(() -> rpc.post(call(1, "slow", "[]")));
    assertThat(rpc.slowEntered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    assertThat(scrape().value("openledger_rpc_in_flight_requests")).isEqualTo(1);
    rpc.release.countDown();
    slow.get(10, TimeUnit.SECONDS);
    // the handler ends just after the client has its answer
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (scrape().value("openledger_rpc_in_flight_requests") != 0) {
      assertThat(System.nanoTime()).as("in-flight gauge back to 0").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  @Test
  void refusedBodiesAreCountedByHttpStatus() {
    rpc.post("[" + "1,".repeat(1000) + "1]");
    assertThat(scrape().value("openledger_rpc_http_responses_total", Map.of("status", "413"))).isEqualTo(1);
  }
}

package org.openledger.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
  final MetricsRegistry registry = new MetricsRegistry();
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  MetricsServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  HttpResponse<String> send(String method, String path) throws Exception {
    if (server == null) {
      server = MetricsServer.start("127.0.0.1", 0, registry);
    }
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void getMetricsServesTheRegistryInTheTextFormat() throws Exception {
    registry.counter("openledger_chain_blocks_total", "Blocks").inc(3);
    HttpResponse<String> r = send("GET", "/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(Exposition.parse(r.body()).value("openledger_chain_blocks_total")).isEqualTo(3);
  }

  @Test
  void otherPathsAreNotFound() throws Exception {
    assertThat(send("GET", "/").statusCode()).isEqualTo(404);
  }

  @Test
  void postIsNotAllowed() throws Exception {
    HttpResponse<String> r = send("POST", "/metrics");
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void aFailingSuppliedGaugeAnswers500AndTheEndpointKeepsServing() throws Exception {
    boolean[] fail = {true};
    registry.gauge("flaky", "Fails once", () -> {
      if (fail[0]) {
        throw new IllegalStateException("source unavailable");
      }
      return 1;
    });
    assertThat(send("GET", "/metrics").statusCode()).isEqualTo(500);
    fail[0] = false;
    assertThat(Exposition.parse(send("GET", "/metrics").body()).value("flaky")).isEqualTo(1);
  }
}

package org.openledger.console.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server over real HTTP: routes, errors as JSON, exactly-once POSTs, static pages and the head-block stream. */
class ConsoleServerTest {
  private final AtomicLong head = new AtomicLong(7);
  private final AtomicInteger created = new AtomicInteger();
  private final HttpClient http = HttpClient.newHttpClient();
  private ConsoleServer server;

  @BeforeEach
  void start() throws Exception {
    server = new ConsoleServer(head::get, e -> e instanceof IllegalStateException ? new ApiError(409, "reverted", e.getMessage()) : null)
        .get("/api/things/{id}", r -> Map.of("id", r.id("id")))
        .post("/api/things", r -> Map.of("created", created.incrementAndGet(), "name", r.required("name")))
        .post("/api/refused", r -> {
          throw new IllegalStateException("Things.make was refused: NoThings()");
        })
        .start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String json, String key) throws Exception {
    var b = HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).POST(HttpRequest.BodyPublishers.ofString(json));
    if (key != null) b.header("Idempotency-Key", key);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aRouteReadsItsPathVariableAndAnswersJsonWithBigNumbersAsText() throws Exception {
    var r = get("/api/things/123456789012345678901234567890");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"id\":\"123456789012345678901234567890\"}");
  }

  @Test
  void badInputIsA400NamingTheField() throws Exception {
    var r = get("/api/things/-1");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"code\":\"bad_input\"", "id must not be negative, got -1");
  }

  @Test
  void aPostRepeatedWithItsKeyRunsOnceAndAnswersTheSame() throws Exception {
    var first = post("/api/things", "{\"name\":\"a\"}", "k1");
    var again = post("/api/things", "{\"name\":\"a\"}", "k1");
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(created).hasValue(1);
  }

  @Test
  void aPostWithoutAKeyIsRefusedAndNotRun() throws Exception {
    var r = post("/api/things", "{\"name\":\"a\"}", null);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("Idempotency-Key");
    assertThat(created).hasValue(0);
  }

  @Test
  void aFailureTheCommandRecognizesIsShownInItsWords() throws Exception {
    var r = post("/api/refused", "{}", "k2");
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(r.body()).contains("\"code\":\"reverted\"", "Things.make was refused: NoThings()");
  }

  @Test
  void aBodyThatIsNotJsonIsRefused() throws Exception {
    var r = post("/api/things", "name=a", "k3");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("not JSON");
  }

  @Test
  void anUnknownRouteIsA404() throws Exception {
    assertThat(get("/api/nothing").statusCode()).isEqualTo(404);
  }

  @Test
  void thePagesAreServedFromTheClasspathAndPathsOutsideThemAreNot() throws Exception {
    var index = get("/");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(get("/chart.js").body()).contains("export function earningsChart");
    assertThat(get("/../../etc/passwd.txt").statusCode()).isEqualTo(404);
  }

  @Test
  void theEventStreamAnnouncesTheHeadAndEachNewBlock() throws Exception {
    var conn = (java.net.HttpURLConnection) URI.create(server.url() + "api/events").toURL().openConnection();
    conn.setReadTimeout(10_000);
    try (var in = new BufferedReader(new InputStreamReader(conn.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(nextData(in)).isEqualTo("7");
      head.set(8);
      assertThat(nextData(in)).isEqualTo("8");
    } finally {
      conn.disconnect();
    }
  }

  private static String nextData(BufferedReader in) throws Exception {
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.startsWith("data: ")) return line.substring(6);
    }
    throw new AssertionError("the stream ended");
  }
}

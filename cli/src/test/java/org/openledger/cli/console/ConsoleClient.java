package org.openledger.cli.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

/** The console's JSON API over real HTTP, as the page calls it. */
final class ConsoleClient {
  record Reply(int status, JsonNode body) {
    String error() {
      return body.path("error").path("message").asText();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  ConsoleClient(String base) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  Reply get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
  }

  /** A form submit: a fresh idempotency key. */
  Reply post(String path, Map<String, ?> body) {
    return post(path, body, UUID.randomUUID().toString());
  }

  Reply post(String path, Map<String, ?> body, String key) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      if (key != null) b.header("Idempotency-Key", key);
      return send(b.build());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Reply send(HttpRequest r) {
    try {
      HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString());
      return new Reply(res.statusCode(), JSON.readTree(res.body()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

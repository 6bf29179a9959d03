package org.openledger.devnet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.List;

/** A minimal JSON-RPC client over the JDK's HTTP client: bodies go out as given, answers come back as trees. */
final class JsonRpc {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI uri;

  JsonRpc(String url) {
    this.uri = URI.create(url);
  }

  /** Posts a request or batch body and returns the parsed answer. */
  JsonNode post(byte[] body) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) throw new IOException("HTTP " + r.statusCode() + ": " + new String(r.body()));
    return JSON.readTree(r.body());
  }

  /** One call; its result, or an exception carrying the JSON-RPC error. */
  JsonNode call(String method, Object... params) throws IOException, InterruptedException {
    JsonNode answer = post(JSON.writeValueAsBytes(request(1, method, params)));
    if (answer.has("error")) throw new IOException(method + ": " + answer.get("error"));
    return answer.get("result");
  }

  static java.util.Map<String, Object> request(long id, String method, Object... params) {
    return java.util.Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", List.of(params));
  }

  static String hex(byte[] bytes) {
    return "0x" + HexFormat.of().formatHex(bytes);
  }

  static String quantity(long n) {
    return "0x" + Long.toHexString(n);
  }

  static long quantity(JsonNode hex) {
    return Long.parseLong(hex.asText().substring(2), 16);
  }

  void close() {
    http.close();
  }
}

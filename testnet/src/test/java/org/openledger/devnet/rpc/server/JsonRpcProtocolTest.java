package org.openledger.devnet.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.devnet.rpc.server.RpcFixture.call;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openledger.devnet.rpc.server.RpcFixture.Reply;

/** JSON-RPC 2.0 as the specification words it, over a real socket. */
class JsonRpcProtocolTest {
  final RpcFixture rpc = new RpcFixture();

  @AfterEach
  void close() {
    rpc.close();
  }

  static int errorCode(JsonNode response) {
    return response.get("error").get("code").asInt();
  }

  static String errorMessage(JsonNode response) {
    return response.get("error").get("message").asText();
  }

  @Test
  void singleRequestGetsItsResultWithJsonrpcAndId() {
    Reply r = rpc.post(call(1, "echo", "[\"0x1\",true]"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.raw().headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.json().get("jsonrpc").asText()).isEqualTo("2.0");
    assertThat(r.json().get("id").asInt()).isEqualTo(1);
    assertThat(r.json().get("result").toString()).isEqualTo("[\"0x1\",true]");
    assertThat(r.json().has("error")).isFalse();
  }

  @ParameterizedTest
  @MethodSource("ids")
  void idIsEchoedExactlyAsSent(String id) {
    Reply r = rpc.post(call(id, "answer", "[]"));
    assertThat(r.body()).contains("\"id\":" + id + ",");
  }

  static Stream<String> ids() {
    return Stream.of("7", "\"abc\"", "null", "-1", "123456789012345678901234567890", "1.10", "\"\"");
  }

  @Test
  void absentParamsReachTheMethodAsAnEmptyArray() {
    Reply r = rpc.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\"}");
    assertThat(r.json().get("result").toString()).isEqualTo("[]");
  }

  @Test
  void nullResultIsSentAsJsonNull() {
    Reply r = rpc.post(call(1, "nothing", "[]"));
    assertThat(r.json().has("result")).isTrue();
    assertThat(r.json().get("result").isNull()).isTrue();
  }

  @Test
  void objectParamsAreInvalidParamsBecauseOnlyPositionalAreSupported() {
    Reply r = rpc.post(call(1, "echo", "{\"a\":1}"));
    assertThat(errorCode(r.json())).isEqualTo(-32602);
    assertThat(errorMessage(r.json())).contains("positional");
    assertThat(r.json().get("id").asInt()).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("invalidRequests")
  void invalidRequestObjectsAreInvalidRequest(String body, String expectedId, String why) {
    Reply r = rpc.post(body);
    assertThat(r.status()).isEqualTo(200);
    assertThat(errorCode(r.json())).isEqualTo(-32600);
    assertThat(errorMessage(r.json())).contains(why);
    assertThat(r.json().get("id").toString()).isEqualTo(expectedId);
    assertThat(rpc.stillServing()).isTrue();
  }

  static Stream<Arguments> invalidRequests() {
    return Stream.of(
        Arguments.of("{\"id\":1,\"method\":\"answer\"}", "1", "jsonrpc"),
        Arguments.of("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"answer\"}", "1", "jsonrpc"),
        Arguments.of("{\"jsonrpc\":2.0,\"id\":1,\"method\":\"answer\"}", "1", "jsonrpc"),
        Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":1}", "1", "method"),
        Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":1}", "1", "method"),
        Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":\"x\"}", "1", "params"),
        Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"answer\"}", "null", "id"),
        Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"answer\"}", "null", "id"),
        Arguments.of("42", "null", "object"),
        Arguments.of("\"a string\"", "null", "object"));
  }

  @Test
  void unknownMethodIsMethodNotFoundNamingIt() {
    Reply r = rpc.post(call(3, "eth_mine", "[]"));
    assertThat(errorCode(r.json())).isEqualTo(-32601);
    assertThat(errorMessage(r.json())).isEqualTo("the method eth_mine does not exist/is not available");
    assertThat(r.json().get("id").asInt()).isEqualTo(3);
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void malformedJsonIsParseErrorWithNullId(String body) {
    Reply r = rpc.post(body);
    assertThat(r.status()).isEqualTo(200);
    assertThat(errorCode(r.json())).isEqualTo(-32700);
    assertThat(r.json().get("id").isNull()).isTrue();
    assertThat(rpc.stillServing()).isTrue();
  }

  static Stream<String> malformed() {
    return Stream.of("{\"jsonrpc\":\"2.0\",\"method\":\"answer\",\"id\":1", "[", "", "nonsense",
        "{} {}", "{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"answer\"}");
  }

  @Test
  void jsonNestedDeeperThanTheParserAllowsIsParseErrorNotACrash() {
    int depth = 100_000;
    Reply r = rpc.post("[".repeat(depth) + "]".repeat(depth));
    assertThat(errorCode(r.json())).isEqualTo(-32700);
    assertThat(rpc.stillServing()).isTrue();
  }

  @Test
  void rpcExceptionBecomesItsCodeMessageAndData() {
    Reply r = rpc.post(call(5, "revert", "[]"));
    assertThat(errorCode(r.json())).isEqualTo(3);
    assertThat(errorMessage(r.json())).isEqualTo("execution reverted");
    assertThat(r.json().get("error").get("data").asText()).isEqualTo("0x08c379a0");
  }

  @Test
  void errorWithoutDataHasNoDataMember() {
    Reply r = rpc.post(call(5, "refuse", "[]"));
    assertThat(errorCode(r.json())).isEqualTo(-32000);
    assertThat(errorMessage(r.json())).isEqualTo("nonce too low");
    assertThat(r.json().get("error").has("data")).isFalse();
  }

  @Test
  void notificationGetsNoResponse() {
    Reply r = rpc.post("{\"jsonrpc\":\"2.0\",\"method\":\"answer\",\"params\":[]}");
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void notificationOfAFailingMethodStillGetsNoResponse() {
    assertThat(rpc.post("{\"jsonrpc\":\"2.0\",\"method\":\"eth_mine\"}").status()).isEqualTo(204);
    assertThat(rpc.post("{\"jsonrpc\":\"2.0\",\"method\":\"boom\"}").status()).isEqualTo(204);
  }

  @Test
  void batchAnswersEachRequestAndSkipsNotifications() {
    Reply r = rpc.post("[" + call(1, "answer", "[]") + ","
        + "{\"jsonrpc\":\"2.0\",\"method\":\"answer\"}," + call("\"two\"", "eth_mine", "[]") + ","
        + call(3, "echo", "[1]") + "]");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().isArray()).isTrue();
    assertThat(r.json()).hasSize(3);
    assertThat(r.json().get(0).get("result").asInt()).isEqualTo(42);
    assertThat(r.json().get(1).get("id").asText()).isEqualTo("two");
    assertThat(errorCode(r.json().get(1))).isEqualTo(-32601);
    assertThat(r.json().get(2).get("result").toString()).isEqualTo("[1]");
  }

  @Test
  void batchOfOnlyNotificationsGetsNothingAtAll() {
    Reply r = rpc.post("[{\"jsonrpc\":\"2.0\",\"method\":\"answer\"},{\"jsonrpc\":\"2.0\",\"method\":\"echo\"}]");
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void emptyBatchIsOneInvalidRequestError() {
    Reply r = rpc.post("[]");
    assertThat(r.json().isObject()).isTrue();
    assertThat(errorCode(r.json())).isEqualTo(-32600);
    assertThat(r.json().get("id").isNull()).isTrue();
  }

  @Test
  void invalidBatchElementsEachGetAnInvalidRequestError() {
    Reply r = rpc.post("[1,2,3]");
    assertThat(r.json()).hasSize(3);
    r.json().forEach(e -> assertThat(errorCode(e)).isEqualTo(-32600));
  }

  @Test
  void batchWithAMalformedElementIsOneParseError() {
    Reply r = rpc.post("[" + call(1, "answer", "[]") + ",{\"jsonrpc\":\"2.0\",\"method\"]");
    assertThat(r.json().isObject()).isTrue();
    assertThat(errorCode(r.json())).isEqualTo(-32700);
  }

  @Test
  void unexpectedExceptionIsInternalErrorWithAReferenceAndNoDetails() {
    Reply r = rpc.post(call(8, "boom", "[]"));
    assertThat(errorCode(r.json())).isEqualTo(-32603);
    assertThat(errorMessage(r.json())).matches("internal error \\(ref [0-9a-f]{8}\\)");
    assertThat(r.body()).doesNotContain(RpcFixture.BUG_DETAIL).doesNotContain("Exception")
        .doesNotContain("at org.");
    assertThat(r.json().get("id").asInt()).isEqualTo(8);
    assertThat(rpc.stillServing()).isTrue();
  }

  @Test
  void internalErrorInABatchSparesTheOtherRequests() {
    Reply r = rpc.post("[" + call(1, "boom", "[]") + "," + call(2, "answer", "[]") + "]");
    assertThat(errorCode(r.json().get(0))).isEqualTo(-32603);
    assertThat(r.json().get(1).get("result").asInt()).isEqualTo(42);
  }

  @Test
  void eachInternalErrorHasItsOwnReference() {
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      refs.add(errorMessage(rpc.post(call(i, "boom", "[]")).json()));
    }
    assertThat(refs).doesNotHaveDuplicates();
  }
}

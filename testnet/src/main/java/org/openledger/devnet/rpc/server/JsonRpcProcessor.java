package org.openledger.devnet.rpc.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.openledger.devnet.rpc.RpcException;
import org.openledger.devnet.rpc.RpcMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON-RPC 2.0 over bytes, without HTTP: parses a body, runs its request or batch, and renders the
 * response. Kept apart from the transport so that every protocol rule lives in one place.
 */
final class JsonRpcProcessor {
  private static final Logger log = LoggerFactory.getLogger(JsonRpcProcessor.class);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ObjectMapper mapper;
  private final Map<String, RpcMethod> methods;
  private final int maxBatchLength;
  private final RpcServerMetrics metrics;

  JsonRpcProcessor(ObjectMapper mapper, Map<String, RpcMethod> methods, int maxBatchLength,
      RpcServerMetrics metrics) {
    this.mapper = mapper;
    this.methods = Map.copyOf(methods);
    this.maxBatchLength = maxBatchLength;
    this.metrics = metrics;
  }

  /** The response body for {@code body}, or null when there is nothing to answer (notifications). */
  byte[] process(byte[] body) {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      return write(error(NullNode.instance, RpcException.PARSE_ERROR,
          "parse error: " + e.getOriginalMessage(), null));
    } catch (IOException e) {
      throw new IllegalStateException("reading a byte array cannot fail", e);
    }
    if (root == null || root.isMissingNode()) {
      return write(error(NullNode.instance, RpcException.PARSE_ERROR, "parse error: empty body",
          null));
    }
    if (!root.isArray()) {
      ObjectNode response = handle(root);
      return response == null ? null : write(response);
    }
    if (root.isEmpty()) {
      return write(invalidRequest(NullNode.instance, "empty batch"));
    }
    if (root.size() > maxBatchLength) {
      return write(error(NullNode.instance, RpcException.LIMIT_EXCEEDED, "batch of " + root.size()
          + " requests exceeds the limit of " + maxBatchLength + " requests per batch", null));
    }
    metrics.batchSize.observe(root.size());
    ArrayNode responses = NODES.arrayNode(root.size());
    for (JsonNode request : root) {
      ObjectNode response = handle(request);
      if (response != null) {
        responses.add(response);
      }
    }
    // a batch of notifications only is answered with nothing at all, not with []
    return responses.isEmpty() ? null : write(responses);
  }

  /** One request's response, or null for a notification (a request without an id member). */
  private ObjectNode handle(JsonNode request) {
    if (!request.isObject()) {
      return invalidRequest(NullNode.instance, "expected a request object");
    }
    JsonNode id = request.get("id");
    boolean notification = id == null;
    if (id != null && !(id.isTextual() || id.isNumber() || id.isNull())) {
      return invalidRequest(NullNode.instance, "\"id\" must be a string, a number or null");
    }
    JsonNode echoId = notification ? NullNode.instance : id;
    JsonNode version = request.get("jsonrpc");
    if (version == null || !version.isTextual() || !version.textValue().equals("2.0")) {
      return invalidRequest(echoId, "\"jsonrpc\" must be \"2.0\"");
    }
    JsonNode methodNode = request.get("method");
    if (methodNode == null || !methodNode.isTextual()) {
      return invalidRequest(echoId, "\"method\" must be a string");
    }
    String name = methodNode.textValue();
    JsonNode params = request.get("params");
    if (params != null && !params.isArray() && !params.isObject()) {
      return invalidRequest(echoId, "\"params\" must be an array");
    }

    RpcMethod method = methods.get(name);
    RpcServerMetrics.PerMethod m = metrics.method(name);
    long start = System.nanoTime();
    ObjectNode response;
    String outcome;
    try {
      if (method == null) {
        throw new RpcException(RpcException.METHOD_NOT_FOUND,
            "the method " + name + " does not exist/is not available");
      }
      if (params != null && params.isObject()) {
        throw RpcException.invalidParams(
            "named (object) params are not supported: pass params as a positional array");
      }
      JsonNode result = method.call(params == null ? NODES.arrayNode() : (ArrayNode) params);
      response = result(echoId, result == null ? NullNode.instance : result);
      m.ok().inc();
      outcome = RpcServerMetrics.OK;
    } catch (RpcException e) {
      response = error(echoId, e.code(), e.getMessage(), e.data());
      m.error().inc();
      outcome = RpcServerMetrics.ERROR;
    } catch (RuntimeException | StackOverflowError e) {
      // A bug, not bad input: the client gets a reference it can quote, the log gets the trace.
      String ref = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
      log.error("rpc internal error ref={} method={} id={}", ref, name, echoId, e);
      response = error(echoId, RpcException.INTERNAL_ERROR, "internal error (ref " + ref + ")",
          null);
      m.internalError().inc();
      outcome = RpcServerMetrics.INTERNAL_ERROR;
    }
    long nanos = System.nanoTime() - start;
    m.latency().observe(nanos / 1e9);
    if (log.isDebugEnabled()) {
      log.debug("rpc method={} id={} durationMicros={} outcome={}", name, echoId, nanos / 1_000,
          outcome);
    }
    // the client of a notification hears nothing, errors included (JSON-RPC 2.0 §4.1)
    return notification ? null : response;
  }

  private ObjectNode invalidRequest(JsonNode id, String why) {
    metrics.invalidRequest().error().inc();
    return error(id, RpcException.INVALID_REQUEST, "invalid request: " + why, null);
  }

  private static ObjectNode result(JsonNode id, JsonNode result) {
    ObjectNode response = NODES.objectNode();
    response.put("jsonrpc", "2.0");
    response.set("id", id);
    response.set("result", result);
    return response;
  }

  private ObjectNode error(JsonNode id, int code, String message, JsonNode data) {
    metrics.error(code);
    return errorObject(id, code, message, data);
  }

  static ObjectNode errorObject(JsonNode id, int code, String message, JsonNode data) {
    ObjectNode error = NODES.objectNode();
    error.put("code", code);
    error.put("message", message);
    if (data != null) {
      error.set("data", data);
    }
    ObjectNode response = NODES.objectNode();
    response.put("jsonrpc", "2.0");
    response.set("id", id);
    response.set("error", error);
    return response;
  }

  byte[] write(JsonNode response) {
    try {
      return mapper.writeValueAsBytes(response);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of JSON nodes always serializes", e);
    }
  }
}

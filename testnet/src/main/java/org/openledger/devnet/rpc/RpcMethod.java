package org.openledger.devnet.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * One JSON-RPC method. {@code params} is the request's positional parameters (an empty array when
 * the request had none); the returned node is the response's {@code result} ({@code NullNode} for
 * JSON {@code null}). Bad input is answered by throwing {@link RpcException}; any other exception
 * is a bug and answers -32603 (internal error) without details.
 */
@FunctionalInterface
public interface RpcMethod {
  JsonNode call(ArrayNode params) throws RpcException;
}

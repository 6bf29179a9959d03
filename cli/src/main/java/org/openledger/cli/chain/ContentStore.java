package org.openledger.cli.chain;

import java.io.IOException;
import java.util.List;
import org.openledger.cli.UserError;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.utils.Numeric;

/** The node's content store: {@code openledger_putContent} / {@code openledger_getContent}, keyed by keccak-256 of the bytes. */
public final class ContentStore {
  /** The response of both methods: a hex string. */
  public static final class HexResponse extends Response<String> {}

  private final Connection node;

  public ContentStore(Connection node) {
    this.node = node;
  }

  /** Stores {@code content}; returns its keccak-256 as the node computed it. */
  public String put(byte[] content) {
    return call("openledger_putContent", Numeric.toHexString(content));
  }

  public byte[] get(String hash) {
    return Numeric.hexStringToByteArray(call("openledger_getContent", hash));
  }

  private String call(String method, String param) {
    try {
      HexResponse r = new Request<>(method, List.of(param), new org.web3j.protocol.http.HttpService(node.url()), HexResponse.class).send();
      if (r.hasError()) {
        throw new UserError(method + " failed at " + node.url() + ": " + r.getError().getMessage()
            + (r.getError().getCode() == -32601 ? " — this node has no content store (the devnet has one; on Besu, enable the OpenLedger plugin's RPC methods)" : ""));
      }
      return r.getResult();
    } catch (IOException e) {
      throw Connection.unreachable(node.url(), e);
    }
  }
}

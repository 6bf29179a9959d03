package org.openledger.cli.chain;

import java.util.List;
import org.openledger.cli.UserError;
import org.web3j.utils.Numeric;

/** The node's content store: {@code openledger_putContent} / {@code openledger_getContent}, keyed by keccak-256 of the bytes. */
public final class ContentStore {
  private final Connection node;

  public ContentStore(Connection node) {
    this.node = node;
  }

  /** Stores {@code content}; returns its keccak-256 as the node computed it. */
  public String put(byte[] content) {
    return DevChain.call(node, "openledger_putContent", List.of(Numeric.toHexString(content)),
        " — this node has no content store (the devnet has one; on Besu, enable the OpenLedger plugin's RPC methods)");
  }

  /** The content stored under {@code hash}; a {@link UserError} when the node has none (the devnet answers null, the Besu plugin an error). */
  public byte[] get(String hash) {
    String hex = DevChain.call(node, "openledger_getContent", List.of(hash),
        " — this node has no content store (the devnet has one; on Besu, enable the OpenLedger plugin's RPC methods)");
    if (hex == null) throw new UserError("the content store at " + node.url() + " has nothing under " + hash);
    return Numeric.hexStringToByteArray(hex);
  }
}

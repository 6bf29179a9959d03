package org.openledger.cli.chain;

import java.util.Arrays;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.cli.UserError;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.proof.ContentSource;

/** The node's content store as a {@link ContentSource}: every answer is checked against its hash. */
public final class RpcContentSource implements ContentSource {
  private final ContentStore store;

  public RpcContentSource(ContentStore store) {
    this.store = store;
  }

  @Override
  public byte[] get(Bytes32 hash) throws Unavailable {
    byte[] bytes;
    try {
      bytes = store.get(hash.toHexString());
    } catch (UserError e) {
      throw new Unavailable("content " + hash.toHexString() + ": " + e.getMessage());
    }
    if (!Arrays.equals(Keccak.hash(bytes), hash.toArrayUnsafe())) {
      throw new Unavailable("the content store answered " + hash.toHexString() + " with bytes that hash to "
          + Bytes32.wrap(Keccak.hash(bytes)).toHexString());
    }
    return bytes;
  }
}

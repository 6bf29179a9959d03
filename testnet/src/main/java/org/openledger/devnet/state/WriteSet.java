package org.openledger.devnet.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.devnet.rlp.Rlp;
import org.openledger.precompiles.Keccak;

/**
 * The final value of every piece of state a block changed, sorted by {@link StateKey}. An empty
 * value means "deleted" (a zero balance, nonce or storage word). Its {@link #hash} is what a block's
 * {@code stateRoot} chains: {@code keccak(rlp([[key, value], ...]))} in key order.
 */
public final class WriteSet {
  private final NavigableMap<StateKey, byte[]> writes;

  public WriteSet(Map<StateKey, byte[]> writes) {
    this.writes = Collections.unmodifiableNavigableMap(new TreeMap<>(writes));
  }

  public NavigableMap<StateKey, byte[]> writes() {
    return writes;
  }

  public int size() {
    return writes.size();
  }

  public Bytes32 hash() {
    List<byte[]> pairs = new ArrayList<>(writes.size());
    writes.forEach((k, v) -> pairs.add(Rlp.encodeList(Rlp.encodeBytes(k.bytesUnsafe()), Rlp.encodeBytes(v))));
    return Bytes32.wrap(Keccak.hash(Rlp.encodeList(pairs)));
  }

  /** {@code stateRoot_n = keccak(stateRoot_{n-1} ‖ keccak(writes_n))}; the parent of genesis is 32 zero bytes. */
  public Bytes32 chainRoot(Bytes32 parentStateRoot) {
    return Bytes32.wrap(Keccak.hash(parentStateRoot.toArrayUnsafe(), hash().toArrayUnsafe()));
  }
}

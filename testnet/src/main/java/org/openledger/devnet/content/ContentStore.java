package org.openledger.devnet.content;

import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.devnet.store.ChainStore;
import org.openledger.precompiles.Keccak;

/**
 * Content addressed by its keccak-256, kept in the node's RocksDB (synced on write): what datanet
 * contributions and model artefacts point to by hash on chain. Not part of the chain's state.
 */
public final class ContentStore {
  /** The default size limit of one item. */
  public static final int DEFAULT_MAX_BYTES = 1 << 20;

  private final ChainStore store;
  private final int maxBytes;

  public ContentStore(ChainStore store, int maxBytes) {
    this.store = store;
    this.maxBytes = maxBytes;
  }

  public int maxBytes() {
    return maxBytes;
  }

  /** Stores {@code content}; returns its hash. Storing the same bytes again is harmless. */
  public Bytes32 put(Bytes content) {
    if (content.size() > maxBytes) {
      throw new ContentTooLargeException("content is " + content.size() + " bytes; the limit is " + maxBytes);
    }
    Bytes32 hash = Keccak.hash(content);
    store.putContent(hash, content.toArray());
    return hash;
  }

  public Optional<Bytes> get(Bytes32 hash) {
    return store.content(hash).map(Bytes::wrap);
  }

  /** Content above the size limit. */
  public static final class ContentTooLargeException extends RuntimeException {
    public ContentTooLargeException(String message) {
      super(message);
    }
  }
}

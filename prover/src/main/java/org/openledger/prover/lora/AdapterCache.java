package org.openledger.prover.lora;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loaded adapters, least recently used first out, bounded by the bytes of their values
 * ({@link LoraAdapter#memoryBytes()}): a server holds as many adapters as fit its
 * {@code --adapter-memory} and loads the others on demand. Safe for concurrent use.
 *
 * @param <K> what names an adapter (a model id, a weights root)
 */
public final class AdapterCache<K> {

  /** Fetches and checks an adapter that is not in memory. */
  @FunctionalInterface
  public interface Loader<K> {
    LoraAdapter load(K key) throws Exception;
  }

  /** What the cache did, for metrics and logs. */
  public interface Listener<K> {
    default void hit(K key) {}

    default void loaded(K key, long bytes, long nanos) {}

    default void evicted(K key, long bytes) {}
  }

  /** An adapter larger than the whole bound can never be served. */
  public static final class TooLargeException extends Exception {
    public TooLargeException(String message) {
      super(message);
    }
  }

  private final long maxBytes;
  private final Loader<K> loader;
  private final Listener<K> listener;
  private final LinkedHashMap<K, LoraAdapter> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  public AdapterCache(long maxBytes, Loader<K> loader, Listener<K> listener) {
    if (maxBytes <= 0) throw new IllegalArgumentException("the adapter memory bound must be positive, got " + maxBytes);
    this.maxBytes = maxBytes;
    this.loader = loader;
    this.listener = listener;
  }

  /**
   * The adapter named {@code key}, loading it (and evicting the least recently used ones until it
   * fits) when it is not in memory. Loads happen under the cache's lock: a server loads one
   * adapter at a time, which also keeps two requests from fetching the same adapter twice.
   *
   * @throws TooLargeException when the adapter alone exceeds the bound
   * @throws Exception what the loader threw
   */
  public synchronized LoraAdapter get(K key) throws Exception {
    LoraAdapter hit = entries.get(key);
    if (hit != null) {
      listener.hit(key);
      return hit;
    }
    long start = System.nanoTime();
    LoraAdapter loaded = loader.load(key);
    long size = loaded.memoryBytes();
    if (size > maxBytes) {
      throw new TooLargeException("adapter " + key + " needs " + size + " bytes, more than the whole adapter memory of " + maxBytes
          + " bytes: raise --adapter-memory");
    }
    Iterator<Map.Entry<K, LoraAdapter>> lru = entries.entrySet().iterator();
    while (bytes + size > maxBytes) {
      Map.Entry<K, LoraAdapter> oldest = lru.next();
      long freed = oldest.getValue().memoryBytes();
      lru.remove();
      bytes -= freed;
      listener.evicted(oldest.getKey(), freed);
    }
    entries.put(key, loaded);
    bytes += size;
    listener.loaded(key, size, System.nanoTime() - start);
    return loaded;
  }

  public synchronized long bytes() {
    return bytes;
  }

  public synchronized int size() {
    return entries.size();
  }

  public synchronized boolean contains(K key) {
    return entries.containsKey(key);
  }

  public long maxBytes() {
    return maxBytes;
  }
}

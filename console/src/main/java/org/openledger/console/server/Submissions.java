package org.openledger.console.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Exactly-once form submissions. Every form submit carries a key the page generates once per
 * submit; a second request with the same key (a double click, a retried request) gets the first
 * one's outcome — waiting for it if it is still running — and never runs the action again. The
 * last {@link #CAPACITY} keys are remembered.
 */
public final class Submissions {
  static final int CAPACITY = 4096;

  private final Map<String, CompletableFuture<Object>> byKey = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Object>> eldest) {
      return size() > CAPACITY;
    }
  };

  /** Runs {@code action} the first time {@code key} is seen; returns (or throws) its one outcome every time. */
  public Object once(String key, Supplier<Object> action) {
    CompletableFuture<Object> mine = new CompletableFuture<>();
    CompletableFuture<Object> first;
    synchronized (byKey) {
      first = byKey.putIfAbsent(key, mine);
    }
    if (first == null) {
      try {
        mine.complete(action.get());
      } catch (RuntimeException e) {
        mine.completeExceptionally(e);
      }
      first = mine;
    }
    try {
      return first.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw e;
    }
  }
}

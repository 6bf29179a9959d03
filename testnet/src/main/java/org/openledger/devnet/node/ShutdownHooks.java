package org.openledger.devnet.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the node's resources in the reverse of the order they were opened, on {@link #close()}
 * or when the JVM shuts down (SIGTERM, SIGINT, the last non-daemon thread ending). Register each
 * resource right after opening it; the RPC server registered after the chain is then closed before
 * it, so no request reaches a closed database.
 *
 * <p>One deadline covers the whole shutdown: a resource that does not close in time is logged and
 * left behind so that the ones opened before it still get closed (the database last of all). Past
 * the deadline each remaining resource still gets a grace of half the timeout, so a hung
 * server does not cost the database its orderly close.
 */
public final class ShutdownHooks implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ShutdownHooks.class);

  /** How one resource's close went. */
  public enum Status { CLOSED, FAILED, TIMED_OUT }

  /** @param error the failure, or null when the resource closed or timed out */
  public record Outcome(String name, Status status, Throwable error) {}

  private record Entry(String name, AutoCloseable resource) {}

  private final Duration timeout;
  private final List<Entry> entries = new ArrayList<>();
  private List<Outcome> outcomes;
  private Thread hook;

  /** @param timeout the most the whole shutdown may take */
  public ShutdownHooks(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("shutdown timeout must be positive: " + timeout);
    }
    this.timeout = timeout;
  }

  /** Adds {@code resource}, to be closed before everything registered earlier; returns it. */
  public synchronized <T extends AutoCloseable> T register(String name, T resource) {
    Objects.requireNonNull(name);
    Objects.requireNonNull(resource, name);
    if (outcomes != null) {
      throw new IllegalStateException("shutdown already ran; " + name + " was not registered");
    }
    entries.add(new Entry(name, resource));
    return resource;
  }

  /** Runs {@link #close()} when the JVM shuts down (SIGTERM included). Idempotent. */
  public synchronized ShutdownHooks installOnJvmShutdown() {
    if (hook == null) {
      hook = new Thread(this::closeAll, "shutdown-hooks");
      Runtime.getRuntime().addShutdownHook(hook);
    }
    return this;
  }

  @Override
  public void close() {
    closeAll();
  }

  /**
   * Closes every resource, newest first, and reports how each went. The first call does the
   * work; later calls return the same outcomes.
   */
  public synchronized List<Outcome> closeAll() {
    if (outcomes != null) {
      return outcomes;
    }
    log.info("shutdown started resources={} timeoutMillis={}", entries.size(), timeout.toMillis());
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Outcome> done = new ArrayList<>();
    for (int i = entries.size() - 1; i >= 0; i--) {
      done.add(closeOne(entries.get(i), deadline));
    }
    outcomes = List.copyOf(done);
    removeHookUnlessRunning();
    log.info("shutdown finished resources={}", outcomes.size());
    return outcomes;
  }

  private Outcome closeOne(Entry entry, long deadline) {
    // On a thread of its own so that a close that hangs cannot hold up the ones after it.
    CompletableFuture<Void> closing = new CompletableFuture<>();
    Thread closer = Thread.ofPlatform().daemon().name("close-" + entry.name()).start(() -> {
      try {
        entry.resource().close();
        closing.complete(null);
      } catch (Throwable t) {
        closing.completeExceptionally(t);
      }
    });
    // A resource after a hung one still gets half the timeout: a stuck RPC server must not
    // leave the database unclosed (a loaded machine needs more than a token grace to start a thread).
    long remaining = Math.max(timeout.toNanos() / 2, deadline - System.nanoTime());
    try {
      closing.get(remaining, TimeUnit.NANOSECONDS);
      log.info("closed resource={}", entry.name());
      return new Outcome(entry.name(), Status.CLOSED, null);
    } catch (ExecutionException e) {
      log.error("close failed resource={}", entry.name(), e.getCause());
      return new Outcome(entry.name(), Status.FAILED, e.getCause());
    } catch (TimeoutException e) {
      log.warn("close timed out resource={}; continuing shutdown", entry.name());
      closer.interrupt();
      return new Outcome(entry.name(), Status.TIMED_OUT, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(entry.name(), Status.TIMED_OUT, null);
    }
  }

  private void removeHookUnlessRunning() {
    if (hook != null && Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down: the hook runs and finds the outcomes recorded
      }
    }
  }
}

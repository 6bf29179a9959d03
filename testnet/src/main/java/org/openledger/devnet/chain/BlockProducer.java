package org.openledger.devnet.chain;

import java.time.Duration;
import org.openledger.devnet.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals blocks on one thread: every {@code interval} (empty blocks included, so block numbers and
 * governance periods advance with time) and, with automine, as soon as a transaction is pending
 * (a block then holds everything that arrived while the previous one was being sealed). On-demand
 * blocks ({@code openledger_mine}) go through {@link Chain#mine} and are serialised with these by
 * the chain's seal lock. A database failure stops production: the node must not go on without
 * durable blocks.
 */
public final class BlockProducer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BlockProducer.class);

  private final Chain chain;
  private final Duration interval;
  private final boolean automine;
  private final Thread thread;
  private volatile boolean running = true;

  /** @param interval time between blocks, or {@link Duration#ZERO} for none (then automine or on demand only) */
  public BlockProducer(Chain chain, Duration interval, boolean automine) {
    if (interval.isNegative()) throw new IllegalArgumentException("negative block interval");
    this.chain = chain;
    this.interval = interval;
    this.automine = automine;
    this.thread = Thread.ofPlatform().name("block-producer").daemon().unstarted(this::run);
  }

  public BlockProducer start() {
    thread.start();
    return this;
  }

  private void run() {
    long intervalMillis = interval.toMillis();
    long nextTick = System.currentTimeMillis() + intervalMillis;
    try {
      while (running) {
        long now = System.currentTimeMillis();
        if (intervalMillis > 0 && now >= nextTick) {
          chain.seal();
          nextTick = Math.max(nextTick + intervalMillis, System.currentTimeMillis());
          continue;
        }
        long waitMillis = intervalMillis > 0 ? Math.min(nextTick - now, 100) : 100;
        if (automine) {
          if (chain.pool().awaitPending(waitMillis) && running) chain.seal();
        } else {
          Thread.sleep(Math.max(1, waitMillis));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (StoreException e) {
      LOG.error("block production stopped: {}", e.getMessage(), e);
    }
  }

  public boolean isRunning() {
    return running && thread.isAlive();
  }

  /** Stops after the block being sealed, if any, is committed. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package org.openledger.cli.eval;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

import org.openledger.prover.eval.Progress;

/**
 * A one-line progress bar on stderr: phase name, bar, count, elapsed time. Redrawn in place with
 * {@code \r} on a terminal; on a pipe each phase prints one line when it starts and one when it ends,
 * so logs stay readable.
 */
public final class ProgressBar implements Progress {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final boolean terminal;
  private final long start = System.nanoTime();
  private final AtomicInteger done = new AtomicInteger();
  private volatile String phase;
  private volatile int total;
  private volatile long phaseStart;

  /** On stderr, redrawn in place when stderr is a terminal. */
  public static ProgressBar stderr() {
    return new ProgressBar(System.err, System.console() != null);
  }

  public ProgressBar(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public synchronized void phase(String name, int steps) {
    finishLine();
    phase = name;
    total = steps;
    phaseStart = System.nanoTime();
    done.set(0);
    draw();
  }

  @Override
  public void step() {
    done.incrementAndGet();
    if (terminal) {
      synchronized (this) {
        draw();
      }
    }
  }

  /** Ends the last phase's line. */
  synchronized void finish() {
    finishLine();
    phase = null;
  }

  private void finishLine() {
    if (phase == null) {
      return;
    }
    if (terminal) {
      draw();
      out.println();
    } else {
      out.printf("  done: %s (%s)%n", phase, seconds(System.nanoTime() - phaseStart));
    }
  }

  private void draw() {
    String elapsed = seconds(System.nanoTime() - start);
    if (!terminal) {
      if (done.get() == 0) {
        out.printf("[%s] %s%s%n", elapsed, phase, total > 0 ? " (" + total + ")" : "");
      }
      return;
    }
    if (total == 0) {
      out.printf("\r[%s] %s ...", elapsed, phase);
    } else {
      int n = Math.min(done.get(), total);
      int filled = n * WIDTH / total;
      out.printf("\r[%s] %-34s |%s%s| %d/%d", elapsed, phase, "#".repeat(filled), " ".repeat(WIDTH - filled), n, total);
    }
    out.flush();
  }

  private static String seconds(long nanos) {
    long s = nanos / 1_000_000_000L;
    return String.format("%d:%02d", s / 60, s % 60);
  }
}

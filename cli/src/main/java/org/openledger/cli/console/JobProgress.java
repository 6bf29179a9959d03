package org.openledger.cli.console;

import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openledger.prover.eval.Progress;

/** How far the console's own ModelFactory worker is with each job: the phase and its steps, as the trainer reports them. */
public final class JobProgress {
  /** One job's progress as the page shows it. */
  public record State(String phase, int done, int total, String error) {}

  private final Map<BigInteger, State> byJob = new ConcurrentHashMap<>();

  /** Null for a job no worker of this console has touched. */
  public State of(BigInteger job) {
    return byJob.get(job);
  }

  void failed(BigInteger job, String error) {
    State s = byJob.getOrDefault(job, new State("failed", 0, 0, null));
    byJob.put(job, new State(s.phase(), s.done(), s.total(), error));
  }

  void phase(BigInteger job, String phase) {
    byJob.put(job, new State(phase, 0, 0, null));
  }

  /** A {@link Progress} that records the trainer's phases for {@code job}. */
  Progress reporter(BigInteger job) {
    return new Progress() {
      @Override
      public void phase(String name, int total) {
        byJob.put(job, new State(name, 0, total, null));
      }

      @Override
      public void step() {
        byJob.computeIfPresent(job, (k, s) -> new State(s.phase(), s.done() + 1, s.total(), null));
      }
    };
  }
}

package org.openledger.prover.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.openledger.prover.attribution.AttributionProblem;
import org.openledger.prover.attribution.Gradients;
import org.openledger.prover.attribution.Groups;
import org.openledger.prover.model.LogisticRegression;
import org.openledger.prover.model.LogisticRegression.Convergence;

/**
 * The ground truth of one LDS level: {@code S} random halves of the groups (seeded), a model
 * retrained on each half's examples (each fit is deterministic, so the thread count changes
 * nothing), and each retrained model's margin on every test output at the full model's class.
 *
 * @param chosen {@code chosen[s][g]}: group {@code g} is in subset {@code s}
 * @param actual {@code actual[s * tests + t]}: retrained margin of test {@code t} on subset {@code s}
 * @param iterations total L-BFGS steps over all retrainings
 */
public record RetrainedSubsets(Groups groups, boolean[][] chosen, double[] actual, int tests, long iterations) {

  /**
   * One retraining: the model fitted on {@code examples} (ascending indices into the training set),
   * and its margin on every test output at the full model's class. Must be deterministic and safe
   * to call from several threads at once.
   */
  @FunctionalInterface
  public interface Retraining {
    Fit fit(int[] examples);

    /** The retrained margins, one per test output, and the optimiser steps it took. */
    record Fit(double[] margins, long iterations) {}
  }

  /**
   * Logistic regression: draws the subsets and retrains each to convergence, warm-started from the
   * full model. The preconditioner (may be null) only speeds the fits up.
   */
  public static RetrainedSubsets retrain(AttributionProblem problem, Groups groups, int subsets, long seed,
      Convergence convergence, LogisticRegression.Preconditioner preconditioner, int threads, Progress progress) {
    return retrain(groups, problem.tests(), subsets, seed, threads, progress, examples -> {
      LogisticRegression.Fit fit = LogisticRegression.trainToConvergence(problem.train(), examples,
          problem.model().classes(), convergence, problem.model(), preconditioner);
      return new Retraining.Fit(Gradients.margins(fit.model(), problem.test(), problem.classes()), fit.iterations());
    });
  }

  /** Any model: draws {@code subsets} halves of the groups and runs {@code retraining} on each, {@code threads} at once. */
  public static RetrainedSubsets retrain(Groups groups, int tests, int subsets, long seed, int threads, Progress progress,
      Retraining retraining) {
    if (subsets < 2) {
      throw new IllegalArgumentException("LDS needs at least 2 subsets, got " + subsets);
    }
    boolean[][] chosen = draw(groups.count(), subsets, seed);
    double[] actual = new double[subsets * tests];
    long[] steps = new long[subsets];
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "lds-retrain");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int s = 0; s < subsets; s++) {
        int subset = s;
        work.add(pool.submit(() -> {
          Retraining.Fit fit = retraining.fit(groups.examplesOf(chosen[subset]));
          if (fit.margins().length != tests) {
            throw new IllegalStateException("a retraining returned " + fit.margins().length + " margins for " + tests + " tests");
          }
          System.arraycopy(fit.margins(), 0, actual, subset * tests, tests);
          steps[subset] = fit.iterations();
          progress.step();
        }));
      }
      for (Future<?> w : work) {
        w.get();
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retraining", e);
    } finally {
      pool.shutdownNow();
    }
    long total = 0;
    for (long s : steps) {
      total += s;
    }
    return new RetrainedSubsets(groups, chosen, actual, tests, total);
  }

  /** Each subset: exactly ⌊count/2⌋ groups, a seeded partial Fisher–Yates draw. */
  static boolean[][] draw(int count, int subsets, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    boolean[][] chosen = new boolean[subsets][count];
    int[] order = new int[count];
    for (int s = 0; s < subsets; s++) {
      for (int g = 0; g < count; g++) {
        order[g] = g;
      }
      for (int q = 0; q < count / 2; q++) {
        int j = q + random.nextInt(count - q);
        int t = order[q];
        order[q] = order[j];
        order[j] = t;
        chosen[s][order[q]] = true;
      }
    }
    return chosen;
  }

  public int subsets() {
    return chosen.length;
  }

  /**
   * The LDS of a scorer's influence ({@code tests × groups}): per test output, Spearman's ρ between
   * the retrained margins and the predicted sums {@code Σ_{g∈S} τ_g} over the subsets; then the mean
   * over test outputs (an output whose ranking is undefined, constant on either side, is left out).
   */
  public double lds(double[] influence) {
    int count = groups.count();
    if (influence.length != (long) tests * count) {
      throw new IllegalArgumentException(influence.length + " scores are not " + tests + "×" + count);
    }
    int subsets = subsets();
    double sum = 0;
    int counted = 0;
    double[] predicted = new double[subsets];
    double[] retrained = new double[subsets];
    for (int t = 0; t < tests; t++) {
      for (int s = 0; s < subsets; s++) {
        double p = 0;
        for (int g = 0; g < count; g++) {
          if (chosen[s][g]) {
            p += influence[t * count + g];
          }
        }
        predicted[s] = p;
        retrained[s] = actual[s * tests + t];
      }
      double rho = Spearman.correlation(predicted, retrained);
      if (!Double.isNaN(rho)) {
        sum += rho;
        counted++;
      }
    }
    return counted == 0 ? Double.NaN : sum / counted;
  }
}

package org.openledger.prover.eval;

import java.util.ArrayList;
import java.util.List;

import org.openledger.compute.ComputeBackend;
import org.openledger.compute.linalg.DoubleMatrix;
import org.openledger.prover.attribution.AttributionProblem;
import org.openledger.prover.attribution.DampedHessian;
import org.openledger.prover.attribution.Dense;
import org.openledger.prover.attribution.ExactInfluence;
import org.openledger.prover.attribution.GradientDot;
import org.openledger.prover.attribution.Groups;
import org.openledger.prover.attribution.HessianEigen;
import org.openledger.prover.attribution.InfluenceScorer;
import org.openledger.prover.attribution.InverseHessianPreconditioner;
import org.openledger.prover.attribution.ProjectedInfluence;
import org.openledger.prover.attribution.Quantization;
import org.openledger.prover.attribution.WhitenedPcaBasis;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.model.LogisticRegression;
import org.openledger.prover.model.LogisticRegression.Convergence;

/**
 * One LDS evaluation end to end (DESIGN §6 "Quality bar"): train to convergence, build the exact
 * damped Hessian and the whitened-PCA basis, score with every scorer, retrain on random halves at
 * example and contributor level (one set of retrainings per level, shared by all scorers), and
 * report each scorer's LDS at both levels with the proof size its basis costs.
 */
public final class LdsEvaluation {
  private LdsEvaluation() {}

  /**
   * @param ranks basis ranks k to evaluate
   * @param quantizations how the basis scores' operands are stored
   * @param damping λ added to the Hessian (the training L2 is {@code convergence.l2()})
   * @param threads retrainings run at once
   * @param proofLeaves M, the leaves a proof carries, for the size column
   */
  public record Config(int contributors, int subsets, List<Integer> ranks, List<Quantization> quantizations,
      double damping, long seed, Convergence convergence, int threads, int proofLeaves) {
    public Config {
      ranks = List.copyOf(ranks);
      quantizations = List.copyOf(quantizations);
      if (contributors < 2 || subsets < 2 || threads < 1 || proofLeaves < 1 || !(damping > 0)) {
        throw new IllegalArgumentException("invalid LDS config " + this);
      }
    }
  }

  /** One scorer's result; {@code k = 0} and empty proof size for the scorers without a basis. */
  public record Row(String scorer, int k, Quantization quantization, double exampleLds, double contributorLds,
      int proofBytes) {}

  /** Everything measured, with the costs: L-BFGS steps of the full fit and of all retrainings. */
  public record Result(List<Row> rows, double testAccuracy, int fullFitIterations, long retrainIterations,
      int retrainings, long fullFitNanos, long retrainNanos, long basisNanos) {}

  /**
   * Makes a scorer from the problem and the basis of one rank — how the chain's exact fixed-point
   * scorer (integer gradients, {@code BasisRows}, docs §2–§3) joins the comparison.
   */
  @FunctionalInterface
  public interface BasisScorerFactory {
    InfluenceScorer create(AttributionProblem problem, WhitenedPcaBasis basis);
  }

  /**
   * Runs it. Each extra factory is called once per rank in {@code config.ranks()}, and its scorers
   * are evaluated on the same retrainings as the built-in ones.
   */
  public static Result run(LabelledImages train, LabelledImages test, Config config, ComputeBackend backend,
      Dense dense, Progress progress, List<BasisScorerFactory> extra) {
    progress.phase("train full model", 0);
    long t0 = System.nanoTime();
    LogisticRegression.Fit full = LogisticRegression.trainToConvergence(
        train, allOf(train.size()), classesOf(train, test), config.convergence(), null);
    long fullFitNanos = System.nanoTime() - t0;
    LogisticRegression model = full.model();

    progress.phase("gradients, Hessian, eigendecomposition", 0);
    long t1 = System.nanoTime();
    AttributionProblem problem = AttributionProblem.of(model, train, test.images());
    DoubleMatrix h = DampedHessian.of(model, train, config.damping(), dense);
    HessianEigen eigen = DampedHessian.factor(h, backend);
    h = null; // 0.5 GB at d = 7,850: let it go before the basis needs its own
    List<InfluenceScorer> scorers = new ArrayList<>();
    scorers.add(new ExactInfluence(problem, eigen, dense));
    scorers.add(new GradientDot(problem, dense));
    if (!config.ranks().isEmpty()) {
      int kMax = config.ranks().stream().mapToInt(Integer::intValue).max().orElseThrow();
      progress.phase("whitened-PCA basis, k = " + kMax, 0);
      WhitenedPcaBasis basis = WhitenedPcaBasis.compute(
          problem.trainGradients(), problem.trainSize(), eigen, kMax, backend, dense);
      for (int k : config.ranks()) {
        for (Quantization q : config.quantizations()) {
          scorers.add(new ProjectedInfluence(problem, basis.first(k), q, dense));
        }
        for (BasisScorerFactory make : extra) {
          scorers.add(make.create(problem, basis.first(k)));
        }
      }
    }
    long basisNanos = System.nanoTime() - t1;

    long t2 = System.nanoTime();
    InverseHessianPreconditioner preconditioner = new InverseHessianPreconditioner(eigen);
    Groups examples = Groups.examples(train.size());
    Groups contributors = Groups.contributors(train.size(), config.contributors(), config.seed());
    progress.phase("retrain on example subsets", config.subsets());
    RetrainedSubsets exampleLevel = RetrainedSubsets.retrain(problem, examples, config.subsets(),
        config.seed() * 31 + 1, config.convergence(), preconditioner, config.threads(), progress);
    progress.phase("retrain on contributor subsets", config.subsets());
    RetrainedSubsets contributorLevel = RetrainedSubsets.retrain(problem, contributors, config.subsets(),
        config.seed() * 31 + 2, config.convergence(), preconditioner, config.threads(), progress);
    long retrainNanos = System.nanoTime() - t2;

    progress.phase("score", scorers.size());
    List<Row> rows = new ArrayList<>();
    for (InfluenceScorer scorer : scorers) {
      double e = exampleLevel.lds(scorer.influence(examples));
      double c = contributorLevel.lds(scorer.influence(contributors));
      int bytes = scorer.rank() == 0 ? 0
          : ProofSize.bytes(scorer.rank(), scorer.quantization(), config.proofLeaves(), config.contributors());
      rows.add(new Row(scorer.name(), scorer.rank(), scorer.quantization(), e, c, bytes));
      progress.step();
    }
    return new Result(rows, model.accuracy(test), full.iterations(),
        exampleLevel.iterations() + contributorLevel.iterations(), 2 * config.subsets(),
        fullFitNanos, retrainNanos, basisNanos);
  }

  private static int[] allOf(int n) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    return all;
  }

  private static int classesOf(LabelledImages train, LabelledImages test) {
    int max = 0;
    for (int i = 0; i < train.size(); i++) {
      max = Math.max(max, train.label(i));
    }
    for (int i = 0; i < test.size(); i++) {
      max = Math.max(max, test.label(i));
    }
    return Math.max(2, max + 1);
  }
}

package org.openledger.cli.eval;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.openledger.cli.UserError;
import org.openledger.compute.ComputeBackend;
import org.openledger.compute.ComputeBackends;
import org.openledger.prover.attribution.kfac.KfacConfig;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.MlpLdsEvaluation;
import org.openledger.prover.model.MlpTrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code openledger eval mlp-lds}: the MLP's linear datamodeling score, example and contributor level. */
@Command(
    name = "mlp-lds",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Does influence predict retraining for the MLP (784→64→10, ReLU)? Trains it on Fashion-MNIST, then retrains "
          + "it on random halves of the examples and of the contributors owning them, and ranks each test output's "
          + "retrained margin (at the full model's class) against the influence each scorer predicts for the half. "
          + "LDS is Spearman's ρ of that ranking, averaged over test outputs.",
      "",
      "Scorers: the K-FAC whitened basis at each --k (rows b_out ⊗ b_in per layer, chosen by whitened variance; "
          + "float, and int16 as a proof carries it — at contributor level the int16 operand is the quantized sum of "
          + "the contributor's features, as an index leaf is); with --all-pairs the exact EK-FAC influence over every "
          + "Kronecker pair (a reference: its rows span all 50,890 parameters); and gradient-dot.",
      "",
      "SGD on a non-convex model: a half retrained from scratch differs from the full model by more than the removed "
          + "data, so the MLP's LDS is lower than logistic regression's (docs/attribution.md §11–§12).",
      ""
    })
public final class MlpLdsCommand implements Callable<Integer> {

  @Mixin LdsReport run;

  @Option(names = "--train", defaultValue = "1000", description = "Training examples (default ${DEFAULT-VALUE}).")
  int train;

  @Option(names = "--test", defaultValue = "50", description = "Test outputs explained (default ${DEFAULT-VALUE}).")
  int test;

  @Option(names = "--contributors", defaultValue = "50", description = "Contributors owning the training examples, equal "
      + "shares dealt from a seeded shuffle (default ${DEFAULT-VALUE}).")
  int contributors;

  @Option(names = "--subsets", defaultValue = "30", description = "Random 50%% subsets per level, each retrained (default ${DEFAULT-VALUE}).")
  int subsets;

  @Option(names = "--k", split = ",", defaultValue = "256,512,1024", description = "K-FAC basis ranks, comma-separated (default ${DEFAULT-VALUE}).")
  List<Integer> ranks;

  @Option(names = "--all-pairs", description = "Also score with every EK-FAC pair (the exact EK-FAC influence; slower).")
  boolean allPairs;

  @Option(names = "--damping", defaultValue = "1e-2", description = "λ added to every corrected eigenvalue (default ${DEFAULT-VALUE}).")
  double damping;

  @Option(names = "--epochs", description = "SGD epochs of every fit (default: the trainer's, "
      + "MlpTrainingConfig.defaults()).")
  Integer epochs;

  @Option(names = "--warm", description = "Retrain each half from the full model's weights instead of from the seeded initialisation.")
  boolean warm;







  @Override
  public Integer call() {
    PrintStream err = System.err;
    if (!(damping > 0)) {
      throw new UserError("--damping must be positive, got " + damping);
    }
    if (subsets < 3) {
      throw new UserError("--subsets must be at least 3");
    }
    List<KfacConfig> bases = new ArrayList<>();
    for (int k : ranks) {
      if (k <= 0) {
        throw new UserError("--k values must be positive, got " + k);
      }
      bases.add(new KfacConfig(k, damping));
    }
    if (allPairs) {
      bases.add(new KfacConfig(KfacConfig.ALL_PAIRS, damping));
    }
    LabelledImages[] data = run.load(train, test, err);
    if (contributors < 2 || contributors > data[0].size()) {
      throw new UserError("--contributors must be in 2.." + data[0].size());
    }
    MlpTrainingConfig training = MlpTrainingConfig.defaults();
    if (epochs != null) {
      if (epochs < 1) {
        throw new UserError("--epochs must be at least 1");
      }
      training = training.withEpochs(epochs);
    }
    MlpLdsEvaluation.Config config = new MlpLdsEvaluation.Config(contributors, subsets, run.seed, warm,
        run.threads(), 16);
    err.printf("MLP LDS: %,d train / %,d test, %d contributors, %d subsets per level, k = %s%s, λ = %s%n",
        data[0].size(), data[1].size(), contributors, subsets, ranks, allPairs ? " + all pairs" : "", damping);
    ProgressBar bar = ProgressBar.stderr();
    MlpLdsEvaluation.Result result;
    try (ComputeBackend backend = ComputeBackends.open()) {
      result = MlpLdsEvaluation.run(backend, data[0], data[1], training, bases, config, bar);
    } finally {
      bar.finish();
    }
    run.report(result.rows(), err, () -> {
      System.out.printf(Locale.ROOT, "%ntest accuracy %.3f; %d retrainings%n", result.testAccuracy(), result.retrainings());
      result.bases().forEach(b -> System.out.println("basis " + b));
    });
    return 0;
  }
}

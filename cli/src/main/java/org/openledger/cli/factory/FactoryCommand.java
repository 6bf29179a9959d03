package org.openledger.cli.factory;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.KeyOptions;
import org.openledger.cli.chain.Open;
import org.openledger.cli.chain.RpcOptions;
import org.openledger.cli.chain.Session;
import org.openledger.cli.eval.ProgressBar;
import org.openledger.prover.factory.Checkpoints;
import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.prover.factory.LogisticFactory;
import org.openledger.prover.factory.MlpFactory;
import org.openledger.prover.factory.VersionFactory;
import org.openledger.prover.model.LogisticRegression.Convergence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code openledger factory}: the ModelFactory trainer and attester. */
@Command(
    name = "factory",
    mixinStandardHelpOptions = true,
    description = "Train and deliver a funded fine-tuning job (deliver), or rebuild and attest a registered version (attest).",
    subcommands = {FactoryCommand.Deliver.class, FactoryCommand.Attest.class})
public final class FactoryCommand {

  /** The two shipped architectures, as {@code --architecture} names them. */
  enum Architecture { logistic, mlp }

  static final class Build {
    @Option(names = "--architecture", paramLabel = "ARCH", defaultValue = "logistic", description = {
        "What to train (default ${DEFAULT-VALUE}):",
        "  logistic  multinomial logistic regression to convergence; damped Hessian, whitened-PCA basis",
        "  mlp       a one-hidden-layer ReLU MLP (seeded SGD, 30 epochs); per-layer K-FAC basis of Kronecker rows",
        "Both are proven, challenged and attested the same way (docs/attribution.md)."})
    Architecture architecture;

    @Option(names = "--hidden", paramLabel = "N", description = "MLP hidden width (default 64; --architecture mlp only).")
    Integer hidden;

    @Option(names = "--rank", paramLabel = "K", description = "Basis rank k (default 128 for logistic, capped at the number of "
        + "examples; 64 Kronecker rows for mlp).")
    Integer rank;

    @Option(names = "--damping", paramLabel = "LAMBDA", description = "Damping λ (default for logistic: the training L2, "
        + "which makes it the objective's own Hessian; for mlp: 0.01 on the K-FAC eigenvalues).")
    Double damping;

    VersionFactory config() {
      if (hidden != null && architecture != Architecture.mlp) throw new UserError("--hidden sets the MLP's width: add --architecture mlp, or drop --hidden");
      try {
        return switch (architecture) {
          case logistic -> {
            Convergence c = Convergence.defaults();
            yield new LogisticFactory.Config(rank == null ? 128 : rank, damping == null ? c.l2() : damping, c);
          }
          case mlp -> {
            MlpFactory.Config d = MlpFactory.Config.defaults();
            if (hidden != null && (hidden < 1 || hidden > FixedMlp.MAX_HIDDEN)) {
              throw new UserError("--hidden must be in 1.." + FixedMlp.MAX_HIDDEN + ", got " + hidden);
            }
            yield new MlpFactory.Config(d.training().withHidden(hidden == null ? d.training().hidden() : hidden),
                rank == null ? d.rank() : rank, damping == null ? d.damping() : damping);
          }
        };
      } catch (IllegalArgumentException e) {
        throw new UserError("--rank must be at least 1 and --damping positive (got " + rank + ", " + damping + ")");
      }
    }
  }

  /** Where a long build keeps its finished stages, so a stopped build resumes. */
  static final class Resume {
    @Option(names = "--work-dir", paramLabel = "DIR", description = "Checkpoints of the expensive stages (logistic: trained model, "
        + "Hessian eigendecomposition, basis; mlp: trained model, Kronecker basis), so a stopped or crashed build resumes where it was (default: "
        + "$XDG_CACHE_HOME/openledger/factory, else ~/.cache/openledger/factory). At full size the eigendecomposition "
        + "takes 0.5 GB; any file there may be deleted at any time.")
    Path workDir;

    @Option(names = "--no-checkpoints", description = "Compute every stage; keep nothing on disk.")
    boolean none;

    Checkpoints checkpoints() {
      if (none) return Checkpoints.NONE;
      Path dir = workDir;
      if (dir == null) {
        String cache = System.getenv("XDG_CACHE_HOME");
        dir = (cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache"))
            .resolve("openledger").resolve("factory");
      }
      try {
        return Checkpoints.in(dir);
      } catch (java.io.UncheckedIOException e) {
        throw new UserError(e.getMessage() + " — pass another --work-dir, or --no-checkpoints", e);
      }
    }
  }

  @Command(name = "deliver", mixinStandardHelpOptions = true, description = {
      "Take a funded fine-tuning job and deliver a trained version with its attribution index.",
      "",
      "Accepts the job (if Open), reads the model's datanets' accepted contributions (image contributions in the node's "
          + "content store) and trains --architecture: multinomial logistic regression to convergence (then the damped "
          + "Hessian and its whitened-PCA basis), or the MLP (then its per-layer K-FAC Kronecker basis, --hidden units wide). "
          + "It quantizes the model, builds the integer index (docs/attribution.md), publishes every blob the roots name, and "
          + "delivers the version with the committed model's accuracy on the job's evaluation set (its datasetRoot) as "
          + "the evaluation score in basis points. The owner keeps setHost and setRates.",
      "",
      "Examples:",
      "  openledger factory deliver --job 1",
      "  openledger factory deliver --job 1 --architecture mlp --hidden 32",
      ""})
  static final class Deliver implements Callable<Integer> {
    @Mixin RpcOptions rpc;
    @Mixin KeyOptions keys;
    @Mixin Build build;
    @Mixin Resume resume;

    @Option(names = "--job", required = true, paramLabel = "ID", description = "The Services job to deliver.")
    BigInteger job;

    @Option(names = "--in-rate", paramLabel = "OPEN", defaultValue = "0", description = "Input rate per 1,000 tokens the version registers (default ${DEFAULT-VALUE}).")
    String inRate;

    @Option(names = "--out-rate", paramLabel = "OPEN", defaultValue = "0", description = "Output rate per 1,000 tokens (default ${DEFAULT-VALUE}).")
    String outRate;

    @Override
    public Integer call() {
      try (Session s = new Session(rpc, keys)) {
        Trainer.Delivery d = new Trainer(s, build.config(), ProgressBar.stderr(), resume.checkpoints())
            .deliver(job, Open.parse(inRate, "--in-rate"), Open.parse(outRate, "--out-rate"));
        System.out.printf("delivered %s version %s of job %s: %d examples, %d index leaves, k = %d, evaluation %.2f%%%n",
            build.architecture, d.version(), job, d.examples(), d.leaves(), d.artifacts().rank(), d.evaluationScoreBp() / 100.0);
        System.out.println("weightsRoot " + d.artifacts().weightsRoot().toHexString() + "\nbasisRoot   " + d.artifacts().basisRoot().toHexString()
            + "\nindexRoot   " + d.artifacts().indexRoot().toHexString());
        return 0;
      }
    }
  }

  @Command(name = "attest", description = {
      "Rebuild a registered version from its training data and attest it when it matches.",
      "",
      "Fetches the version's weights, basis and index from the content store by their roots, rebuilds them from the "
          + "contributions its datanets had accepted when it was registered — as the architecture its weights commit, "
          + "logistic regression or the MLP (at its committed width, the default training settings) — and sends "
          + "Provers.attest when every int16 coordinate is within one quantization step. Needs the minimum attester bond "
          + "(openledger prover bonds)."})
  static final class Attest implements Callable<Integer> {
    // --version names a model version here, so only the help half of the standard options
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.") boolean help;

    @Mixin RpcOptions rpc;
    @Mixin KeyOptions keys;
    @Mixin Resume resume;

    @Option(names = "--model", required = true, paramLabel = "ID") BigInteger model;
    @Option(names = "--version", required = true, paramLabel = "N") BigInteger version;

    @Override
    public Integer call() {
      try (Session s = new Session(rpc, keys)) {
        Optional<String> mismatch = new Trainer(s, LogisticFactory.Config.defaults(), ProgressBar.stderr(), resume.checkpoints()).attest(model, version);
        if (mismatch.isPresent()) {
          System.out.println("not attested: " + mismatch.get());
          return 1;
        }
        System.out.println("attested version " + version + " of model " + model);
        return 0;
      }
    }
  }
}

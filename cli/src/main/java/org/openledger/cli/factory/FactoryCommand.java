package org.openledger.cli.factory;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.cli.prover.VersionAttester;
import org.openledger.cli.attribute.SpanVersionCheck;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.ContentStore;
import org.openledger.cli.chain.RpcContentSource;
import org.openledger.cli.chain.KeyOptions;
import org.openledger.cli.chain.Open;
import org.openledger.cli.chain.Output;
import org.openledger.cli.chain.RpcOptions;
import org.openledger.cli.chain.Session;
import org.openledger.cli.eval.ProgressBar;
import org.openledger.prover.data.ImageContribution;
import org.openledger.prover.factory.Checkpoints;
import org.openledger.prover.factory.JobSpec;
import org.openledger.prover.proof.ContentSource;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.prover.attribution.adapter.AdapterBasis;
import org.openledger.prover.factory.AdapterJob;
import org.openledger.prover.factory.LogisticFactory;
import org.openledger.prover.lora.AdapterFactory;
import org.openledger.prover.lora.AdapterTrainer;
import org.openledger.prover.factory.MlpFactory;
import org.openledger.prover.factory.VersionFactory;
import org.openledger.prover.model.LogisticRegression.Convergence;
import org.openledger.prover.model.MlpTrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code openledger factory}: the ModelFactory trainer and attester. */
@Command(
    name = "factory",
    mixinStandardHelpOptions = true,
    description = "Open a fine-tuning job that specifies what to train (open), show one (job), train and deliver one "
        + "(deliver) or every one you can build (run, the trainer daemon), or rebuild and attest a registered version (attest).",
    subcommands = {FactoryCommand.OpenJob.class, FactoryCommand.ShowJob.class, FactoryCommand.Deliver.class, FactoryCommand.RunDaemon.class, FactoryCommand.Attest.class})
public final class FactoryCommand {

  /** The shipped architectures, as {@code --architecture} names them. */
  enum Architecture { logistic, mlp, adapter }

  /** What to train: the options a job specification commits ({@code open}) or a trainer uses for a job without one ({@code deliver}). */
  static final class Build {
    @Option(names = "--architecture", paramLabel = "ARCH", description = {
        "What to train (default logistic):",
        "  logistic  multinomial logistic regression to convergence; damped Hessian, whitened-PCA basis",
        "  mlp       a one-hidden-layer ReLU MLP (seeded mini-batch SGD); per-layer K-FAC basis of Kronecker rows",
        "  adapter   a LoRA adapter of the model's deployed base model (the model was proposed with",
        "            openledger model propose --base B): the base frozen, A and B fine-tuned by seeded SGD;",
        "            K-FAC basis over the adapter's parameters (docs/openlora.md §5)",
        "All are proven and attested the same way (docs/attribution.md); adapters are challengeable by omission only."})
    Architecture architecture;

    @Option(names = "--base-version", paramLabel = "N", description = "adapter: the base model's version to fine-tune on (default: its deployed "
        + "version, the one adapters are served on; another is refused).")
    BigInteger baseVersion;

    @Option(names = "--lora-rank", paramLabel = "R", description = "adapter: rank r of every layer's update B·A (default 8, at most "
        + JobSpec.MAX_LORA_RANK + ").")
    Integer loraRank;

    @Option(names = "--alpha", paramLabel = "ALPHA", description = "adapter: α; each update is scaled by α / r (default 16).")
    Double alpha;

    @Option(names = "--hidden", paramLabel = "N", description = "MLP hidden width, 1..1024 (default 64; mlp only).")
    Integer hidden;

    @Option(names = "--epochs", paramLabel = "N", description = "SGD passes over the training set (default 30 for mlp and adapter; mlp and adapter only).")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "N", description = "Examples per SGD step (default 32; mlp and adapter only).")
    Integer batch;

    @Option(names = "--learning-rate", paramLabel = "ETA", description = "SGD step size (mlp: initial, decaying linearly to 0, default 0.1; "
        + "adapter: constant, default 0.05; mlp and adapter only).")
    Double learningRate;

    @Option(names = "--seed", paramLabel = "N", description = "Initial weights and batch order (default 11 for mlp, 2026 for adapter; mlp and adapter only).")
    Long seed;

    @Option(names = "--l2", paramLabel = "LAMBDA", description = "Training L2 penalty (default 0.01 for logistic, 0.001 for mlp).")
    Double l2;

    @Option(names = "--rank", paramLabel = "K", description = "Basis rank k (default 128 for logistic, capped at the number of "
        + "examples; 64 Kronecker rows for mlp; 32 for adapter).")
    Integer rank;

    @Option(names = "--damping", paramLabel = "LAMBDA", description = "Damping λ (default for logistic: the training L2, "
        + "which makes it the objective's own Hessian; for mlp: 0.01 on the K-FAC eigenvalues; for adapter: 0.1 of the mean corrected eigenvalue).")
    Double damping;

    /** True when any option was given (a job with a specification takes none). */
    boolean given() {
      return architecture != null || hidden != null || epochs != null || batch != null || learningRate != null || seed != null || l2 != null
          || rank != null || damping != null || baseVersion != null || loraRank != null || alpha != null;
    }

    /** What the options ask for; an adapter's base model is left to the job's model ({@link AdapterJob#on}), its version to --base-version. */
    org.openledger.prover.factory.Architecture config() {
      Architecture arch = architecture == null ? Architecture.logistic : architecture;
      refuseUnless(arch == Architecture.mlp || arch == Architecture.adapter, "the MLP's or an adapter's training: add --architecture mlp or adapter",
          java.util.Map.of("--epochs", epochs != null, "--batch", batch != null, "--learning-rate", learningRate != null, "--seed", seed != null));
      refuseUnless(arch == Architecture.mlp, "the MLP's width: add --architecture mlp", java.util.Map.of("--hidden", hidden != null));
      refuseUnless(arch == Architecture.adapter, "an adapter: add --architecture adapter",
          java.util.Map.of("--base-version", baseVersion != null, "--lora-rank", loraRank != null, "--alpha", alpha != null));
      refuseUnless(arch != Architecture.adapter, "a whole model's training (an adapter has no L2 penalty)", java.util.Map.of("--l2", l2 != null));
      try {
        return switch (arch) {
          case adapter -> {
            AdapterFactory.Config d = AdapterFactory.Config.defaults();
            AdapterTrainer.Config t = d.training();
            if (baseVersion != null && (baseVersion.signum() <= 0 || baseVersion.bitLength() > 63)) {
              throw new UserError("--base-version must be a version number (1 or more), got " + baseVersion);
            }
            if (seed != null && seed < 0) throw new UserError("--seed must be 0 or more, got " + seed);
            t = new AdapterTrainer.Config(loraRank == null ? t.rank() : loraRank, alpha == null ? t.alpha() : (float) (double) alpha,
                epochs == null ? t.epochs() : epochs, batch == null ? t.batchSize() : batch, learningRate == null ? t.learningRate() : learningRate,
                seed == null ? t.seed() : seed);
            if (alpha != null && (double) (float) (double) alpha != alpha) throw new UserError("--alpha must be exactly a float (e.g. 16, 0.5), got " + alpha);
            yield new AdapterJob(0, baseVersion == null ? 0 : baseVersion.longValueExact(),
                new AdapterFactory.Config(t, new AdapterBasis.Config(rank == null ? d.basis().k() : rank, damping == null ? d.basis().damping() : damping)));
          }
          case logistic -> {
            Convergence d = Convergence.defaults();
            Convergence c = new Convergence(l2 == null ? d.l2() : l2, d.gradientTolerance(), d.maxIterations(), d.history());
            yield new LogisticFactory.Config(rank == null ? 128 : rank, damping == null ? c.l2() : damping, c);
          }
          case mlp -> {
            MlpFactory.Config d = MlpFactory.Config.defaults();
            MlpTrainingConfig t = d.training();
            if (hidden != null && (hidden < 1 || hidden > FixedMlp.MAX_HIDDEN)) {
              throw new UserError("--hidden must be in 1.." + FixedMlp.MAX_HIDDEN + ", got " + hidden);
            }
            if (seed != null && seed < 0) throw new UserError("--seed must be 0 or more, got " + seed);
            t = new MlpTrainingConfig(seed == null ? t.seed() : seed, hidden == null ? t.hidden() : hidden, epochs == null ? t.epochs() : epochs,
                batch == null ? t.batchSize() : batch, learningRate == null ? t.learningRate() : learningRate, l2 == null ? t.l2() : l2);
            yield new MlpFactory.Config(t, rank == null ? d.rank() : rank, damping == null ? d.damping() : damping);
          }
        };
      } catch (IllegalArgumentException e) {
        throw new UserError("--rank, --lora-rank, --epochs and --batch must be at least 1, --damping, --alpha and --learning-rate positive, "
            + "--l2 not negative: " + e.getMessage());
      }
    }

    /** Refuses each given option of {@code options} unless {@code allowed}: it sets {@code what}. */
    private static void refuseUnless(boolean allowed, String what, java.util.Map<String, Boolean> options) {
      if (allowed) return;
      for (var o : new java.util.TreeMap<>(options).entrySet()) {
        if (o.getValue()) throw new UserError(o.getKey() + " sets " + what + ", or drop " + o.getKey());
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

  @Command(name = "open", mixinStandardHelpOptions = true, description = {
      "Fund a fine-tuning job for your model that says exactly what to train.",
      "",
      "Writes the job's specification — the evaluation set's hash, the architecture and every hyper-parameter below — as "
          + "canonical text (docs/attribution.md §9), publishes it to the node's content store, and opens the job with its "
          + "hash as datasetRoot, escrowing --budget. A trainer (openledger factory deliver, the console's factory) trains "
          + "exactly that and refuses what it cannot build; an attester rebuilds the version with the same settings. The "
          + "evaluation set is an image-contribution file (--evaluation-file publishes it) or one already in the content store "
          + "(--evaluation): the delivered version's score is its committed model's accuracy on it, in basis points, and must "
          + "reach --min-score.",
      "",
      "An adapter job (--architecture adapter) is opened on an adapter model — one proposed on its base with openledger "
          + "model propose --base B and approved — and names the base's deployed version: the base must be Deployed, a "
          + "logistic-regression version or a float MLP, and take images of the evaluation set's size. Anything else is "
          + "refused with the fix before anything is published or sent (docs/openlora.md §5).",
      "",
      "Examples:",
      "  openledger factory open --model 1 --evaluation-file eval.bin --budget 50",
      "  openledger factory open --model 1 --evaluation 0x… --budget 50 --architecture mlp --hidden 32 --epochs 20 --min-score 6000",
      "  openledger factory open --model 2 --evaluation-file eval.bin --budget 5 --architecture adapter --lora-rank 4 --epochs 3 --rank 8",
      ""})
  static final class OpenJob implements Callable<Integer> {
    @Mixin RpcOptions rpc;
    @Mixin KeyOptions keys;
    @Mixin Build build;

    @Option(names = "--model", required = true, paramLabel = "ID", description = "Your model (Approved, Training, Evaluation or Deployed).")
    BigInteger model;

    @Option(names = "--evaluation", paramLabel = "HASH", description = "Content hash of the evaluation set already in the node's "
        + "content store (an image contribution).")
    String evaluation;

    @Option(names = "--evaluation-file", paramLabel = "FILE", description = "The evaluation set as an image-contribution file, which "
        + "this publishes to the content store (instead of --evaluation).")
    Path evaluationFile;

    @Option(names = "--budget", required = true, paramLabel = "OPEN", description = "OPEN escrowed for the trainer (less the service fee).")
    String budget;

    @Option(names = "--min-score", paramLabel = "BP", defaultValue = "0", description = "Lowest evaluation accuracy, in basis points, that "
        + "earns the budget; below it the job fails and refunds you (default ${DEFAULT-VALUE}).")
    BigInteger minScore;

    @Option(names = "--deadline", paramLabel = "BLOCKS", defaultValue = "1000", description = "Blocks a trainer has to deliver (default ${DEFAULT-VALUE}).")
    BigInteger deadline;

    @Override
    public Integer call() {
      if ((evaluation == null) == (evaluationFile == null)) throw new UserError("give the evaluation set: --evaluation HASH or --evaluation-file FILE");
      org.openledger.prover.factory.Architecture config = build.config();
      byte[] file = null;
      ImageContribution evaluationSet = null;
      Bytes32 root;
      if (evaluationFile != null) {
        try {
          file = java.nio.file.Files.readAllBytes(evaluationFile);
          evaluationSet = ImageContribution.decode(file);
        } catch (java.io.IOException | IllegalArgumentException e) {
          throw new UserError("--evaluation-file " + evaluationFile + " is not a readable image-contribution file: " + e.getMessage());
        }
        root = Bytes32.wrap(org.openledger.precompiles.Keccak.hash(file));
      } else {
        try {
          root = Bytes32.fromHexString(evaluation);
        } catch (IllegalArgumentException e) {
          throw new UserError("--evaluation must be a 32-byte hex hash (0x…), got " + evaluation);
        }
      }
      try (Session s = new Session(rpc, keys)) {
        ContentStore store = new ContentStore(s.node());
        ContentSource content = new RpcContentSource(store);
        if (evaluationSet == null) {
          try {
            evaluationSet = ImageContribution.decode(content.get(root));
          } catch (ContentSource.Unavailable | IllegalArgumentException e) {
            throw new UserError("--evaluation " + root.toHexString() + " is not an image contribution in the node's content store: "
                + e.getMessage() + " — pass the file with --evaluation-file to publish it");
          }
        }
        // an adapter job names the base it fine-tunes: checked here, before anything is published or sent
        if (config instanceof AdapterJob a) config = adapterOf(s, content, a, evaluationSet);
        JobSpec spec;
        try {
          spec = new JobSpec(root, config);
        } catch (JobSpec.Malformed e) {
          throw new UserError("the job cannot be specified: " + e.getMessage());
        }
        if (file != null) store.put(file);
        store.put(spec.encode());
        TransactionReceipt r = s.send(s.services(true).openJob(model, spec.root().toArray(), minScore, deadline, Open.parse(budget, "--budget")));
        BigInteger job = org.openledger.contracts.web3j.Services.getJobOpenedEvents(r).get(0).jobId;
        new Output("job", "model", "architecture", "specification", "datasetRoot", "tx")
            .row(job, model, spec.factory().architecture(), spec.toString(), spec.root().toHexString(), r.getTransactionHash())
            .print(System.out, rpc.json());
        return 0;
      }
    }

    /**
     * The adapter job on {@code --model}'s base: the model must be an adapter (proposed with a base),
     * the base Deployed, the version its deployed one (what adapters are served on), of a kind the
     * adapter trainer fine-tunes, and the evaluation images of the base's input size.
     */
    private AdapterJob adapterOf(Session s, ContentSource content, AdapterJob asked, ImageContribution evaluationSet) {
      if (model.signum() <= 0 || model.compareTo(s.view(s.models(false).modelCount())) > 0) {
        throw new UserError("there is no model " + model + " (openledger model list shows the models)");
      }
      BigInteger base = s.view(s.models(false).model(model)).baseModelId;
      if (base.signum() == 0) {
        throw new UserError("model " + model + " is a base model: an adapter is a model of its own, proposed on its base "
            + "(openledger model propose --base " + model + " …, approved by governance); open the adapter job on that model");
      }
      AdapterBase b = AdapterBase.toFineTune(s, content, base, asked.baseVersion() == 0 ? null : BigInteger.valueOf(asked.baseVersion()));
      int pixels = evaluationSet.rows() * evaluationSet.cols();
      if (pixels != b.model().inputs()) {
        throw new UserError("the evaluation images have " + pixels + " pixels, base model " + base + " v" + b.version() + " takes " + b.model().inputs()
            + ": give an evaluation set of the base's image size");
      }
      return asked.on(base.longValueExact(), b.version().longValueExact());
    }
  }

  @Command(name = "job", mixinStandardHelpOptions = true, description = {
      "Show a fine-tuning job and what it asks to be trained.",
      "",
      "Prints the job's model, state, budget, minimum score, deadline and its training specification as a trainer reads it "
          + "(architecture and every hyper-parameter), or says that the job carries none (its datasetRoot is the evaluation "
          + "set itself, and a trainer uses its own settings). A specification a trainer would refuse is shown with the reason.",
      "",
      "Example:",
      "  openledger factory job --job 3",
      ""})
  static final class ShowJob implements Callable<Integer> {
    @Mixin RpcOptions rpc;

    @Option(names = "--job", required = true, paramLabel = "ID", description = "The Services job.")
    BigInteger job;

    @Override
    public Integer call() {
      try (Session s = new Session(rpc, null)) {
        if (job.signum() <= 0 || job.compareTo(s.view(s.services(false).jobCount())) > 0) {
          throw new UserError("there is no job " + job + " (ids start at 1; openledger factory run lists what it delivers)");
        }
        String training;
        String architecture;
        org.openledger.contracts.web3j.Services.Job j;
        try {
          Trainer.JobTerms t = new Trainer(s, LogisticFactory.Config.defaults(), org.openledger.prover.eval.Progress.NONE).terms(job);
          j = t.job();
          architecture = t.spec().map(x -> x.factory().architecture()).orElse("(the trainer's)");
          training = t.spec().map(JobSpec::toString).orElse("no specification: datasetRoot is the evaluation set");
        } catch (UserError e) {
          j = s.view(s.services(false).job(job));
          architecture = "(refused)";
          training = e.getMessage();
        }
        new Output("job", "model", "state", "budget", "minScore", "deadline", "architecture", "training", "datasetRoot")
            .row(job, j.modelId, j.state, Open.format(j.budget), j.minScore, j.deadline, architecture, training,
                org.web3j.utils.Numeric.toHexString(j.datasetRoot))
            .print(System.out, rpc.json());
        return 0;
      }
    }
  }

  @Command(name = "deliver", mixinStandardHelpOptions = true, description = {
      "Take a funded fine-tuning job and deliver the version it specifies, with its attribution index.",
      "",
      "Reads the job's specification (openledger factory open writes one) and checks it, its evaluation set and the "
          + "model's datanets' accepted contributions before sending anything; a specification it cannot build is refused "
          + "and the job left as it is. Then it accepts the job (if Open) and trains exactly what the specification asks: "
          + "multinomial logistic regression to convergence (then the damped Hessian and its whitened-PCA basis), the MLP "
          + "(then its per-layer K-FAC Kronecker basis), or a LoRA adapter of the base version the job names, the base frozen "
          + "(then the K-FAC basis over the adapter's parameters; the base is checked first: Deployed, that version deployed, "
          + "a kind the adapter trainer fine-tunes). It quantizes the model, builds the integer index "
          + "(docs/attribution.md), publishes every blob the roots name, and delivers the version with the committed model's "
          + "accuracy on the evaluation set as the evaluation score in basis points. The owner keeps setHost and setRates.",
      "",
      "The training options below apply only to a job opened without a specification (its datasetRoot is the evaluation "
          + "set itself); for a job with one they are refused.",
      "",
      "Examples:",
      "  openledger factory deliver --job 1",
      "  openledger factory deliver --job 1 --architecture mlp --hidden 32     (a job without a specification)",
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
      org.openledger.prover.factory.Architecture own = build.config();
      try (Session s = new Session(rpc, keys)) {
        Trainer trainer = new Trainer(s, own, ProgressBar.stderr(), resume.checkpoints());
        var spec = trainer.terms(job).spec();
        if (spec.isPresent() && build.given()) {
          throw new UserError("job " + job + " specifies what to train (" + spec.get() + "): drop the training options, the trainer builds exactly that");
        }
        Trainer.Delivery d = trainer.deliver(job, Open.parse(inRate, "--in-rate"), Open.parse(outRate, "--out-rate"));
        System.out.printf("delivered %s version %s of job %s: %d examples, %d index leaves, k = %d, evaluation %.2f%%%n",
            d.trained().architecture(), d.version(), job, d.examples(), d.leaves(), d.artifacts().rank(), d.evaluationScoreBp() / 100.0);
        System.out.println("weightsRoot " + d.artifacts().weightsRoot().toHexString() + "\nbasisRoot   " + d.artifacts().basisRoot().toHexString()
            + "\nindexRoot   " + d.artifacts().indexRoot().toHexString());
        return 0;
      }
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true, description = {
      "The ModelFactory trainer daemon: deliver every funded job it can build, as each job specifies.",
      "",
      "Every --interval seconds it scans the Services jobs from --from-job on (only --model's, if given) and, for each "
          + "Open job whose deadline has not passed, does what openledger factory deliver does: reads and checks the job's "
          + "specification, evaluation set and training data, accepts the job, trains exactly what it asks, publishes and "
          + "delivers. A job it cannot build (a malformed or unsupported specification, a missing evaluation set) is "
          + "reported once on stderr, left Open for its owner, and skipped from then on. The training options below apply "
          + "only to jobs opened without a specification. --once makes one pass and exits.",
      "",
      "Examples:",
      "  openledger factory run",
      "  openledger factory run --model 3 --in-rate 0.5 --out-rate 1",
      "  openledger factory run --once --from-job 12",
      ""})
  static final class RunDaemon implements Callable<Integer> {
    @Mixin RpcOptions rpc;
    @Mixin KeyOptions keys;
    @Mixin Build build;
    @Mixin Resume resume;

    @Option(names = "--model", paramLabel = "ID", description = "Only this model's jobs (default: every model's).")
    BigInteger model;

    @Option(names = "--from-job", paramLabel = "ID", defaultValue = "1", description = "Ignore jobs with a lower id (default ${DEFAULT-VALUE}).")
    BigInteger fromJob;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "5", description = "Seconds between scans (default ${DEFAULT-VALUE}).")
    int interval;

    @Option(names = "--once", description = "One pass over the jobs, then exit.")
    boolean once;

    @Option(names = "--in-rate", paramLabel = "OPEN", defaultValue = "0", description = "Input rate per 1,000 tokens each version registers (default ${DEFAULT-VALUE}).")
    String inRate;

    @Option(names = "--out-rate", paramLabel = "OPEN", defaultValue = "0", description = "Output rate per 1,000 tokens (default ${DEFAULT-VALUE}).")
    String outRate;

    private final java.util.Set<BigInteger> skipped = new java.util.HashSet<>();

    @Override
    public Integer call() throws InterruptedException {
      if (interval < 1) throw new UserError("--interval must be at least 1 second, got " + interval);
      org.openledger.prover.factory.Architecture own = build.config();
      BigInteger in = Open.parse(inRate, "--in-rate"), out = Open.parse(outRate, "--out-rate");
      try (Session s = new Session(rpc, keys)) {
        Trainer trainer = new Trainer(s, own, ProgressBar.stderr(), resume.checkpoints());
        while (true) {
          try {
            pass(s, trainer, in, out);
          } catch (UserError e) {
            if (once) throw e;
            System.err.println("scan failed, retrying in " + interval + " s: " + e.getMessage());
          }
          if (once) return 0;
          Thread.sleep(interval * 1000L);
        }
      }
    }

    /** Delivers every Open, unexpired job of the scanned range that this trainer has not skipped. */
    private void pass(Session s, Trainer trainer, BigInteger in, BigInteger out) {
      BigInteger count = s.view(s.services(false).jobCount());
      for (BigInteger id = fromJob.max(BigInteger.ONE); id.compareTo(count) <= 0; id = id.add(BigInteger.ONE)) {
        if (skipped.contains(id)) continue;
        org.openledger.contracts.web3j.Services.Job job = s.view(s.services(false).job(id));
        if (job.state.intValueExact() != org.openledger.contracts.services.Services.JOB_OPEN) continue;
        if (model != null && !model.equals(job.modelId)) continue;
        if (job.deadline.compareTo(s.blockNumber()) < 0) continue;
        try {
          Trainer.Delivery d = trainer.deliver(id, in, out);
          System.out.printf("delivered %s version %s of model %s for job %s: %d examples, k = %d, evaluation %.2f%%%n", d.trained().architecture(),
              d.version(), job.modelId, id, d.examples(), d.artifacts().rank(), d.evaluationScoreBp() / 100.0);
        } catch (RuntimeException e) { // a refused job, or a build that failed: report it once, keep serving the others
          skipped.add(id);
          System.err.println("job " + id + " skipped: " + e.getMessage());
        }
      }
    }
  }

  @Command(name = "attest", description = {
      "Rebuild a registered version from its training data and attest it when it matches.",
      "An adapter version (a version of a model proposed on a base) is fine-tuned again on the base version its job names, "
          + "with its job's settings, and attested when every LoRA factor is within one step of an int16 quantization at its "
          + "matrix's scale, every basis row within one step and the index exact (docs/openlora.md §5).",
      "A text-spans version (openledger model register-spans) is rebuilt from the text its model's datanets had accepted "
          + "when it was registered, and attested when that builds its corpus root exactly.",
      "",
      "Fetches the version's weights, basis and index from the content store by their roots, rebuilds them from the "
          + "contributions its datanets had accepted when it was registered, with the settings it was trained with: those of "
          + "the specification of the job that delivered it, else the kind, width, rank and damping the version commits and "
          + "the default training settings. It sends Provers.attest when the weights and basis are within one quantization "
          + "step of the rebuild and the index is exactly the one the published weights and basis give. Needs the minimum "
          + "attester bond (openledger prover bonds).",
      "",
      "Examples:",
      "  openledger factory attest --model 1 --version 2",
      "  openledger factory attest --model 2 --version 1        (an adapter model's version)",
      ""})
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
        Trainer trainer = new Trainer(s, LogisticFactory.Config.defaults(), ProgressBar.stderr(), resume.checkpoints());
        // a text-spans version is rebuilt from its corpus, as the prover daemon's attester does; every other by training
        VersionAttester.Rebuild rebuild = SpanVersionCheck.or(trainer::compare, new SpanVersionCheck(s, ProgressBar.stderr()));
        Optional<String> mismatch;
        try {
          mismatch = rebuild.mismatch(model, version);
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception unavailable) { // its artifacts, training data or corpus cannot be read here
          mismatch = Optional.of(unavailable.getMessage());
        }
        if (mismatch.isEmpty()) s.send(s.provers(true).attest(model, version));
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

package org.openledger.cli.factory;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.ContentStore;
import org.openledger.cli.chain.RpcContentSource;
import org.openledger.cli.chain.Session;
import org.openledger.compute.ComputeBackend;
import org.openledger.compute.ComputeBackends;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.web3j.Services;
import org.openledger.prover.factory.LogisticFactory;
import org.openledger.prover.data.ImageContribution;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.Progress;
import org.openledger.prover.attribution.adapter.AdapterBasis;
import org.openledger.prover.factory.AdapterJob;
import org.openledger.prover.factory.Architecture;
import org.openledger.prover.factory.Attestation;
import org.openledger.prover.factory.Checkpoints;
import org.openledger.prover.factory.JobSpec;
import org.openledger.prover.factory.TrainingSet;
import org.openledger.prover.factory.VersionFactory;
import org.openledger.prover.lora.AdapterArtifacts;
import org.openledger.prover.lora.AdapterFactory;
import org.openledger.prover.lora.AdapterTrainer;
import org.openledger.prover.lora.LoraLayer;
import org.openledger.prover.proof.ContentSource;
import org.openledger.prover.proof.ProofEngine;
import org.openledger.prover.proof.PublishedVersion;
import org.openledger.prover.proof.VersionArtifacts;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameterNumber;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The ModelFactory trainer and the attester over JSON-RPC: read a job's specification and a model's
 * training data from the chain and the content store, build the version the job asks for with a
 * {@link VersionFactory} (logistic regression or the MLP) or, on an adapter model, the
 * {@link AdapterFactory} (a LoRA adapter of a deployed base version, docs/openlora.md §5), publish
 * every blob its roots name, deliver it; or rebuild a registered version with the settings it was
 * trained with and attest it. The settings given to the constructor build jobs that carry no
 * specification (an adapter model's such jobs get the adapter defaults unless they are an adapter's).
 */
public final class Trainer {
  /** λ as VersionSpec.damping: parts per billion. */
  public static final long DAMPING_UNIT = 1_000_000_000L;

  private final Session session;
  private final Architecture config;
  private final Progress progress;
  private final Checkpoints checkpoints;

  public Trainer(Session session, Architecture config, Progress progress) {
    this(session, config, progress, Checkpoints.NONE);
  }

  /** With {@code checkpoints}, a stopped build resumes after the last stage it finished. */
  public Trainer(Session session, Architecture config, Progress progress, Checkpoints checkpoints) {
    this.session = session;
    this.config = config;
    this.progress = progress;
    this.checkpoints = checkpoints;
  }

  /** A delivered version, and what was trained for it. */
  public record Delivery(BigInteger version, int evaluationScoreBp, int examples, int leaves, PublishedVersion artifacts, Architecture trained) {
    /** A whole model's artifacts (logistic regression or the MLP). @throws IllegalStateException for an adapter version */
    public VersionArtifacts whole() {
      if (artifacts instanceof VersionArtifacts a) return a;
      throw new IllegalStateException("version " + version + " is an adapter, not a whole model");
    }
  }

  /**
   * What a job asks for, read and checked without sending anything.
   *
   * @param spec the job's training specification; empty for a job whose {@code datasetRoot} is the
   *     evaluation set itself (opened without one), which this trainer builds with its own settings
   * @param evaluationRoot the evaluation set's content hash
   */
  public record JobTerms(Services.Job job, Optional<JobSpec> spec, Bytes32 evaluationRoot) {}

  /**
   * Reads job {@code jobId}'s terms: its specification (if it carries one) and evaluation set.
   *
   * @throws UserError when the specification is malformed or asks for what this trainer cannot
   *     build, or when its blobs are not in the node's content store — with what to do
   */
  public JobTerms terms(BigInteger jobId) {
    Services.Job job = session.view(session.services(false).job(jobId));
    Bytes32 root = Bytes32.wrap(job.datasetRoot);
    try {
      Optional<JobSpec> spec = specOf(job);
      return new JobTerms(job, spec, spec.map(JobSpec::evaluation).orElse(root));
    } catch (ContentSource.Unavailable e) {
      throw new UserError("job " + jobId + "'s datasetRoot " + root.toHexString() + " is not in the node's content store: " + e.getMessage()
          + " — the job owner publishes its specification (openledger factory open does) or evaluation set");
    } catch (JobSpec.Malformed e) {
      throw new UserError("job " + jobId + "'s specification " + root.toHexString() + " is refused: " + e.getMessage()
          + ". Nothing was sent. The job owner cancels it (Services.cancelJob) and opens another with openledger factory open");
    }
  }

  /** The job's specification, or empty when its datasetRoot is an evaluation set (a job opened without one). */
  private Optional<JobSpec> specOf(Services.Job job) throws ContentSource.Unavailable {
    byte[] blob = content().get(Bytes32.wrap(job.datasetRoot));
    return JobSpec.isSpec(blob) ? Optional.of(JobSpec.decode(blob)) : Optional.empty();
  }

  /**
   * Accepts job {@code jobId} if it is Open, trains exactly what its specification asks (this
   * trainer's own settings for a job that carries none), publishes and delivers; rates in wei per
   * 1,000 tokens. The specification, the evaluation set and the training data are read and checked
   * before anything is sent: a job this trainer cannot build is refused and left as it was.
   */
  public Delivery deliver(BigInteger jobId, BigInteger inRate, BigInteger outRate) {
    JobTerms terms = terms(jobId);
    Services.Job job = terms.job();
    boolean open = job.state.intValueExact() == 1;
    if (!open && (job.state.intValueExact() != 2 || !job.trainer.equalsIgnoreCase(session.sender()))) {
      throw new UserError("job " + jobId + " is in state " + job.state + " with trainer " + job.trainer + ": only an Open job, or one this key accepted, can be delivered");
    }
    LabelledImages evaluation = evaluationSet(terms.evaluationRoot());
    long asOf = session.blockNumber().longValueExact();
    TrainingSet set = TrainingSet.of(AcceptedContributions.of(session, job.modelId, asOf));
    BigInteger baseModelId = session.view(session.models(false).model(job.modelId)).baseModelId;
    Architecture asked = terms.spec().map(JobSpec::factory)
        .orElse(baseModelId.signum() != 0 && !(config instanceof AdapterJob) ? AdapterJob.defaults() : config);
    if (asked instanceof AdapterJob a) {
      AdapterJob named = terms.spec().isPresent() ? a : a.on(baseModelId.longValueExact(), a.baseVersion());
      AdapterBase base = adapterBase(jobId, job.modelId, baseModelId, named, set, evaluation);
      AdapterJob resolved = named.on(baseModelId.longValueExact(), base.version().longValueExact());
      if (open) session.send(session.services(true).acceptJob(jobId));
      AdapterFactory.Built built;
      try (ComputeBackend backend = ComputeBackends.open()) {
        progress.phase("fine-tune the adapter (rank " + resolved.config().training().rank() + ", " + resolved.config().training().epochs()
            + " epochs, " + set.examples().size() + " examples), its K-FAC basis (k = " + resolved.rank() + ") and index", 0);
        built = base.build(set, resolved.config(), backend, base.integer());
      }
      int score = AdapterFactory.evaluationScoreBp(built.artifacts(), evaluation);
      return delivered(jobId, terms, built.artifacts(), built.blobs(), built.index().scale(), base.model().inputs(), resolved, score, set, inRate, outRate);
    }
    if (baseModelId.signum() != 0) {
      throw new UserError("job " + jobId + " asks for " + asked.architecture() + ", but model " + job.modelId + " is an adapter of model " + baseModelId
          + ": a job on it trains an adapter. Nothing was sent. The job owner cancels it (Services.cancelJob) and opens another with "
          + "openledger factory open --architecture adapter");
    }
    VersionFactory trained = (VersionFactory) asked;
    if (open) session.send(session.services(true).acceptJob(jobId));
    VersionFactory.Built built = build(trained, set, evaluation);
    VersionArtifacts a = built.artifacts();
    return delivered(jobId, terms, a, built.blobs(), built.scale(), a.model().inputLength(), trained, built.evaluationScoreBp(), set, inRate, outRate);
  }

  /** Publishes a built version's blobs and delivers it for the job. */
  private Delivery delivered(BigInteger jobId, JobTerms terms, PublishedVersion a, List<byte[]> blobs, long scale, int inputLength, Architecture trained,
      int score, TrainingSet set, BigInteger inRate, BigInteger outRate) {
    publish(blobs);
    TransactionReceipt r = session.send(session.services(true).deliverVersion(jobId, versionSpec(a, scale, inputLength, trained, inRate, outRate),
        BigInteger.valueOf(score), terms.evaluationRoot().toArray()));
    BigInteger version = Services.getJobDeliveredEvents(r).get(0).version;
    return new Delivery(version, score, set.examples().size(), a.leaves().size(), a, trained);
  }

  /**
   * The base an adapter job fine-tunes on, checked before anything is sent: the job's model is an
   * adapter of the base the job names, the base is Deployed and the named version is the one it
   * serves (adapters are served on the deployed base, docs/openlora.md §3), its weights are a kind
   * the adapter trainer fine-tunes, and the training and evaluation images fit it.
   */
  private AdapterBase adapterBase(BigInteger jobId, BigInteger modelId, BigInteger baseModelId, AdapterJob asked, TrainingSet set,
      LabelledImages evaluation) {
    String refused = ". Nothing was sent. The job owner cancels it (Services.cancelJob) and opens another with openledger factory open";
    if (baseModelId.signum() == 0) {
      throw new UserError("job " + jobId + " asks for an adapter, but model " + modelId + " is a base model: an adapter is a model of its own, "
          + "proposed on its base (openledger model propose --base " + modelId + ")" + refused);
    }
    if (!baseModelId.equals(BigInteger.valueOf(asked.baseModel()))) {
      throw new UserError("job " + jobId + " asks for an adapter of model " + asked.baseModel() + ", but model " + modelId + " is an adapter of model "
          + baseModelId + refused);
    }
    AdapterBase base;
    try {
      base = AdapterBase.toFineTune(session, content(), baseModelId, asked.baseVersion() == 0 ? null : BigInteger.valueOf(asked.baseVersion()));
    } catch (UserError e) {
      throw new UserError("job " + jobId + "'s base is refused: " + e.getMessage() + refused, e);
    }
    int width = base.model().inputs(), classes = base.model().outputs();
    if (set.examples().images().size() != width || evaluation.images().size() != width || set.classes() > classes) {
      throw new UserError("base model " + baseModelId + " v" + base.version() + " takes " + width + " pixels and has " + classes + " classes; model "
          + modelId + "'s training images have " + set.examples().images().size() + " pixels and " + set.classes() + " classes, the evaluation set's "
          + evaluation.images().size() + " pixels: an adapter fine-tunes its base on images of the base's own size. Nothing was sent");
    }
    return base;
  }

  /** The version a build registers: its roots, rank, scale and λ in parts per billion (what a job's specification commits). */
  static Services.VersionSpec versionSpec(VersionArtifacts a, long scale, VersionFactory trained, BigInteger inRate, BigInteger outRate) {
    return versionSpec(a, scale, a.model().inputLength(), trained, inRate, outRate);
  }

  /** The same for any version, whole model or adapter, of a classifier taking {@code inputLength} pixels. */
  static Services.VersionSpec versionSpec(PublishedVersion a, long scale, int inputLength, Architecture trained, BigInteger inRate, BigInteger outRate) {
    return new Services.VersionSpec(a.weightsRoot().toArray(), a.basisRoot().toArray(), a.indexRoot().toArray(),
        BigInteger.valueOf(Math.round(trained.damping() * DAMPING_UNIT)), BigInteger.valueOf(scale),
        BigInteger.valueOf(Models.OUTPUT_CLASSIFIER_MARGIN), BigInteger.valueOf(Models.TOKEN_MODE_FIXED), BigInteger.valueOf(inputLength),
        BigInteger.ONE, org.openledger.precompiles.Address.ZERO.toHexString(), inRate, outRate, BigInteger.valueOf(a.rank()));
  }

  /**
   * Rebuilds version {@code version} of {@code modelId} from the training data accepted up to the
   * block it was registered in, compares it with what it published, and attests it when they match
   * (model and basis within one quantization step, the index exactly). Returns the mismatch
   * instead of attesting otherwise.
   */
  public Optional<String> attest(BigInteger modelId, BigInteger version) {
    Optional<String> mismatch;
    try {
      mismatch = compare(modelId, version);
    } catch (Unavailable e) {
      return Optional.of(e.getMessage());
    }
    if (mismatch.isEmpty()) session.send(session.provers(true).attest(modelId, version));
    return mismatch;
  }

  /** A version's published artifacts or its training data cannot be read, so it cannot be rebuilt here. */
  public static final class Unavailable extends Exception {
    Unavailable(String message) {
      super(message);
    }
  }

  /**
   * Rebuilds version {@code version} of {@code modelId} as {@link #attest} does, without sending
   * anything: empty when it matches what the version published, else the first difference.
   *
   * <p>It rebuilds with the settings the version was trained with: those of the specification of
   * the job that delivered it (found by the {@code JobDelivered} event of its registration block),
   * whose damping the version must register; for a version no job with a specification delivered,
   * the kind, hidden width, rank and damping the version commits and the default training settings.
   */
  public Optional<String> compare(BigInteger modelId, BigInteger version) throws Unavailable {
    var v = session.view(session.models(false).version(modelId, version));
    var spec = v.component1();
    long registeredAt = v.component3().longValueExact();
    BigInteger baseModelId = session.view(session.models(false).model(modelId)).baseModelId;
    ProofEngine.Version roots = new ProofEngine.Version(Bytes32.wrap(spec.weightsRoot), Bytes32.wrap(spec.basisRoot), Bytes32.wrap(spec.indexRoot),
        spec.basisRank.intValueExact(), spec.outputFunction.intValueExact());
    if (baseModelId.signum() != 0) return compareAdapter(modelId, version, baseModelId, spec, roots, registeredAt);
    VersionArtifacts published;
    try {
      published = VersionArtifacts.load(content(), roots);
    } catch (ContentSource.Unavailable e) {
      throw new Unavailable("the version's artifacts are not available: " + e.getMessage());
    }
    TrainingSet set = trainingSet(modelId, registeredAt);
    Asked asked = asked(modelId, version, spec, registeredAt);
    if (asked.refusal().isPresent()) return asked.refusal();
    VersionFactory same;
    if (asked.spec().isPresent()) {
      if (!(asked.spec().get().factory() instanceof VersionFactory f)) {
        return Optional.of("job " + asked.job() + " that delivered it asks for an adapter, but model " + modelId + " is a base model");
      }
      same = f;
    } else {
      same = (config instanceof VersionFactory f ? f : LogisticFactory.Config.defaults())
          .toRebuild(published.model(), spec.basisRank.intValueExact(), spec.damping.doubleValue() / DAMPING_UNIT);
    }
    VersionArtifacts rebuilt = build(same, set, set.examples().first(1)).artifacts();
    return Attestation.compare(published, rebuilt, set);
  }

  /**
   * {@link #compare} for a version of an adapter model (docs/openlora.md §5): rebuilds the adapter
   * on the base its job names (the base version's weights root must be the one every published
   * basis row names) with the job's settings — or, for a version no job with a specification
   * delivered, on the base the rows name (a version of the model's base) with the adapter defaults,
   * the published LoRA rank and α and the registered k and λ — and compares it
   * ({@link Attestation#compare(AdapterArtifacts, AdapterArtifacts, TrainingSet)}).
   */
  private Optional<String> compareAdapter(BigInteger modelId, BigInteger version, BigInteger baseModelId, org.openledger.contracts.web3j.Models.VersionSpec spec,
      ProofEngine.Version roots, long registeredAt) throws Unavailable {
    AdapterArtifacts published;
    try {
      published = AdapterArtifacts.load(content(), roots);
    } catch (ContentSource.Unavailable e) {
      throw new Unavailable("the adapter version's artifacts are not available: " + e.getMessage());
    }
    TrainingSet set = trainingSet(modelId, registeredAt);
    Asked asked = asked(modelId, version, spec, registeredAt);
    if (asked.refusal().isPresent()) return asked.refusal();
    AdapterJob same;
    AdapterBase base;
    if (asked.spec().isPresent()) {
      if (!(asked.spec().get().factory() instanceof AdapterJob a)) {
        return Optional.of("job " + asked.job() + " that delivered it asks for " + asked.spec().get().factory().architecture() + ", but model " + modelId
            + " is an adapter of model " + baseModelId);
      }
      if (a.baseModel() != baseModelId.longValueExact()) {
        return Optional.of("job " + asked.job() + " that delivered it asks for an adapter of model " + a.baseModel() + ", the model is an adapter of "
            + baseModelId);
      }
      same = a;
      base = baseVersion(baseModelId, BigInteger.valueOf(a.baseVersion()));
      if (!base.weightsRoot().equals(published.baseWeightsRoot())) {
        return Optional.of("the basis names base weights " + published.baseWeightsRoot().toHexString() + ", its job's base model " + baseModelId + " v"
            + a.baseVersion() + " has " + base.weightsRoot().toHexString() + ": it was fine-tuned on another base");
      }
    } else {
      Optional<AdapterBase> named = versionOfBase(baseModelId, published.baseWeightsRoot());
      if (named.isEmpty()) {
        return Optional.of("the basis names base weights " + published.baseWeightsRoot().toHexString() + ", which no version of base model "
            + baseModelId + " has");
      }
      base = named.get();
      LoraLayer first = published.adapter().layers().get(0);
      AdapterTrainer.Config d = (config instanceof AdapterJob a ? a.config() : AdapterFactory.Config.defaults()).training();
      same = new AdapterJob(baseModelId.longValueExact(), base.version().longValueExact(), new AdapterFactory.Config(
          new AdapterTrainer.Config(first.rank(), first.scale() * first.rank(), d.epochs(), d.batchSize(), d.learningRate(), d.seed()),
          new AdapterBasis.Config(spec.basisRank.intValueExact(), spec.damping.doubleValue() / DAMPING_UNIT)));
    }
    AdapterArtifacts rebuilt;
    try (ComputeBackend backend = ComputeBackends.open()) {
      progress.phase("rebuild the adapter and its basis (k = " + same.rank() + ")", 0);
      // rebuilt in the published kind: an OLA1 version from before OLA2 still attests
      rebuilt = base.build(set, same.config(), backend, published.isInteger()).artifacts();
    } catch (IllegalArgumentException e) {
      return Optional.of("the adapter cannot be rebuilt with its settings on its base: " + e.getMessage());
    }
    return Attestation.compare(published, rebuilt, set);
  }

  /** What the job that delivered a version asked for: its specification, or a refusal, or nothing (no job, or one without a specification). */
  private record Asked(Optional<BigInteger> job, Optional<JobSpec> spec, Optional<String> refusal) {}

  private Asked asked(BigInteger modelId, BigInteger version, org.openledger.contracts.web3j.Models.VersionSpec spec, long registeredAt) throws Unavailable {
    Optional<BigInteger> job = deliveringJob(modelId, version, registeredAt);
    if (job.isEmpty()) return new Asked(job, Optional.empty(), Optional.empty());
    Optional<JobSpec> jobSpec;
    try {
      jobSpec = specOf(session.view(session.services(false).job(job.get())));
    } catch (ContentSource.Unavailable e) {
      throw new Unavailable("the specification of job " + job.get() + " that delivered it is not available: " + e.getMessage());
    } catch (JobSpec.Malformed e) {
      // a trainer refuses a malformed specification, so no version delivered for one was trained by it
      return new Asked(job, Optional.empty(), Optional.of("job " + job.get() + " that delivered it has a malformed specification: " + e.getMessage()));
    }
    if (jobSpec.isPresent()) {
      long ppb = jobSpec.get().dampingPpb();
      if (spec.damping.compareTo(BigInteger.valueOf(ppb)) != 0) {
        return new Asked(job, jobSpec, Optional.of("the version registers damping " + spec.damping + " ppb, its job " + job.get() + " specifies " + ppb + " ppb"));
      }
    }
    return new Asked(job, jobSpec, Optional.empty());
  }

  /** The model's training data as accepted up to {@code block}. */
  private TrainingSet trainingSet(BigInteger modelId, long block) throws Unavailable {
    try {
      return TrainingSet.of(AcceptedContributions.of(session, modelId, block));
    } catch (UserError e) {
      throw new Unavailable("the training data cannot be read: " + e.getMessage());
    }
  }

  /** Version {@code version} of the base, as an attester reads it (a base that cannot be read makes the version unverifiable here). */
  private AdapterBase baseVersion(BigInteger baseModelId, BigInteger version) throws Unavailable {
    try {
      return AdapterBase.resolve(session, content(), baseModelId, version);
    } catch (UserError e) {
      throw new Unavailable("the adapter's base cannot be read: " + e.getMessage());
    }
  }

  /** The version of the base whose weights root is {@code root}, if any. */
  private Optional<AdapterBase> versionOfBase(BigInteger baseModelId, Bytes32 root) throws Unavailable {
    BigInteger count = session.view(session.models(false).model(baseModelId)).versionCount;
    for (BigInteger v = BigInteger.ONE; v.compareTo(count) <= 0; v = v.add(BigInteger.ONE)) {
      if (Bytes32.wrap(session.view(session.models(false).version(baseModelId, v)).component1().weightsRoot).equals(root)) {
        return Optional.of(baseVersion(baseModelId, v));
      }
    }
    return Optional.empty();
  }

  /** The job that delivered {@code version} with {@code deliverVersion}: its JobDelivered is in the version's registration block. */
  private Optional<BigInteger> deliveringJob(BigInteger modelId, BigInteger version, long block) {
    EthFilter filter = new EthFilter(new DefaultBlockParameterNumber(block), new DefaultBlockParameterNumber(block), Addresses.SERVICES.toHexString());
    filter.addSingleTopic(EventEncoder.encode(Services.JOBDELIVERED_EVENT));
    filter.addNullTopic();
    filter.addNullTopic();
    filter.addSingleTopic(Numeric.toHexStringWithPrefixZeroPadded(version, 64));
    EthLog logs;
    try {
      logs = session.node().web3j().ethGetLogs(filter).send();
    } catch (IOException e) {
      throw new UserError("cannot read logs from " + session.node().url() + ": " + e.getMessage());
    }
    if (logs.hasError()) throw new UserError("eth_getLogs at block " + block + ": " + logs.getError().getMessage());
    for (EthLog.LogResult<?> result : logs.getLogs()) {
      BigInteger jobId = Services.getJobDeliveredEventFromLog((Log) result.get()).jobId;
      Services.Job job = session.view(session.services(false).job(jobId));
      if (job.modelId.equals(modelId) && job.version.equals(version)) return Optional.of(jobId);
    }
    return Optional.empty();
  }

  private ContentSource content() {
    return new RpcContentSource(new ContentStore(session.node()));
  }

  private VersionFactory.Built build(VersionFactory factory, TrainingSet set, LabelledImages evaluation) {
    try (ComputeBackend backend = ComputeBackends.open()) {
      return factory.build(set, evaluation, set.classes(), backend, progress, checkpoints);
    }
  }

  private LabelledImages evaluationSet(Bytes32 root) {
    try {
      return ImageContribution.stack(List.of(ImageContribution.decode(content().get(root))));
    } catch (ContentSource.Unavailable | IllegalArgumentException e) {
      throw new UserError("the job's evaluation set " + root.toHexString() + " is not an image contribution in the node's content store: "
          + e.getMessage() + " — the job owner publishes it (openledger factory open --evaluation-file does)");
    }
  }

  private void publish(List<byte[]> blobs) {
    ContentStore store = new ContentStore(session.node());
    progress.phase("publish " + blobs.size() + " blobs to the content store", blobs.size());
    for (byte[] blob : blobs) {
      store.put(blob);
      progress.step();
    }
  }
}

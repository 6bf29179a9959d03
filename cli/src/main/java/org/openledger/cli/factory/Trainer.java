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
import org.openledger.prover.data.ImageContribution;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.Progress;
import org.openledger.prover.factory.Attestation;
import org.openledger.prover.factory.Checkpoints;
import org.openledger.prover.factory.JobSpec;
import org.openledger.prover.factory.TrainingSet;
import org.openledger.prover.factory.VersionFactory;
import org.openledger.prover.proof.ContentSource;
import org.openledger.prover.proof.ProofEngine;
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
 * {@link VersionFactory} (logistic regression or the MLP), publish every blob its roots name,
 * deliver it; or rebuild a registered version with the settings it was trained with and attest it.
 * The factory given to the constructor builds jobs that carry no specification.
 */
public final class Trainer {
  /** λ as VersionSpec.damping: parts per billion. */
  public static final long DAMPING_UNIT = 1_000_000_000L;

  private final Session session;
  private final VersionFactory config;
  private final Progress progress;
  private final Checkpoints checkpoints;

  public Trainer(Session session, VersionFactory config, Progress progress) {
    this(session, config, progress, Checkpoints.NONE);
  }

  /** With {@code checkpoints}, a stopped build resumes after the last stage it finished. */
  public Trainer(Session session, VersionFactory config, Progress progress, Checkpoints checkpoints) {
    this.session = session;
    this.config = config;
    this.progress = progress;
    this.checkpoints = checkpoints;
  }

  /** A delivered version, and what was trained for it. */
  public record Delivery(BigInteger version, int evaluationScoreBp, int examples, int leaves, VersionArtifacts artifacts, VersionFactory trained) {}

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
    VersionFactory trained = terms.spec().map(JobSpec::factory).orElse(config);
    LabelledImages evaluation = evaluationSet(terms.evaluationRoot());
    long asOf = session.blockNumber().longValueExact();
    TrainingSet set = TrainingSet.of(AcceptedContributions.of(session, job.modelId, asOf));
    if (open) session.send(session.services(true).acceptJob(jobId));
    VersionFactory.Built built = build(trained, set, evaluation);
    publish(built.blobs());
    VersionArtifacts a = built.artifacts();
    TransactionReceipt r = session.send(session.services(true).deliverVersion(jobId, versionSpec(a, built.scale(), trained, inRate, outRate),
        BigInteger.valueOf(built.evaluationScoreBp()), terms.evaluationRoot().toArray()));
    BigInteger version = Services.getJobDeliveredEvents(r).get(0).version;
    return new Delivery(version, built.evaluationScoreBp(), set.examples().size(), a.leaves().size(), a, trained);
  }

  /** The version a build registers: its roots, rank, scale and λ in parts per billion (what a job's specification commits). */
  static Services.VersionSpec versionSpec(VersionArtifacts a, long scale, VersionFactory trained, BigInteger inRate, BigInteger outRate) {
    return new Services.VersionSpec(a.weightsRoot().toArray(), a.basisRoot().toArray(), a.indexRoot().toArray(),
        BigInteger.valueOf(Math.round(trained.damping() * DAMPING_UNIT)), BigInteger.valueOf(scale),
        BigInteger.valueOf(Models.OUTPUT_CLASSIFIER_MARGIN), BigInteger.ZERO, BigInteger.valueOf(a.model().inputLength()),
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
    VersionArtifacts published;
    try {
      published = VersionArtifacts.load(content(), new ProofEngine.Version(Bytes32.wrap(spec.weightsRoot), Bytes32.wrap(spec.basisRoot),
          Bytes32.wrap(spec.indexRoot), spec.basisRank.intValueExact(), spec.outputFunction.intValueExact()));
    } catch (ContentSource.Unavailable e) {
      throw new Unavailable("the version's artifacts are not available: " + e.getMessage());
    }
    TrainingSet set;
    try {
      set = TrainingSet.of(AcceptedContributions.of(session, modelId, registeredAt));
    } catch (UserError e) {
      throw new Unavailable("the training data cannot be read: " + e.getMessage());
    }
    VersionFactory same;
    Optional<BigInteger> job = deliveringJob(modelId, version, registeredAt);
    Optional<JobSpec> jobSpec = Optional.empty();
    if (job.isPresent()) {
      try {
        jobSpec = specOf(session.view(session.services(false).job(job.get())));
      } catch (ContentSource.Unavailable e) {
        throw new Unavailable("the specification of job " + job.get() + " that delivered it is not available: " + e.getMessage());
      } catch (JobSpec.Malformed e) {
        // a trainer refuses a malformed specification, so no version delivered for one was trained by it
        return Optional.of("job " + job.get() + " that delivered it has a malformed specification: " + e.getMessage());
      }
    }
    if (jobSpec.isPresent()) {
      long asked = jobSpec.get().dampingPpb();
      if (spec.damping.compareTo(BigInteger.valueOf(asked)) != 0) {
        return Optional.of("the version registers damping " + spec.damping + " ppb, its job " + job.get() + " specifies " + asked + " ppb");
      }
      same = jobSpec.get().factory();
    } else {
      same = config.toRebuild(published.model(), spec.basisRank.intValueExact(), spec.damping.doubleValue() / DAMPING_UNIT);
    }
    VersionArtifacts rebuilt = build(same, set, set.examples().first(1)).artifacts();
    return Attestation.compare(published, rebuilt, set);
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

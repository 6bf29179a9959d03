package org.openledger.cli.factory;

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
import org.openledger.contracts.model.Models;
import org.openledger.contracts.web3j.Services;
import org.openledger.prover.data.ImageContribution;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.Progress;
import org.openledger.prover.factory.Attestation;
import org.openledger.prover.factory.Checkpoints;
import org.openledger.prover.factory.TrainingSet;
import org.openledger.prover.factory.VersionFactory;
import org.openledger.prover.proof.ContentSource;
import org.openledger.prover.proof.ProofEngine;
import org.openledger.prover.proof.VersionArtifacts;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The ModelFactory trainer and the attester over JSON-RPC: read a model's training data from the
 * chain and the content store, build the version with a {@link VersionFactory} (logistic regression
 * or the MLP), publish every blob its roots name, deliver it for a job; or rebuild a registered
 * version — as the model kind its weights commit — and attest it.
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

  /** A delivered version. */
  public record Delivery(BigInteger version, int evaluationScoreBp, int examples, int leaves, VersionArtifacts artifacts) {}

  /**
   * Accepts job {@code jobId} if it is Open, trains, publishes and delivers; rates in wei per 1,000
   * tokens. The architecture is this trainer's factory's: a Services job names a model and its
   * evaluation set, not an architecture.
   */
  public Delivery deliver(BigInteger jobId, BigInteger inRate, BigInteger outRate) {
    Services services = session.services(false);
    Services.Job job = session.view(services.job(jobId));
    if (job.state.intValueExact() == 1) session.send(session.services(true).acceptJob(jobId));
    else if (job.state.intValueExact() != 2 || !job.trainer.equalsIgnoreCase(session.sender())) {
      throw new UserError("job " + jobId + " is in state " + job.state + " with trainer " + job.trainer + ": only an Open job, or one this key accepted, can be delivered");
    }
    long asOf = session.blockNumber().longValueExact();
    LabelledImages evaluation = evaluationSet(Bytes32.wrap(job.datasetRoot));
    TrainingSet set = TrainingSet.of(AcceptedContributions.of(session, job.modelId, asOf));
    VersionFactory.Built built = build(set, evaluation);
    publish(built.blobs());
    VersionArtifacts a = built.artifacts();
    Services.VersionSpec spec = new Services.VersionSpec(a.weightsRoot().toArray(), a.basisRoot().toArray(), a.indexRoot().toArray(),
        BigInteger.valueOf(Math.round(config.damping() * DAMPING_UNIT)), BigInteger.valueOf(built.scale()),
        BigInteger.valueOf(Models.OUTPUT_CLASSIFIER_MARGIN), BigInteger.ZERO, BigInteger.valueOf(a.model().inputLength()),
        BigInteger.ONE, org.openledger.precompiles.Address.ZERO.toHexString(), inRate, outRate, BigInteger.valueOf(a.rank()));
    TransactionReceipt r = session.send(session.services(true).deliverVersion(jobId, spec, BigInteger.valueOf(built.evaluationScoreBp()),
        job.datasetRoot));
    BigInteger version = Services.getJobDeliveredEvents(r).get(0).version;
    return new Delivery(version, built.evaluationScoreBp(), set.examples().size(), a.leaves().size(), a);
  }

  /**
   * Rebuilds version {@code version} of {@code modelId} from the training data accepted up to the
   * block it was registered in, compares it with what it published, and attests it when they match
   * within one quantization step. Returns the mismatch instead of attesting otherwise.
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
   */
  public Optional<String> compare(BigInteger modelId, BigInteger version) throws Unavailable {
    var v = session.view(session.models(false).version(modelId, version));
    var spec = v.component1();
    ContentSource content = new RpcContentSource(new ContentStore(session.node()));
    VersionArtifacts published;
    try {
      published = VersionArtifacts.load(content, new ProofEngine.Version(Bytes32.wrap(spec.weightsRoot), Bytes32.wrap(spec.basisRoot),
          Bytes32.wrap(spec.indexRoot), spec.basisRank.intValueExact(), spec.outputFunction.intValueExact()));
    } catch (ContentSource.Unavailable e) {
      throw new Unavailable("the version's artifacts are not available: " + e.getMessage());
    }
    TrainingSet set;
    try {
      set = TrainingSet.of(AcceptedContributions.of(session, modelId, v.component3().longValueExact()));
    } catch (UserError e) {
      throw new Unavailable("the training data cannot be read: " + e.getMessage());
    }
    VersionFactory same = config.toRebuild(published.model(), spec.basisRank.intValueExact(), spec.damping.doubleValue() / DAMPING_UNIT);
    VersionArtifacts rebuilt = new Trainer(session, same, progress, checkpoints).build(set, set.examples().first(1)).artifacts();
    return Attestation.compare(published, rebuilt);
  }

  private VersionFactory.Built build(TrainingSet set, LabelledImages evaluation) {
    try (ComputeBackend backend = ComputeBackends.open()) {
      return config.build(set, evaluation, set.classes(), backend, progress, checkpoints);
    }
  }

  private LabelledImages evaluationSet(Bytes32 root) {
    try {
      return ImageContribution.stack(List.of(ImageContribution.decode(new RpcContentSource(new ContentStore(session.node())).get(root))));
    } catch (ContentSource.Unavailable | IllegalArgumentException e) {
      throw new UserError("the job's evaluation set " + root.toHexString() + " is not an image contribution in the node's content store: "
          + e.getMessage() + " — the job owner publishes it (openledger datanet submit --content stores content)");
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

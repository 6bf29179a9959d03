package org.openledger.cli.console;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.cli.chain.Connection;
import org.openledger.cli.chain.ContentStore;
import org.openledger.cli.chain.Open;
import org.openledger.cli.chain.RpcContentSource;
import org.openledger.cli.chain.Session;
import org.openledger.cli.factory.Trainer;
import org.openledger.cli.prover.ProverLoop;
import org.openledger.cli.prover.ProverMetrics;
import org.openledger.contracts.attribution.CommittedModel;
import org.openledger.contracts.attribution.FraudChecks;
import org.openledger.contracts.web3j.Inference;
import org.openledger.contracts.web3j.Models;
import org.openledger.contracts.web3j.Services;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.daemon.Journal;
import org.openledger.prover.factory.LogisticFactory;
import org.openledger.prover.proof.ProofEngines;
import org.openledger.prover.proof.ProofEngine;
import org.openledger.prover.proof.VersionArtifacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a console-started devnet, the other parties a user of the page needs so that what they
 * launch happens: a ModelFactory trainer that takes each Open job, trains it and delivers the
 * version (its progress shown on the jobs page) and then, as a bonded prover, rebuilds and attests
 * it; each model's host answering inference requests with the committed model; and the prover
 * daemon's loop proving and settling them. Each is the same code the CLI commands run, signing as
 * one of the development accounts. One pass a second, on one thread.
 */
final class DevnetWorkers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DevnetWorkers.class);
  static final BigInteger PROVER_BOND = Open.WEI_PER_OPEN.multiply(BigInteger.valueOf(1_000));

  private final Connection node;
  private final Signers signers;
  private final Signers.Signer worker;
  private final JobProgress progress;
  private final Journal journal;
  private final ProverLoop loop;
  private final Map<String, CommittedModel> served = new HashMap<>();
  private final Set<BigInteger> givenUp = new HashSet<>();
  private final Thread thread;
  private volatile boolean running = true;

  DevnetWorkers(Connection node, Signers signers, Signers.Signer worker, JobProgress progress, Path journalDir) throws IOException {
    this.node = node;
    this.signers = signers;
    this.worker = worker;
    this.progress = progress;
    this.journal = Journal.open(journalDir.resolve("journal"));
    Session s = Session.as(node, worker.credentials());
    this.loop = new ProverLoop(s, journal, new ProofEngines(new RpcContentSource(new ContentStore(node))), new ProverMetrics(), 0);
    this.thread = Thread.ofPlatform().name("console-workers").daemon().start(this::run);
  }

  private void run() {
    while (running) {
      try {
        factory();
        host();
        loop.tick();
      } catch (RuntimeException e) {
        LOG.warn("console worker pass failed: {}", e.getMessage());
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Trains, delivers and attests every Open job. */
  private void factory() {
    Session s = Session.as(node, worker.credentials());
    Services svc = s.services(false);
    BigInteger count = s.view(svc.jobCount());
    for (BigInteger id = BigInteger.ONE; id.compareTo(count) <= 0 && running; id = id.add(BigInteger.ONE)) {
      if (givenUp.contains(id)) continue;
      Services.Job j = s.view(svc.job(id));
      if (j.state.intValueExact() != org.openledger.contracts.services.Services.JOB_OPEN) continue;
      try {
        Trainer trainer = new Trainer(s, LogisticFactory.Config.defaults(), progress.reporter(id));
        Trainer.Delivery d = trainer.deliver(id, Open.WEI_PER_OPEN.divide(BigInteger.TWO), Open.WEI_PER_OPEN);
        progress.phase(id, "delivered version " + d.version() + "; the prover is rebuilding it to attest");
        loop.ensureBond(PROVER_BOND);
        var mismatch = trainer.attest(j.modelId, d.version());
        progress.phase(id, mismatch.isPresent() ? "delivered version " + d.version() + "; not attested: " + mismatch.get()
            : "delivered version " + d.version() + " (" + d.evaluationScoreBp() / 100.0 + "% on the evaluation set) and attested");
      } catch (RuntimeException e) {
        givenUp.add(id);
        progress.failed(id, e.getMessage());
        LOG.warn("job {} failed: {}", id, e.getMessage());
      }
    }
  }

  /** Answers every Requested inference whose host is one of the console's keys, with the committed model. */
  private void host() {
    Session reader = Session.as(node, worker.credentials());
    Inference inf = reader.inference(false);
    BigInteger count = reader.view(inf.requestCount());
    for (BigInteger id = count; id.signum() > 0; id = id.subtract(BigInteger.ONE)) {
      if (givenUp.contains(id.negate())) continue;
      Inference.Request r = reader.view(inf.getRequest(id));
      if (r.state.intValueExact() != 1) continue;
      // the request names its host; the model's owner hosts it when none is set
      Signers.Signer host = signers.byAddress(r.host);
      if (host == null) host = signers.byAddress(reader.view(reader.models(false).model(r.modelId)).owner);
      if (host == null) continue;
      try {
        CommittedModel model = model(reader, r.modelId, r.version);
        byte[] input = new ContentStore(node).get(org.web3j.utils.Numeric.toHexString(r.inputHash));
        int predicted = model.predict(input);
        Session as = Session.as(node, host.credentials());
        as.send(as.inference(true).submitResult(id, Keccak.hash(FraudChecks.classOutput(predicted)), r.maxOutTokens));
      } catch (RuntimeException e) {
        givenUp.add(id.negate());
        LOG.warn("cannot answer request {}: {}", id, e.getMessage());
      }
    }
  }

  private CommittedModel model(Session s, BigInteger modelId, BigInteger version) {
    return served.computeIfAbsent(modelId + "/" + version, k -> {
      Models.VersionSpec spec = s.view(s.models(false).version(modelId, version)).component1();
      try {
        return VersionArtifacts.load(new RpcContentSource(new ContentStore(node)), new ProofEngine.Version(Bytes32.wrap(spec.weightsRoot),
            Bytes32.wrap(spec.basisRoot), Bytes32.wrap(spec.indexRoot), spec.basisRank.intValueExact(), spec.outputFunction.intValueExact())).model();
      } catch (org.openledger.prover.proof.ContentSource.Unavailable e) {
        throw new IllegalStateException("version " + version + " of model " + modelId + " has no artifacts in the content store: " + e.getMessage());
      }
    });
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      journal.close();
    } catch (IOException e) {
      LOG.warn("closing the prover's journal: {}", e.getMessage());
    }
  }
}

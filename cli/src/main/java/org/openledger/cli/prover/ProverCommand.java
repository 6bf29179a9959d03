package org.openledger.cli.prover;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openledger.cli.UserError;
import org.openledger.cli.attribute.SpanVersionCheck;
import org.openledger.cli.attribute.VersionCorpora;
import org.openledger.cli.chain.ContentStore;
import org.openledger.cli.chain.KeyOptions;
import org.openledger.cli.chain.Open;
import org.openledger.cli.chain.RpcContentSource;
import org.openledger.cli.chain.RpcOptions;
import org.openledger.cli.chain.Session;
import org.openledger.cli.factory.Trainer;
import org.openledger.prover.daemon.Journal;
import org.openledger.prover.eval.Progress;
import org.openledger.prover.factory.LogisticFactory;
import org.openledger.prover.proof.ProofEngines;
import org.openledger.prover.text.SpanProofAudit;
import org.openledger.prover.text.SpanProofEngine;
import org.openledger.telemetry.MetricsServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code openledger prover}: the prover daemon. */
@Command(
    name = "prover",
    mixinStandardHelpOptions = true,
    description = {
      "Run a prover: bond OPEN, prove resulted inference requests, settle them, earn the prover's share of the platform fee.",
      "",
      "Each tick it scans new blocks for results and recomputes each output from the committed weights and input, "
          + "logistic regression or the MLP as the version's weights blob says (a wrong "
          + "output is never proven: the request refunds); a text-spans version's output is matched against the Datanets' "
          + "accepted text instead, and proven by the spans it repeats (docs/text-attribution.md). It builds the Proof of "
          + "Attribution (docs/attribution.md) before "
          + "claiming, so no bond is locked for a request it cannot prove, then claims, submits, and settles its proofs after "
          + "the challenge window.",
      "",
      "It also watches other provers: every accepted proof is recomputed (output, psi, every leaf's score) from committed "
          + "data, and a wrong one gets the one-step challenge that shows it, inside its window (--no-challenge: report only). "
          + "And it attests: every newly registered version is rebuilt from the chain's data and attested when it matches — "
          + "a classifier retrained, an OpenLoRA adapter fine-tuned again on its base with its job's settings, a text-spans version's corpus root rebuilt from the accepted text (--no-attest: skip). Its journals (--data-dir) make restarts safe: nothing is sent twice, nothing is forgotten.",
      "",
      "Leaf-coordinate games (docs/attribution.md §8, docs/provers.md): every registered classifier version's index is recomputed from "
          + "its own published model and basis; a wrong leaf coordinate is challenged (posting leafChallengerBond, 10 OPEN by default) "
          + "at the coordinate the most steps off, and the game is played to its end — disputes answered, the contribution uploaded, "
          + "the win claimed by timeout (--no-challenge: audit and log only; --no-leaf-challenge: no index audit). When this account owns the model "
          + "or attested the version a game challenges, it defends: disputes the first wrong claim, steps on the first wrong example "
          + "value, and lets a challenge whose claims are all true run (--no-leaf-defend: never defend).",
      "",
      "Prometheus metrics at http://HOST:PORT/metrics; logs are key=value lines on stderr."
    })
public final class ProverCommand implements Callable<Integer> {

  @Mixin RpcOptions rpc;
  @Mixin KeyOptions keys;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:OPENLEDGER_PROVER_DIR:-${sys:user.home}/.openledger/prover}",
      description = "Where the journals live: journal (requests), challenges, attestations, leaf-challenges, leaf-defences (env OPENLEDGER_PROVER_DIR; default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--bond", paramLabel = "OPEN", defaultValue = "1000",
      description = "Keep at least this much bonded (OPEN; default ${DEFAULT-VALUE}). A claim locks bondMultiple x the request's maximum fee.")
  String bond;

  @Option(names = "--poll", paramLabel = "SECONDS", defaultValue = "2", description = "Seconds between ticks (default ${DEFAULT-VALUE}).")
  double poll;

  @Option(names = "--from-block", paramLabel = "N", defaultValue = "0",
      description = "Ignore results before this block on a fresh journal (default ${DEFAULT-VALUE}: scan from genesis).")
  long fromBlock;

  @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9546", description = "Prometheus /metrics port (default ${DEFAULT-VALUE}; -1: off).")
  int metricsPort;

  @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Address the metrics endpoint listens on (default ${DEFAULT-VALUE}).")
  String metricsHost;

  @Option(names = "--challenge", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Challenge wrong proofs by other provers, posting the challenger bond (default on; --no-challenge: audit and log only).")
  boolean challenge;

  @Option(names = "--attest", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Rebuild and attest newly registered versions (default on; needs the minimum attester bond).")
  boolean attest;

  @Option(names = "--leaf-challenge", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Check every registered version's index leaves and, with --challenge, play the leaf-coordinate game against a wrong one "
          + "(default on; each game posts leafChallengerBond from the account's balance, not from the prover bond; "
          + "--no-leaf-challenge: no index audit).")
  boolean leafChallenge;

  @Option(names = "--leaf-defend", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Defend leaf-coordinate games against versions this account owns or attested: dispute wrong claims, step on a wrong "
          + "example value (default on; --no-leaf-defend: an attester's bond is then slashed by any challenge that is not answered).")
  boolean leafDefend;

  @Option(names = "--once", description = "Do the work that is due now (including what a previous run left), then exit: for scripts and cron.")
  boolean once;

  @Override
  public Integer call() throws Exception {
    // looked up here, not in a static field: picocli builds every command at start, and the first logger fixes the log level
    Logger log = LoggerFactory.getLogger(ProverCommand.class);
    BigInteger target = Open.parse(bond, "--bond");
    if (poll <= 0) throw new UserError("--poll must be positive seconds, got " + poll);
    ProverMetrics metrics = new ProverMetrics();
    try (Session session = new Session(rpc, keys);
        Journal journal = openJournal("journal");
        Journal challenges = openJournal("challenges");
        Journal attestations = openJournal("attestations");
        Journal leafChallenges = openJournal("leaf-challenges");
        Journal leafDefences = openJournal("leaf-defences");
        MetricsServer server = metricsPort < 0 ? null : startMetrics(metrics)) {
      // one engine per model kind behind one version cache, picked by each version's weights tag;
      // text-spans versions go to the span engine, which rebuilds the version's corpus from the chain
      RpcContentSource content = new RpcContentSource(new ContentStore(session.node()));
      ProofEngines engine = new ProofEngines(content);
      SpanProofEngine spans = new SpanProofEngine(content, new VersionCorpora(session));
      ProverLoop loop = new ProverLoop(session, journal, SpanProofEngine.or(engine, spans), metrics, fromBlock);
      // span proofs are audited too, but only reported: there is no on-chain span challenge yet
      ProofWatcher watcher = new ProofWatcher(session, challenges, SpanProofAudit.or(engine, new SpanProofAudit(spans)), metrics, fromBlock,
          challenge, loop::reopen);
      Trainer trainer = new Trainer(session, LogisticFactory.Config.defaults(), Progress.NONE);
      // text-spans versions are checked by their corpus root, every other version by retraining it
      VersionAttester.Rebuild rebuild = SpanVersionCheck.or(trainer::compare, new SpanVersionCheck(session, Progress.NONE));
      VersionAttester attester = attest ? new VersionAttester(session, attestations, rebuild, metrics, fromBlock) : null;
      // --no-challenge audits and logs, as the watcher does; --no-leaf-challenge skips the index audit altogether
      LeafChallenger challenger = leafChallenge ? new LeafChallenger(session, leafChallenges, content, metrics, fromBlock, challenge) : null;
      LeafDefender defender = leafDefend ? new LeafDefender(session, leafDefences, content, metrics, fromBlock) : null;
      Runnable tick = () -> {
        loop.tick();
        watcher.tick();
        if (attester != null) attester.tick();
        if (challenger != null) challenger.tick();
        if (defender != null) defender.tick();
      };
      BigInteger added = loop.ensureBond(target);
      System.out.println("prover " + session.sender() + " on " + session.node().url() + (added.signum() > 0 ? ", bonded " + Open.format(added) + " OPEN" : "")
          + (server == null ? "" : ", metrics at http://" + metricsHost + ":" + server.port() + "/metrics"));
      if (once) {
        int moved = loop.tick();
        int challenged = watcher.tick();
        int attested = attester == null ? 0 : attester.tick();
        int leafMoves = (challenger == null ? 0 : challenger.tick()) + (defender == null ? 0 : defender.tick());
        System.out.println(moved + " request(s) advanced; " + loop.open().size() + " still open; earned " + Open.format(loop.earned()) + " OPEN; "
            + challenged + " challenge(s) sent, won " + Open.format(watcher.rewards()) + " OPEN; " + attested + " version(s) attested; "
            + leafMoves + " leaf-game move(s) sent");
        return 0;
      }
      CountDownLatch stop = new CountDownLatch(1);
      Thread hook = new Thread(stop::countDown, "prover-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      while (!stop.await((long) (poll * 1000), TimeUnit.MILLISECONDS)) {
        try {
          tick.run();
        } catch (UserError e) {
          log.warn("event=tick_failed error=\"{}\" — retrying next tick", e.getMessage());
        }
      }
      log.info("event=stopped earned={}", loop.earned());
      return 0;
    }
  }

  /** One journal per duty (requests, challenges, attestations): each keyed by what it concerns, each with its own scan position. */
  private Journal openJournal(String name) {
    Path file = dataDir.resolve(name);
    try {
      return Journal.open(file);
    } catch (IOException e) {
      throw new UserError("cannot open the prover journal " + file + ": " + e.getMessage());
    }
  }

  private MetricsServer startMetrics(ProverMetrics metrics) {
    try {
      return MetricsServer.start(metricsHost, metricsPort, metrics.registry);
    } catch (IOException e) {
      throw new UserError("cannot serve metrics on " + metricsHost + ":" + metricsPort + ": " + e.getMessage()
          + " (choose another --metrics-port, or -1 to turn metrics off)");
    }
  }
}

package org.openledger.cli.prover;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.Session;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.attribution.AttributionVerifier;
import org.openledger.contracts.web3j.Inference;
import org.openledger.contracts.web3j.Models;
import org.openledger.contracts.web3j.Provers;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.daemon.Journal;
import org.openledger.prover.daemon.Journal.Entry;
import org.openledger.prover.daemon.Journal.Stage;
import org.openledger.prover.proof.ProofEngine;
import org.openledger.prover.proof.ProofEngine.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * One prover's work against one node, a tick at a time: find resulted requests, prove the ones its
 * engine can (computing the proof before claiming, so no bond is locked for a request it cannot
 * prove), claim, submit, and settle its own proofs once their challenge window has passed.
 *
 * <p>Restart safety: every transaction is preceded by a journal record forced to disk, and every
 * decision re-reads the chain first (the claim's state, the request's state), so after a crash an
 * intent whose transaction did land is recognised on-chain and never sent twice.
 */
public final class ProverLoop {
  private static final Logger LOG = LoggerFactory.getLogger(ProverLoop.class);
  static final long LOG_CHUNK = 2_000;
  private static final int MAX_ATTEMPTS = 5;

  private final Session session;
  private final Journal journal;
  private final ProofEngine engine;
  private final ProverMetrics metrics;
  private final Address me;
  private final long chainId;
  private final long fromBlock;
  /** Requests seen and not yet finished: waiting on another prover's claim, or on our challenge window. */
  private final Set<BigInteger> open = new LinkedHashSet<>();
  private final Map<BigInteger, Integer> failures = new HashMap<>();
  private BigInteger earned = BigInteger.ZERO;

  public ProverLoop(Session session, Journal journal, ProofEngine engine, ProverMetrics metrics, long fromBlock) {
    this.session = session;
    this.journal = journal;
    this.engine = engine;
    this.metrics = metrics;
    this.me = Address.fromHex(session.sender());
    this.chainId = session.node().chainId();
    this.fromBlock = fromBlock;
    for (Entry e : journal.unfinished()) open.add(e.requestId());
    if (!open.isEmpty()) LOG.info("event=resume requests={} scannedTo={}", open.size(), journal.scannedTo());
  }

  /** Tops the bond up to {@code target} (wei); returns what was added. */
  public BigInteger ensureBond(BigInteger target) {
    Provers provers = session.provers(false);
    BigInteger total = session.view(provers.bondOf(me.toHexString())).component1();
    BigInteger missing = target.subtract(total);
    if (missing.signum() <= 0) return BigInteger.ZERO;
    session.send(session.provers(true).bond(missing));
    LOG.info("event=bonded amount={} total={}", missing, target);
    return missing;
  }

  /** Takes up request {@code id} again after a won challenge reopened it (journaled, so a restart resumes it). */
  public void reopen(BigInteger id) {
    journal.record(new Entry(id, Stage.REOPENED, session.blockNumber().longValueExact(), "a won challenge reopened it"));
    open.add(id);
    failures.remove(id);
  }

  /** One pass: scan new blocks, advance every open request. Returns how many requests changed stage. */
  public int tick() {
    long latest = session.blockNumber().longValueExact();
    for (BigInteger id : resultedSince(Math.max(journal.scannedTo() + 1, fromBlock), latest)) {
      if (journal.latest(id) == null) open.add(id);
    }
    int moved = 0;
    for (BigInteger id : new ArrayList<>(open)) {
      try {
        if (advance(id, latest)) moved++;
        failures.remove(id);
      } catch (UserError | IllegalStateException e) {
        int n = failures.merge(id, 1, Integer::sum);
        LOG.warn("event=request_failed request={} attempt={} error=\"{}\"", id, n, e.getMessage());
        if (n >= MAX_ATTEMPTS) finish(id, latest, "gave up after " + n + " attempts: " + e.getMessage());
      }
    }
    journal.scanned(latest);
    refreshGauges(latest);
    return moved;
  }

  private boolean advance(BigInteger id, long now) {
    Inference.Request r = session.view(session.inference(false).getRequest(id));
    int state = r.state.intValueExact();
    if (state == org.openledger.contracts.inference.Inference.SETTLED || state == org.openledger.contracts.inference.Inference.REFUNDED) {
      finish(id, now, state == org.openledger.contracts.inference.Inference.SETTLED ? "settled" : "refunded");
      return true;
    }
    if (state != org.openledger.contracts.inference.Inference.RESULTED) return false;
    var claim = session.view(session.provers(false).claimOf(id));
    Address holder = Address.fromHex(claim.component1());
    int claimState = claim.component4().intValueExact();
    boolean mine = holder.equals(me);
    if (claimState == org.openledger.contracts.prover.Provers.PROVEN || claimState == org.openledger.contracts.prover.Provers.CHALLENGED) {
      if (!mine) {
        finish(id, now, "proven by " + holder);
        return true;
      }
      if (claimState == org.openledger.contracts.prover.Provers.CHALLENGED) {
        metrics.challenged.inc();
        return false; // governance decides; the proof stands or the request reopens
      }
      if (now <= claim.component3().longValueExact()) return false; // challenge window still open
      return settle(id, now);
    }
    if (now > r.deadline.longValueExact()) {
      finish(id, now, "deadline passed unproven");
      return true;
    }
    boolean lapsed = claimState == org.openledger.contracts.prover.Provers.CLAIMED && !mine && now > claimEnds(claim.component2());
    if (claimState == org.openledger.contracts.prover.Provers.CLAIMED && !mine && !lapsed) return false; // another prover's window
    return prove(id, r, claimState == org.openledger.contracts.prover.Provers.CLAIMED && mine, now);
  }

  private boolean prove(BigInteger id, Inference.Request r, boolean alreadyClaimed, long now) {
    Models.VersionSpec spec = session.view(session.models(false).version(r.modelId, r.version)).component1();
    var version = new ProofEngine.Version(Bytes32.wrap(spec.weightsRoot), Bytes32.wrap(spec.basisRoot), Bytes32.wrap(spec.indexRoot),
        spec.basisRank.intValueExact(), spec.outputFunction.intValueExact());
    var binding = new AttributionVerifier.Binding(chainId, Addresses.PROVERS, id, r.modelId, r.version, Bytes32.wrap(r.inputHash),
        Bytes32.wrap(r.outputHash), me);
    long started = System.nanoTime();
    Outcome outcome = engine.prove(binding, version);
    metrics.proofSeconds.observe((System.nanoTime() - started) / 1e9);
    switch (outcome) {
      case Outcome.WrongOutput w -> {
        metrics.proofs.labels("wrong_output").inc();
        LOG.warn("event=wrong_output request={} model={} version={} detail=\"{}\" — not proving; the request will refund", id, r.modelId,
            r.version, w.detail());
        finish(id, now, "host output wrong: " + w.detail());
        return true;
      }
      case Outcome.NotProvable n -> {
        metrics.proofs.labels("not_provable").inc();
        LOG.info("event=not_provable request={} reason=\"{}\"", id, n.reason());
        finish(id, now, "not provable: " + n.reason());
        return true;
      }
      case Outcome.Proof p -> {
        if (!alreadyClaimed) {
          journal.record(new Entry(id, Stage.CLAIMING, now, ""));
          try {
            session.send(session.provers(true).claim(id));
            metrics.claims.labels("sent").inc();
          } catch (UserError e) {
            metrics.claims.labels("failed").inc();
            throw e;
          }
          LOG.info("event=claimed request={}", id);
        }
        String proofHash = Bytes32.wrap(Keccak.hash(p.bytes().toArrayUnsafe())).toHexString();
        journal.record(new Entry(id, Stage.PROVING, now, proofHash));
        try {
          session.send(session.provers(true).submitProof(id, p.bytes().toArrayUnsafe()));
        } catch (UserError e) {
          metrics.proofs.labels("refused").inc();
          throw e;
        }
        metrics.proofs.labels("accepted").inc();
        LOG.info("event=proof_accepted request={} bytes={} contributors={} proofHash={}", id, p.bytes().size(), p.contributors(), proofHash);
        return true;
      }
    }
  }

  private boolean settle(BigInteger id, long now) {
    journal.record(new Entry(id, Stage.SETTLING, now, ""));
    TransactionReceipt receipt = session.send(session.inference(true).settle(id));
    metrics.settlements.inc();
    BigInteger mine = BigInteger.ZERO;
    for (Inference.PaidEventResponse paid : Inference.getPaidEvents(receipt)) {
      if (Address.fromHex(paid.account).equals(me) && paid.role.intValueExact() == org.openledger.contracts.inference.Inference.ROLE_PROVER) {
        mine = mine.add(paid.amount);
      }
    }
    earned = earned.add(mine);
    LOG.info("event=settled request={} earned={}", id, mine);
    finish(id, now, "settled");
    return true;
  }

  private void finish(BigInteger id, long now, String why) {
    Entry last = journal.latest(id);
    if (last == null || last.stage() != Stage.DONE) journal.record(new Entry(id, Stage.DONE, now, why));
    open.remove(id);
    failures.remove(id);
  }

  private long claimEnds(BigInteger claimedAt) {
    BigInteger window = session.view(session.provers(false).parameters()).component2();
    return claimedAt.longValueExact() + window.longValueExact();
  }

  /** Ids of requests that got a result in blocks {@code from..to}, in chunks the node will serve. */
  private List<BigInteger> resultedSince(long from, long to) {
    List<BigInteger> ids = new ArrayList<>();
    for (Log log : EventLogs.read(session, Addresses.INFERENCE, Inference.RESULTED_EVENT, from, to, null)) {
      ids.add(Inference.getResultedEventFromLog(log).requestId);
    }
    return ids;
  }

  private void refreshGauges(long latest) {
    metrics.scannedBlock.set(latest);
    metrics.pending.set(open.size());
    metrics.earningsWei.set(earned.doubleValue());
    var bond = session.view(session.provers(false).bondOf(me.toHexString()));
    metrics.bondWei.labels("total").set(bond.component1().doubleValue());
    metrics.bondWei.labels("locked").set(bond.component2().doubleValue());
    metrics.bondWei.labels("unbonding").set(bond.component3().doubleValue());
  }

  public BigInteger earned() {
    return earned;
  }

  public Set<BigInteger> open() {
    return Set.copyOf(open);
  }
}

package org.openledger.cli.prover;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.tuweni.bytes.Bytes;
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
import org.openledger.prover.proof.ProofAuditor;
import org.openledger.prover.proof.ProofAuditor.Finding;
import org.openledger.prover.proof.ProofEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The prover's watch over other provers (docs/attribution.md §9): every {@code ProofAccepted} by
 * another address is audited — its bytes read from the {@code submitProof} transaction that carried
 * them, checked against the event's proof hash, then output, ψ and every leaf's score recomputed
 * from committed data ({@link ProofAuditor}) — and a wrong proof gets the one-step challenge that
 * shows it, inside its challenge window.
 *
 * <p>Restart safety as in {@link ProverLoop}: the intent to challenge is journaled (keyed by the
 * proof hash and the event's block, so a re-proof of the same request is a new entry) and forced to
 * disk before the transaction; an intent found unfinished is first looked up on-chain (a
 * {@code FraudProven} or {@code ChallengeFailed} naming this challenger since the proof was
 * accepted), so a challenge — and its bond — is never sent twice.
 */
public final class ProofWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(ProofWatcher.class);
  private static final int MAX_ATTEMPTS = 5;

  private final Session session;
  private final Journal journal;
  private final ProofAuditor auditor;
  private final ProverMetrics metrics;
  private final boolean challenge;
  private final Consumer<BigInteger> reopened;
  private final Address me;
  private final long chainId;
  private final long fromBlock;
  /** Events whose handling failed (node unreachable, a transaction refused): retried next tick, up to {@link #MAX_ATTEMPTS}. */
  private final Map<BigInteger, Log> retry = new HashMap<>();
  private final Map<BigInteger, Integer> failures = new HashMap<>();
  private BigInteger rewards = BigInteger.ZERO;

  /**
   * @param challenge whether to send challenges; without, a wrong proof is only logged and counted
   * @param reopened told the request id whenever this watcher's challenge reopened a request, so the prover can prove it
   */
  public ProofWatcher(Session session, Journal journal, ProofAuditor auditor, ProverMetrics metrics, long fromBlock, boolean challenge,
                      Consumer<BigInteger> reopened) {
    this.session = session;
    this.journal = journal;
    this.auditor = auditor;
    this.metrics = metrics;
    this.fromBlock = fromBlock;
    this.challenge = challenge;
    this.reopened = reopened;
    this.me = Address.fromHex(session.sender());
    this.chainId = session.node().chainId();
    for (Entry e : journal.unfinished()) {
      Log log = acceptedLog(noted(e, "request"), noted(e, "block").longValueExact(), key(e));
      if (log != null) retry.put(e.requestId(), log);
    }
    if (!retry.isEmpty()) LOG.info("event=watch_resume challenges={} scannedTo={}", retry.size(), journal.scannedTo());
  }

  /** One pass: audit every proof accepted since the last pass, and retry what failed. Returns how many challenges were sent. */
  public int tick() {
    long latest = session.blockNumber().longValueExact();
    long from = Math.max(journal.scannedTo() + 1, fromBlock);
    Map<BigInteger, Log> due = new java.util.LinkedHashMap<>(retry);
    if (from <= latest) for (Log log : logs(Provers.PROOFACCEPTED_EVENT, from, latest, null)) due.putIfAbsent(key(log), log);
    int sent = 0;
    for (Map.Entry<BigInteger, Log> d : due.entrySet()) {
      BigInteger key = d.getKey();
      Log log = d.getValue();
      try {
        if (handle(log, key, latest)) sent++;
        retry.remove(key);
        failures.remove(key);
      } catch (UserError | IllegalStateException e) {
        int n = failures.merge(key, 1, Integer::sum);
        LOG.warn("event=watch_failed request={} attempt={} error=\"{}\"", event(log).requestId, n, e.getMessage());
        if (n >= MAX_ATTEMPTS) {
          done(key, event(log).requestId, latest, "gave up after " + n + " attempts: " + e.getMessage());
          retry.remove(key);
          failures.remove(key);
        } else {
          retry.put(key, log);
        }
      }
    }
    journal.scanned(latest);
    metrics.challengeRewardsWei.set(rewards.doubleValue());
    return sent;
  }

  /** OPEN (wei) this watcher's won challenges paid it beyond its bond, since start. */
  public BigInteger rewards() {
    return rewards;
  }

  private boolean handle(Log log, BigInteger key, long now) {
    Provers.ProofAcceptedEventResponse ev = event(log);
    Address prover = Address.fromHex(ev.prover);
    if (prover.equals(me)) return false;
    BigInteger id = ev.requestId;
    long block = log.getBlockNumber().longValueExact();
    Entry last = journal.latest(key);
    if (last != null && last.stage() == Stage.DONE) return false;
    if (last != null && last.stage() == Stage.CHALLENGING) {
      Optional<String> landed = outcome(id, block);
      if (landed.isPresent()) { // it was sent before a crash: never twice
        done(key, id, now, landed.get());
        return false;
      }
    }
    var claim = session.view(session.provers(false).claimOf(id));
    boolean same = claim.component4().intValueExact() == org.openledger.contracts.prover.Provers.PROVEN
        && Address.fromHex(claim.component1()).equals(prover) && claim.component3().equals(ev.challengeEnds);
    // the challenge lands in a later block than `now`: at the window's last block it would arrive too late
    if (!same || now >= ev.challengeEnds.longValueExact()) {
      metrics.audits.labels("closed").inc();
      done(key, id, now, same ? "challenge window closed" : "the claim moved on (settled, challenged or reopened)");
      return false;
    }
    Bytes proof = proofBytes(log, Bytes32.wrap(ev.proofHash));
    Inference.Request r = session.view(session.inference(false).getRequest(id));
    Models.VersionSpec spec = session.view(session.models(false).version(r.modelId, r.version)).component1();
    var version = new ProofEngine.Version(Bytes32.wrap(spec.weightsRoot), Bytes32.wrap(spec.basisRoot), Bytes32.wrap(spec.indexRoot),
        spec.basisRank.intValueExact(), spec.outputFunction.intValueExact());
    var binding = new AttributionVerifier.Binding(chainId, Addresses.PROVERS, id, r.modelId, r.version, Bytes32.wrap(r.inputHash),
        Bytes32.wrap(r.outputHash), prover);
    Finding finding = auditor.audit(binding, version, proof);
    switch (finding) {
      case Finding.Sound s -> {
        metrics.audits.labels("sound").inc();
        LOG.info("event=proof_sound request={} prover={} proofHash={}", id, prover, Bytes32.wrap(ev.proofHash).toHexString());
        done(key, id, now, "sound");
        return false;
      }
      case Finding.Uncheckable u -> {
        metrics.audits.labels("uncheckable").inc();
        LOG.info("event=proof_uncheckable request={} prover={} reason=\"{}\"", id, prover, u.reason());
        done(key, id, now, "uncheckable: " + u.reason());
        return false;
      }
      default -> {
        metrics.audits.labels("wrong").inc();
        String kind = ProofAuditor.kindName(finding.kind());
        LOG.warn("event=proof_wrong request={} prover={} kind={} detail=\"{}\"", id, prover, kind, describe(finding));
        if (!challenge) {
          metrics.challenges.labels(kind, "skipped").inc();
          done(key, id, now, "wrong (" + kind + "), not challenged: --no-challenge");
          return false;
        }
        journal.record(new Entry(key, Stage.CHALLENGING, now, "request=" + id + " block=" + block + " kind=" + kind));
        BigInteger bond = session.view(session.provers(false).parameters()).component4();
        TransactionReceipt receipt;
        try {
          receipt = session.send(challengeCall(id, proof, finding, bond));
        } catch (UserError e) {
          metrics.challenges.labels(kind, "failed").inc();
          throw e;
        }
        done(key, id, now, settle(receipt, id, kind));
        return true;
      }
    }
  }

  private org.web3j.protocol.core.RemoteFunctionCall<TransactionReceipt> challengeCall(BigInteger id, Bytes proof, Finding finding, BigInteger bond) {
    Provers p = session.provers(true);
    byte[] bytes = proof.toArrayUnsafe();
    return switch (finding) {
      case Finding.WrongOutput w -> p.challengeOutput(id, w.weights(), w.input(), bond);
      case Finding.WrongPsi w -> p.challengePsi(id, bytes, BigInteger.valueOf(w.coordinate()), w.weights(), w.input(), w.basisRow(),
          hashes(w.basisProof()), bond);
      case Finding.Omitted o -> p.challengeOmission(id, bytes, BigInteger.valueOf(o.leafIndex()), o.leaf(), hashes(o.leafProof()), bond);
      case Finding.SpanLeftOut s -> p.challengeSpan(id, bytes, BigInteger.valueOf(s.span()), BigInteger.valueOf(s.startByte()),
          BigInteger.valueOf(s.endByte()), BigInteger.valueOf(s.leafIndex()), s.leaf(), BigInteger.valueOf(s.offset()), hashes(s.leafProof()), bond);
      default -> throw new IllegalStateException("no challenge for " + finding);
    };
  }

  /** Reads the decision from the challenge's receipt: counts it, and hands a reopened request to the prover. */
  private String settle(TransactionReceipt receipt, BigInteger id, String kind) {
    for (Provers.FraudProvenEventResponse won : Provers.getFraudProvenEvents(receipt)) {
      metrics.challenges.labels(kind, "won").inc();
      rewards = rewards.add(won.toChallenger);
      LOG.info("event=challenge_won request={} kind={} slashed={} toChallenger={}", id, kind, won.slashed, won.toChallenger);
      reopened.accept(id);
      return "challenged (" + kind + "): won " + won.toChallenger;
    }
    for (Provers.ChallengeFailedEventResponse lost : Provers.getChallengeFailedEvents(receipt)) {
      metrics.challenges.labels(kind, "lost").inc();
      LOG.warn("event=challenge_lost request={} kind={} forfeited={}", id, kind, lost.forfeited);
      return "challenged (" + kind + "): lost " + lost.forfeited;
    }
    throw new IllegalStateException("the challenge of request " + id + " emitted neither FraudProven nor ChallengeFailed");
  }

  /** How a challenge by this prover of request {@code id}, sent at or after {@code since}, ended — if one landed. */
  private Optional<String> outcome(BigInteger id, long since) {
    long latest = session.blockNumber().longValueExact();
    String who = Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(me.toHexString()), 64);
    for (Log l : logs(Provers.FRAUDPROVEN_EVENT, since, latest, List.of(topic(id), who))) {
      var won = Provers.getFraudProvenEventFromLog(l);
      return Optional.of("challenged (" + ProofAuditor.kindName(won.kind.intValueExact()) + "): won " + won.toChallenger + " (found on-chain after a restart)");
    }
    for (Log l : logs(Provers.CHALLENGEFAILED_EVENT, since, latest, List.of(topic(id), who))) {
      var lost = Provers.getChallengeFailedEventFromLog(l);
      return Optional.of("challenged (" + ProofAuditor.kindName(lost.kind.intValueExact()) + "): lost " + lost.forfeited + " (found on-chain after a restart)");
    }
    return Optional.empty();
  }

  /** The proof as its {@code submitProof} transaction carried it, checked against the hash the chain stored. */
  private Bytes proofBytes(Log log, Bytes32 proofHash) {
    Optional<List<Object>> args = EventLogs.callArgs(session, log.getTransactionHash(), org.openledger.contracts.prover.Provers.SUBMIT_PROOF);
    if (args.isPresent() && args.get().get(1) instanceof Bytes proof && Bytes32.wrap(Keccak.hash(proof.toArrayUnsafe())).equals(proofHash)) {
      return proof;
    }
    // a proof submitted through another contract is not in its transaction's input
    throw new UserError("transaction " + log.getTransactionHash() + " does not carry the proof " + proofHash.toHexString() + " in its input");
  }

  private Log acceptedLog(BigInteger id, long block, BigInteger key) {
    for (Log l : logs(Provers.PROOFACCEPTED_EVENT, block, block, List.of(topic(id)))) {
      if (key(l).equals(key)) return l;
    }
    return null;
  }

  private List<Log> logs(org.web3j.abi.datatypes.Event event, long from, long to, List<String> indexed) {
    return EventLogs.read(session, Addresses.PROVERS, event, from, to, indexed);
  }

  private void done(BigInteger key, BigInteger id, long now, String why) {
    Entry last = journal.latest(key);
    if (last == null || last.stage() != Stage.DONE) journal.record(new Entry(key, Stage.DONE, now, "request=" + id + " " + why));
  }

  private static Provers.ProofAcceptedEventResponse event(Log log) {
    return Provers.getProofAcceptedEventFromLog(log);
  }

  /** The journal key of one acceptance: keccak(proofHash ‖ uint64 block), so a later re-proof of the request is a new entry. */
  static BigInteger key(Log log) {
    byte[] proofHash = event(log).proofHash;
    byte[] block = ByteBuffer.allocate(8).putLong(log.getBlockNumber().longValueExact()).array();
    return new BigInteger(1, Keccak.hash(proofHash, block));
  }

  private static BigInteger key(Entry e) {
    return e.requestId();
  }

  /** A {@code name=value} field of a journal note. */
  private static BigInteger noted(Entry e, String name) {
    for (String field : e.note().split(" ")) {
      if (field.startsWith(name + "=")) return new BigInteger(field.substring(name.length() + 1));
    }
    throw new IllegalStateException("journal entry " + e + " has no " + name);
  }

  private static String topic(BigInteger id) {
    return Numeric.toHexStringWithPrefixZeroPadded(id, 64);
  }

  private static List<byte[]> hashes(List<Bytes32> proof) {
    return proof.stream().map(Bytes32::toArray).toList();
  }

  private static String describe(Finding f) {
    return switch (f) {
      case Finding.WrongOutput w -> "the committed weights give class " + w.predicted();
      case Finding.WrongPsi w -> "psi[" + w.coordinate() + "] is " + w.declared() + ", the committed data give " + w.recomputed();
      case Finding.Omitted o -> "leaf " + o.leafIndex() + " scores " + o.score() + " and was left out";
      case Finding.SpanLeftOut s -> s.detail();
      default -> f.toString();
    };
  }
}

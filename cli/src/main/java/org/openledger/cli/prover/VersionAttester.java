package org.openledger.cli.prover;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.Session;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.web3j.Models;
import org.openledger.prover.daemon.Journal;
import org.openledger.prover.daemon.Journal.Entry;
import org.openledger.prover.daemon.Journal.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The prover's attestation duty (DESIGN §6, docs/attribution.md §9): for every version registered
 * ({@code Models.VersionRegistered}) it rebuilds the weights, basis and index from the chain's data
 * and sends {@code Provers.attest} when they match within one quantization step — so versions reach
 * the attestations governance requires to deploy them.
 *
 * <p>Restart safety: the intent is journaled before the transaction (keyed by model and version), and
 * {@code Models.hasAttested} is read before every rebuild, so an attestation is never sent twice.
 * A rebuild that cannot read the data (withheld, not yet published, node unreachable) is retried on
 * later ticks, then given up.
 */
public final class VersionAttester {
  private static final Logger LOG = LoggerFactory.getLogger(VersionAttester.class);
  private static final int MAX_ATTEMPTS = 5;

  /** Rebuilds a version from the chain's data: empty when it matches what was published, else the first difference. */
  @FunctionalInterface
  public interface Rebuild {
    Optional<String> mismatch(BigInteger modelId, BigInteger version) throws Exception;
  }

  /** A version to attest. */
  record Version(BigInteger modelId, BigInteger version) {
    /** The journal key: {@code modelId · 2^128 + version} (ids are counters; 2^128 of either is unreachable). */
    BigInteger key() {
      if (modelId.bitLength() > 128 || version.bitLength() > 128) throw new IllegalStateException("model " + modelId + " version " + version);
      return modelId.shiftLeft(128).or(version);
    }

    static Version of(BigInteger key) {
      return new Version(key.shiftRight(128), key.subtract(key.shiftRight(128).shiftLeft(128)));
    }
  }

  private final Session session;
  private final Journal journal;
  private final Rebuild rebuild;
  private final ProverMetrics metrics;
  private final long fromBlock;
  private final String me;
  private final Map<BigInteger, Version> retry = new LinkedHashMap<>();
  private final Map<BigInteger, Integer> failures = new HashMap<>();

  public VersionAttester(Session session, Journal journal, Rebuild rebuild, ProverMetrics metrics, long fromBlock) {
    this.session = session;
    this.journal = journal;
    this.rebuild = rebuild;
    this.metrics = metrics;
    this.fromBlock = fromBlock;
    this.me = session.sender();
    for (Entry e : journal.unfinished()) retry.put(e.requestId(), Version.of(e.requestId()));
    if (!retry.isEmpty()) LOG.info("event=attest_resume versions={} scannedTo={}", retry.size(), journal.scannedTo());
  }

  /** One pass: attest every version registered since the last pass, retry what failed. Returns how many attestations were sent. */
  public int tick() {
    long latest = session.blockNumber().longValueExact();
    Map<BigInteger, Version> due = new LinkedHashMap<>(retry);
    long from = Math.max(journal.scannedTo() + 1, fromBlock);
    if (from <= latest) {
      for (Version v : registered(from, latest)) due.putIfAbsent(v.key(), v);
    }
    int sent = 0;
    for (Map.Entry<BigInteger, Version> d : due.entrySet()) {
      Version v = d.getValue();
      try {
        if (attest(d.getKey(), v, latest)) sent++;
        retry.remove(d.getKey());
        failures.remove(d.getKey());
      } catch (Exception e) {
        int n = failures.merge(d.getKey(), 1, Integer::sum);
        LOG.warn("event=attest_failed model={} version={} attempt={} error=\"{}\"", v.modelId(), v.version(), n, e.getMessage());
        if (n >= MAX_ATTEMPTS) {
          metrics.attestations.labels(e instanceof org.openledger.cli.factory.Trainer.Unavailable ? "unavailable" : "failed").inc();
          done(d.getKey(), latest, "gave up after " + n + " attempts: " + e.getMessage());
          retry.remove(d.getKey());
          failures.remove(d.getKey());
        } else {
          retry.put(d.getKey(), v);
        }
      }
    }
    journal.scanned(latest);
    return sent;
  }

  private boolean attest(BigInteger key, Version v, long now) throws Exception {
    Entry last = journal.latest(key);
    if (last != null && last.stage() == Stage.DONE) return false;
    if (session.view(session.models(false).hasAttested(v.modelId(), v.version(), me))) {
      done(key, now, "attested"); // by an earlier run whose record of it was lost, or by hand with this key
      return false;
    }
    Optional<String> mismatch = rebuild.mismatch(v.modelId(), v.version());
    if (mismatch.isPresent()) {
      metrics.attestations.labels("mismatch").inc();
      LOG.warn("event=attest_mismatch model={} version={} difference=\"{}\"", v.modelId(), v.version(), mismatch.get());
      done(key, now, "not attested: " + mismatch.get());
      return false;
    }
    journal.record(new Entry(key, Stage.ATTESTING, now, "model=" + v.modelId() + " version=" + v.version()));
    session.send(session.provers(true).attest(v.modelId(), v.version()));
    metrics.attestations.labels("attested").inc();
    LOG.info("event=attested model={} version={}", v.modelId(), v.version());
    done(key, now, "attested");
    return true;
  }

  private void done(BigInteger key, long now, String why) {
    Version v = Version.of(key);
    journal.record(new Entry(key, Stage.DONE, now, "model=" + v.modelId() + " version=" + v.version() + " " + why));
  }

  private java.util.List<Version> registered(long from, long to) {
    java.util.List<Version> out = new java.util.ArrayList<>();
    for (Log log : EventLogs.read(session, Addresses.MODELS, Models.VERSIONREGISTERED_EVENT, from, to, null)) {
      var ev = Models.getVersionRegisteredEventFromLog(log);
      out.add(new Version(ev.modelId, ev.version));
    }
    return out;
  }
}

package org.openledger.cli.prover;

import org.openledger.telemetry.Counter;
import org.openledger.telemetry.Gauge;
import org.openledger.telemetry.Histogram;
import org.openledger.telemetry.MetricsRegistry;

/** What a prover operator watches (served at /metrics by {@code openledger prover --metrics-port}). */
public final class ProverMetrics {
  final MetricsRegistry registry = new MetricsRegistry();
  final Counter claims = registry.counter("openledger_prover_claims_total", "Requests claimed, by outcome (sent, failed).", "outcome");
  final Counter proofs = registry.counter("openledger_prover_proofs_total",
      "Proof attempts, by outcome (accepted, refused, wrong_output, not_provable).", "outcome");
  final Histogram proofSeconds = registry.histogram("openledger_prover_proof_seconds",
      "Time to compute one proof (load, recompute, score, build).", Histogram.LATENCY_SECONDS);
  final Counter settlements = registry.counter("openledger_prover_settlements_total", "Settlements this prover sent after the challenge window.");
  final Counter challenges = registry.counter("openledger_prover_challenges_total", "Challenges against this prover's proofs, seen on-chain.");
  final Gauge earningsWei = registry.gauge("openledger_prover_earnings_wei", "OPEN (wei) paid to this prover by settlements it proved, since start.");
  final Gauge bondWei = registry.gauge("openledger_prover_bond_wei", "This prover's bond (wei), by part (total, locked, unbonding).", "part");
  final Gauge scannedBlock = registry.gauge("openledger_prover_scanned_block", "The last block scanned for resulted requests.");
  final Gauge pending = registry.gauge("openledger_prover_pending_requests", "Requests this prover is working on or waiting to settle.");
}

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
  final Counter challenged = registry.counter("openledger_prover_challenged_total",
      "Ticks on which one of this prover's proofs stood challenged under governance's resolveChallenge, seen on-chain.");
  final Counter audits = registry.counter("openledger_prover_audits_total",
      "Other provers' accepted proofs recomputed, by verdict (sound, wrong, uncheckable, closed: the window ended or the claim moved on first).",
      "verdict");
  final Counter challenges = registry.counter("openledger_prover_challenges_total",
      "One-step challenges against other provers' proofs, by kind (output, psi, omission) and outcome (won, lost, failed, skipped: --no-challenge).",
      "kind", "outcome");
  final Gauge challengeRewardsWei = registry.gauge("openledger_prover_challenge_rewards_wei",
      "OPEN (wei) won from slashed provers by this prover's challenges, since start (its bond back not counted).");
  final Counter attestations = registry.counter("openledger_prover_attestations_total",
      "Registered versions this prover rebuilt, by outcome (attested, mismatch, unavailable, failed).", "outcome");
  final Counter leafAudits = registry.counter("openledger_prover_leaf_audits_total",
      "Registered versions whose index this prover recomputed from their own model and basis, by verdict (sound, wrong).", "verdict");
  final Counter leafMoves = registry.counter("openledger_prover_leaf_moves_total",
      "Leaf-coordinate game moves, by role (challenger, defender), move (open_list, open_bisection, dispute, split, descend, upload, step, "
          + "timeout; result: the game's end; let_run: an honest challenge left to win) and outcome (sent, failed; won, lost for result; "
          + "skipped: let_run, or an opening --no-challenge did not send).",
      "role", "move", "outcome");
  final Gauge earningsWei = registry.gauge("openledger_prover_earnings_wei", "OPEN (wei) paid to this prover by settlements it proved, since start.");
  final Gauge bondWei = registry.gauge("openledger_prover_bond_wei", "This prover's bond (wei), by part (total, locked, unbonding).", "part");
  final Gauge scannedBlock = registry.gauge("openledger_prover_scanned_block", "The last block scanned for resulted requests.");
  final Gauge pending = registry.gauge("openledger_prover_pending_requests", "Requests this prover is working on or waiting to settle.");
}

package org.openledger.prover.proof;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.attribution.AttributionProof;
import org.openledger.contracts.attribution.AttributionVerifier;
import org.openledger.contracts.attribution.FraudChecks;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.IndexTree;

/**
 * Checks another prover's accepted proof by recomputing what it claims from committed data
 * (docs/attribution.md §8): the output, every ψ coordinate, every leaf's score. A wrong proof comes
 * back with the evidence its one-step challenge needs, so a watcher can send it as is.
 */
public interface ProofAuditor {

  /** What the recomputation found. */
  sealed interface Finding {
    /** Output, ψ and leaf set are what the committed data gives. */
    record Sound() implements Finding {}

    /** The committed weights give another class than the posted output: {@code challengeOutput(weights, input)} wins. */
    record WrongOutput(byte[] weights, byte[] input, int predicted) implements Finding {}

    /** {@code ψ[coordinate]} is not {@code rs(Bq[j] · ∇f(x), e_ψ)}: {@code challengePsi} with this row and its proof wins. */
    record WrongPsi(int coordinate, long declared, long recomputed, byte[] weights, byte[] input, byte[] basisRow, List<Bytes32> basisProof)
        implements Finding {}

    /** The best leaf the proof should have included and did not: {@code challengeOmission} with it wins. */
    record Omitted(long leafIndex, long score, byte[] leaf, List<Bytes32> leafProof) implements Finding {}

    /**
     * A span proof left something out (docs/text-attribution.md §6): output bytes {@code [startByte, endByte)}
     * contain listed span {@code span} and occur aligned at {@code offset} in corpus chunk {@code leafIndex} —
     * a longer stretch, or the span in a chunk it does not list. {@code challengeSpan} with it wins.
     */
    record SpanLeftOut(int span, int startByte, int endByte, long leafIndex, byte[] leaf, int offset, List<Bytes32> leafProof, String detail)
        implements Finding {}

    /** The proof cannot be checked here (another output function, data withheld, …). */
    record Uncheckable(String reason) implements Finding {}

    /** The challenge kind, as {@code FraudProven.kind} numbers it (0 output, 1 ψ, 2 omission), or -1 for no fraud. */
    default int kind() {
      return switch (this) {
        case WrongOutput w -> 0;
        case WrongPsi p -> 1;
        case Omitted o -> 2;
        case SpanLeftOut s -> 3;
        case Sound s -> -1;
        case Uncheckable u -> -1;
      };
    }
  }

  /**
   * Audits {@code proof}, accepted on-chain for the request {@code binding} describes (its prover the
   * proof's submitter) on {@code version}. Checks run in the order their evidence is cheapest: the
   * output, ψ from coordinate 0 up, then omission.
   */
  Finding audit(AttributionVerifier.Binding binding, ProofEngine.Version version, Bytes proof);

  /** A challenge kind's name, as {@code FraudProven.kind} and {@code ChallengeFailed.kind} number it (metrics, logs, pages). */
  static String kindName(int kind) {
    return switch (kind) {
      case 0 -> "output";
      case 1 -> "psi";
      case 2 -> "omission";
      case 3 -> "span";
      default -> "kind " + kind;
    };
  }

  /**
   * The omission check every v1 proof gets last: the best leaf of the index (by the proof's order)
   * that the proof left out and the chain's {@link FraudChecks#omits} confirms, else sound.
   */
  static Finding omissionOrSound(AttributionProof proof, List<IndexLeaf> leaves, IndexTree tree) {
    Set<Long> included = new HashSet<>();
    for (AttributionProof.ProvenLeaf l : proof.leaves()) included.add(l.index());
    short[] psi = proof.psi();
    AttributionProof.ProvenLeaf best = null;
    for (int i = 0; i < leaves.size(); i++) {
      if (included.contains((long) i)) continue;
      IndexLeaf leaf = leaves.get(i);
      if (!FraudChecks.omits(proof, i, leaf)) continue;
      AttributionProof.ProvenLeaf candidate = new AttributionProof.ProvenLeaf(i, leaf, leaf.score(psi));
      if (best == null || AttributionProof.ORDER.compare(candidate, best) < 0) best = candidate;
    }
    if (best == null) return new Finding.Sound();
    return new Finding.Omitted(best.index(), best.score(), best.leaf().leafBytes(), tree.multiproof(new int[] {(int) best.index()}));
  }
}

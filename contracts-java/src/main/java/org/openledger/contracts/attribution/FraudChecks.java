package org.openledger.contracts.attribution;

import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Keccak;

/**
 * The one-step recomputations a challenger's fraud proof asks the chain to make against a proof
 * of a classifier version, logistic regression or the MLP (docs/attribution.md §8). Each takes values the caller has
 * already checked against their commitments (weights root, input hash, basis root, index root,
 * the stored proof hash) and answers whether the proof is wrong; all integer, so the chain and
 * every prover agree.
 *
 * <p>For both shipped models every one of them fits one transaction (logistic regression: weights
 * 15.7 KB, a basis row 15.7 KB; the 784→64→10 MLP: weights 102 KB, a basis row at most 1.7 KB; an
 * image 784 B, a proof ≈ 20 KB), so the bisection game of DESIGN §6 has no rounds.
 */
public final class FraudChecks {
  private FraudChecks() {}

  /** The output bytes of class {@code predicted}: what a classifier host's {@code outputHash} commits. */
  public static byte[] classOutput(int predicted) {
    return new byte[] {(byte) predicted};
  }

  /** Whether the committed model returns, for the committed input, something other than the posted output. */
  public static boolean outputIsWrong(CommittedModel model, byte[] input, Bytes32 outputHash) {
    return !Bytes32.wrap(Keccak.hash(classOutput(model.predict(input)))).equals(outputHash);
  }

  /** {@code rs(Bq[j] · ∇f(x), e_ψ)}: coordinate {@code j} of ψ as it must be, from one committed basis row. */
  public static long psiCoordinate(FixedLogistic model, byte[] input, short[] basisRow, int psiShift) {
    BasisRows row = new BasisRows(1, model.parameters(), basisRow, 0);
    return Rounding.shift(row.raw(0, model.outputGradient(input)), psiShift);
  }

  /** Whether the proof's ψ[j] differs from {@link #psiCoordinate}. */
  public static boolean psiIsWrong(AttributionProof proof, int j, FixedLogistic model, byte[] input, short[] basisRow) {
    return proof.psi()[j] != psiCoordinate(model, input, basisRow, proof.psiShift());
  }

  /** Whether the proof's ψ[j] differs from {@link CommittedModel#psiCoordinate} for basis row j, of either model kind. */
  public static boolean psiIsWrong(AttributionProof proof, CommittedModel model, BasisRow row, byte[] input) {
    return !BigInteger.valueOf(proof.psi()[row.index()]).equals(model.psiCoordinate(row, input, proof.psiShift()));
  }

  /**
   * Whether leaf {@code leafIndex}, which the proof does not include, should have been included:
   * its score is positive and either the proof holds fewer than M leaves or the leaf outranks the
   * proof's last one in (score descending, leaf index ascending) order.
   *
   * @throws IllegalArgumentException if the proof includes that leaf (nothing was omitted)
   */
  public static boolean omits(AttributionProof proof, long leafIndex, IndexLeaf leaf) {
    for (AttributionProof.ProvenLeaf p : proof.leaves()) {
      if (p.index() == leafIndex) throw new IllegalArgumentException("the proof includes leaf " + leafIndex);
    }
    long score = leaf.score(proof.psi());
    if (score <= 0) return false;
    if (proof.leaves().size() < AttributionProof.MAX_LEAVES) return true;
    AttributionProof.ProvenLeaf last = proof.leaves().get(proof.leaves().size() - 1);
    return AttributionProof.ORDER.compare(new AttributionProof.ProvenLeaf(leafIndex, leaf, score), last) < 0;
  }

  /**
   * {@code raw_j(g) = Bq[j] · g} of one training example (docs/attribution.md §3): the quantity a
   * leaf coordinate sums over a contributor's examples, and the one step of the leaf-coordinate
   * challenge, for logistic regression ({@link CommittedModel#exampleProjection} for any model). Exact int64.
   *
   * @throws IllegalArgumentException if the row, the pixels or the label do not fit the model
   */
  public static long exampleProjection(FixedLogistic model, short[] basisRow, byte[] pixels, int label) {
    if (label < 0 || label >= model.classes()) throw new IllegalArgumentException("label " + label + " outside 0.." + (model.classes() - 1));
    if (pixels.length != model.features()) throw new IllegalArgumentException(pixels.length + " pixels, the model reads " + model.features());
    return new BasisRows(1, model.parameters(), basisRow, 0).raw(0, model.lossGradient(pixels, label));
  }

  /**
   * Whether a leaf coordinate disagrees with a claimed exact sum: {@code rs(Σ, e_U) ≠ u}. A
   * challenger's per-contribution partial sums open the game only when their total, rounded as the
   * index builder rounds, is not the registered coordinate.
   */
  public static boolean leafCoordinateDiffers(short coordinate, long claimedSum, int leafShift) {
    return Rounding.shift(claimedSum, leafShift) != coordinate;
  }
}

package org.openledger.prover.proof;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.attribution.BasisRow;
import org.openledger.contracts.attribution.CommittedModel;
import org.openledger.contracts.attribution.IndexTree;
import org.openledger.contracts.attribution.SumTree;
import org.openledger.contracts.prover.Provers;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.data.ImageContribution;
import org.openledger.prover.factory.TrainingSet;

/**
 * What a party to a leaf-coordinate challenge (docs/attribution.md §8) needs for coordinate
 * {@code j} of one index leaf, computed from the leaf's accepted contributions as the chain names
 * them: each example's exact {@code raw_j} ({@link CommittedModel#exampleProjection}, the number
 * the game's one step recomputes), each contribution's partial sum, and the contributions tree with
 * the true sum at every node ({@link SumTree}) for the bisected game. A challenger opens and splits
 * from it; a defender compares each split the challenger claims against it ({@link SumTree#wrongSide})
 * and picks the example whose claimed value is not {@link #values}'.
 */
public final class LeafChallengeEvidence {
  private final List<TrainingSet.Accepted> contributions;
  private final List<ImageContribution> decoded;
  private final long[][] values;
  private final long[] partials;
  private final SumTree tree;

  private LeafChallengeEvidence(List<TrainingSet.Accepted> contributions, List<ImageContribution> decoded, long[][] values) {
    this.contributions = contributions;
    this.decoded = decoded;
    this.values = values;
    partials = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      for (long v : values[i]) partials[i] = Math.addExact(partials[i], v);
    }
    tree = SumTree.of(contributions.stream().map(a -> TrainingSet.contributionLeaf(a.contributionId(), a.contentHash())).toList(), partials);
  }

  /**
   * @param leafContributions the accepted contributions of one (contributor, datanet), in any order
   *     (the tree orders them by id, as {@link TrainingSet} does)
   * @param model the version's committed model
   * @param row basis row {@code j}
   * @throws IllegalArgumentException naming a contribution that does not decode or does not fit the model
   * @throws ArithmeticException when a contribution's sum leaves int64 (no index builder produces that leaf)
   */
  public static LeafChallengeEvidence of(List<TrainingSet.Accepted> leafContributions, CommittedModel model, BasisRow row) {
    if (leafContributions.isEmpty()) throw new IllegalArgumentException("an index leaf has at least one contribution");
    List<TrainingSet.Accepted> sorted = new ArrayList<>(leafContributions);
    sorted.sort(Comparator.comparing(TrainingSet.Accepted::contributionId));
    List<ImageContribution> decoded = new ArrayList<>(sorted.size());
    long[][] values = new long[sorted.size()][];
    for (int i = 0; i < sorted.size(); i++) {
      TrainingSet.Accepted a = sorted.get(i);
      try {
        ImageContribution c = ImageContribution.decode(a.content());
        decoded.add(c);
        values[i] = new long[c.count()];
        for (int e = 0; e < c.count(); e++) values[i][e] = model.exampleProjection(row, pixels(c, e), c.labels()[e] & 0xff);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("contribution " + a.contributionId() + ": " + e.getMessage(), e);
      }
    }
    return new LeafChallengeEvidence(List.copyOf(sorted), List.copyOf(decoded), values);
  }

  private static byte[] pixels(ImageContribution c, int e) {
    int size = c.rows() * c.cols();
    return java.util.Arrays.copyOfRange(c.pixels(), e * size, (e + 1) * size);
  }

  /** How many contributions the leaf has. */
  public int size() {
    return contributions.size();
  }

  /** Whether the list opening cannot take this leaf, so only {@code openLeafBisection} challenges it. */
  public boolean needsBisection() {
    return size() > Provers.MAX_LISTED_CONTRIBUTIONS;
  }

  /** Contribution {@code i}'s exact {@code raw_j} per example, in content order: the descent's values. */
  public long[] values(int i) {
    return values[i].clone();
  }

  /** Each contribution's exact partial sum, in id order: the list opening's {@code partialSums}. */
  public long[] partialSums() {
    return partials.clone();
  }

  /** The exact total {@code Σ raw_j} over the leaf's examples: what {@code u_c[j]} must round from. */
  public long total() {
    long t = 0;
    for (long p : partials) t = Math.addExact(t, p);
    return t;
  }

  /** The contributions tree with the true sum at every node: the bisected game's openings and the defender's reference. */
  public SumTree tree() {
    return tree;
  }

  /** Contribution {@code i}'s leaf {@code 0x00 ‖ uint256 id ‖ contentHash}: what the descent names. */
  public byte[] contributionLeaf(int i) {
    TrainingSet.Accepted a = contributions.get(i);
    return TrainingSet.contributionLeaf(a.contributionId(), a.contentHash());
  }

  /** Every contribution leaf in id order, concatenated: the list opening's {@code contributions}. */
  public byte[] contributionLeaves() {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream(65 * size());
    for (int i = 0; i < size(); i++) all.writeBytes(contributionLeaf(i));
    return all.toByteArray();
  }

  /** Contribution {@code i}'s Merkle proof against the leaf's {@code contributionsRoot}: the list game's descent. */
  public List<Bytes32> contributionProof(int i) {
    List<Bytes32> hashes = new ArrayList<>(size());
    for (int n = 0; n < size(); n++) hashes.add(Bytes32.wrap(Keccak.hash(contributionLeaf(n))));
    return IndexTree.of(hashes).multiproof(new int[] {i});
  }

  /** Contribution {@code i}'s content, as the chain's upload takes it. */
  public byte[] content(int i) {
    return contributions.get(i).content().clone();
  }

  /** Example {@code e} of contribution {@code i} as the step takes it: {@code label ‖ pixels}. */
  public byte[] record(int i, int e) {
    ImageContribution c = decoded.get(i);
    byte[] px = pixels(c, e), out = new byte[1 + px.length];
    out[0] = c.labels()[e];
    System.arraycopy(px, 0, out, 1, px.length);
    return out;
  }
}

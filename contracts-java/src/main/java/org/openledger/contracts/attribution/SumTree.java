package org.openledger.contracts.attribution;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Keccak;

/**
 * A contributions tree (§5) with an exact sum at every node: the evidence of the bisected
 * leaf-coordinate game (docs/attribution.md §8). The game walks the tree by hash preimages, not by
 * positions, so this is indexed by node hash: {@link #opening} gives the 65-byte preimage of any
 * node ({@code 0x01 ‖ left ‖ right}, or a contribution leaf {@code 0x00 ‖ uint256 id ‖ bytes32
 * contentHash}) with its children's sums. An odd last node moves up unchanged (§5), so it is the
 * same node one level higher and needs no opening of its own.
 *
 * <p>Built over the true per-contribution sums it is an honest party's view: the challenger opens
 * nodes from it, the defender compares a challenger's claimed split against it ({@link #wrongSide}).
 */
public final class SumTree {
  /** A node's preimage and, for an inner node, its children with their sums; {@code contribution} is -1 for an inner node. */
  public record Opening(Bytes32 hash, byte[] preimage, int contribution, BigInteger sum, Bytes32 left, Bytes32 right,
      BigInteger leftSum, BigInteger rightSum) {
    public boolean isContribution() {
      return contribution >= 0;
    }
  }

  private final Map<Bytes32, Opening> openings = new HashMap<>();
  private final Bytes32 root;

  private SumTree(List<byte[]> leaves, List<BigInteger> sums) {
    if (leaves.size() != sums.size()) throw new IllegalArgumentException("one sum per contribution leaf");
    List<Bytes32> hashes = new ArrayList<>(leaves.size());
    for (byte[] leaf : leaves) hashes.add(Bytes32.wrap(Keccak.hash(leaf)));
    IndexTree tree = IndexTree.of(hashes);
    BigInteger[] below = sums.toArray(BigInteger[]::new);
    for (int i = 0; i < leaves.size(); i++) {
      openings.put(hashes.get(i), new Opening(hashes.get(i), leaves.get(i).clone(), i, below[i], null, null, null, null));
    }
    for (int level = 1; level <= tree.height(); level++) {
      BigInteger[] up = new BigInteger[tree.width(level)];
      for (int p = 0; p < up.length; p++) {
        if (2 * p + 1 == tree.width(level - 1)) {
          up[p] = below[2 * p]; // the odd last node, moved up: already opened below
          continue;
        }
        Bytes32 left = tree.at(level - 1, 2 * p), right = tree.at(level - 1, 2 * p + 1);
        up[p] = below[2 * p].add(below[2 * p + 1]);
        byte[] preimage = new byte[65];
        preimage[0] = 0x01;
        System.arraycopy(left.toArrayUnsafe(), 0, preimage, 1, 32);
        System.arraycopy(right.toArrayUnsafe(), 0, preimage, 33, 32);
        openings.put(tree.at(level, p), new Opening(tree.at(level, p), preimage, -1, up[p], left, right, below[2 * p], below[2 * p + 1]));
      }
      below = up;
    }
    root = tree.root();
  }

  /** The tree over contribution leaves ({@code 0x00 ‖ uint256 id ‖ bytes32 contentHash}, 65 bytes each) and one sum per leaf. */
  public static SumTree of(List<byte[]> contributionLeaves, long[] sums) {
    return new SumTree(contributionLeaves, java.util.Arrays.stream(sums).mapToObj(BigInteger::valueOf).toList());
  }

  /** The contributions root: what the index leaf commits. */
  public Bytes32 root() {
    return root;
  }

  /** The sum of every contribution. */
  public BigInteger total() {
    return openings.get(root).sum();
  }

  /** The opening of the node with this hash, if it is in the tree. */
  public Optional<Opening> opening(Bytes32 hash) {
    return Optional.ofNullable(openings.get(hash));
  }

  /**
   * The side (0 left, 1 right) of inner node {@code node} whose claimed sum is not this tree's, or
   * empty when both agree (an honest defender then has nothing to dispute below this node).
   */
  public Optional<Integer> wrongSide(Bytes32 node, BigInteger claimedLeft, BigInteger claimedRight) {
    Opening o = openings.get(node);
    if (o == null || o.isContribution()) throw new IllegalArgumentException("not an inner node of this tree: " + node);
    if (!o.leftSum().equals(claimedLeft)) return Optional.of(0);
    if (!o.rightSum().equals(claimedRight)) return Optional.of(1);
    return Optional.empty();
  }
}

package org.openledger.contracts.attribution;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Keccak;

/**
 * The keccak Merkle tree of docs/attribution.md §5 over leaf hashes (index leaves, or basis rows):
 * nodes are {@code keccak256(0x01 ‖ left ‖ right)}, each level pairs neighbours left to right, and
 * an odd last node moves up unchanged. The leaf count fixes the tree's shape, so a version commits
 * to {@link #indexRoot} = {@code keccak256(uint32 n ‖ treeRoot)}.
 *
 * <p>A multiproof for a set of leaf indices lists, bottom-up and left to right, each sibling the
 * verifier cannot compute from the proven leaves. {@link #multiproof} (the prover) and {@link
 * #rootFrom} (the chain) walk the levels the same way, so what one emits the other consumes.
 *
 * <p>For the empty set of leaves the verifier can compute nothing, so the multiproof is the tree
 * root alone: an empty proof still commits, through {@link #indexRoot}, to the leaf count that an
 * omission challenge proves its leaf against.
 */
public final class IndexTree {
  /** Index leaf counts are uint32 on the wire. */
  public static final long MAX_LEAVES = 0xFFFF_FFFFL;

  private static final byte NODE = 0x01;

  /** levels.get(0) is the leaves; the last level holds the root alone. */
  private final List<Bytes32[]> levels;

  private IndexTree(List<Bytes32[]> levels) {
    this.levels = levels;
  }

  /** The tree over {@code leafHashes} (already prefixed and hashed, e.g. {@link IndexLeaf#hash()}), at least one. */
  public static IndexTree of(List<Bytes32> leafHashes) {
    if (leafHashes.isEmpty()) throw new IllegalArgumentException("a tree has at least one leaf");
    List<Bytes32[]> levels = new ArrayList<>();
    Bytes32[] level = leafHashes.toArray(Bytes32[]::new);
    levels.add(level);
    while (level.length > 1) {
      Bytes32[] up = new Bytes32[(level.length + 1) / 2];
      for (int i = 0; i < up.length; i++) {
        up[i] = 2 * i + 1 < level.length ? node(level[2 * i], level[2 * i + 1]) : level[2 * i];
      }
      levels.add(up);
      level = up;
    }
    return new IndexTree(List.copyOf(levels));
  }

  /** The tree over an index's leaves, in index order. */
  public static IndexTree ofLeaves(List<IndexLeaf> leaves) {
    return of(leaves.stream().map(IndexLeaf::hash).toList());
  }

  /** The tree over a basis' rows (leaf {@code j}: {@code keccak256(0x00 ‖ uint32 j ‖ int16 row)}). */
  public static IndexTree ofBasis(BasisRows basis) {
    List<Bytes32> rows = new ArrayList<>(basis.k());
    for (int j = 0; j < basis.k(); j++) rows.add(Bytes32.wrap(Keccak.hash(basis.rowLeafBytes(j))));
    return of(rows);
  }

  public int size() {
    return levels.get(0).length;
  }

  public Bytes32 leaf(int index) {
    return levels.get(0)[index];
  }

  /** Levels above the leaves: 0 for a one-leaf tree. */
  public int height() {
    return levels.size() - 1;
  }

  /** The number of nodes on {@code level} (0: the leaves). */
  public int width(int level) {
    return levels.get(level).length;
  }

  /** Node {@code position} of {@code level} (0: the leaves); an odd last node equals the one it moved up from. */
  public Bytes32 at(int level, int position) {
    return levels.get(level)[position];
  }

  /** The Merkle root (for the basis, this is {@code basisRoot}). */
  public Bytes32 root() {
    return levels.get(levels.size() - 1)[0];
  }

  /** {@code keccak256(uint32 n ‖ root)}: what a version registers as its index root. */
  public Bytes32 indexRoot() {
    return indexRoot(size(), root());
  }

  public static Bytes32 indexRoot(long leafCount, Bytes32 treeRoot) {
    if (leafCount < 1 || leafCount > MAX_LEAVES) throw new IllegalArgumentException("leaf count " + leafCount);
    return Bytes32.wrap(Keccak.hash(ByteBuffer.allocate(4).putInt((int) leafCount).array(), treeRoot.toArrayUnsafe()));
  }

  /**
   * The sibling hashes that prove the leaves at {@code indices} (strictly ascending), bottom-up and
   * left to right; for no indices, the root alone.
   */
  public List<Bytes32> multiproof(int[] indices) {
    if (indices.length == 0) return List.of(root());
    long[] positions = ascending(indices, size());
    List<Bytes32> proof = new ArrayList<>();
    for (int depth = 0; depth < levels.size() - 1; depth++) {
      Bytes32[] level = levels.get(depth);
      long[] up = new long[positions.length];
      int n = 0;
      for (int i = 0; i < positions.length; i++) {
        long p = positions[i];
        if ((p & 1) == 0) {
          if (i + 1 < positions.length && positions[i + 1] == p + 1) i++; // both children known
          else if (p + 1 < level.length) proof.add(level[(int) p + 1]); // else an odd last node moves up
        } else {
          proof.add(level[(int) p - 1]);
        }
        up[n++] = p >> 1;
      }
      positions = java.util.Arrays.copyOf(up, n);
    }
    return proof;
  }

  /**
   * The tree root implied by leaves {@code leafHashes} at {@code indices} (strictly ascending, below
   * {@code leafCount}) and a multiproof, or empty when the multiproof has too few or too many
   * hashes for that shape (for no leaves: exactly one, the root). Allocates only per level, so the
   * chain can run it on a proof's leaves.
   */
  public static Optional<Bytes32> rootFrom(long leafCount, long[] indices, Bytes32[] leafHashes, List<Bytes32> proof) {
    if (leafCount < 1 || leafCount > MAX_LEAVES) throw new IllegalArgumentException("leaf count " + leafCount);
    if (indices.length != leafHashes.length) throw new IllegalArgumentException("one hash per index");
    if (indices.length == 0) return proof.size() == 1 ? Optional.of(proof.get(0)) : Optional.empty();
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] < 0 || indices[i] >= leafCount || (i > 0 && indices[i] <= indices[i - 1])) {
        throw new IllegalArgumentException("indices must ascend strictly below " + leafCount);
      }
    }
    long[] positions = indices.clone();
    Bytes32[] hashes = leafHashes.clone();
    int next = 0;
    for (long width = leafCount; width > 1; width = (width + 1) / 2) {
      int n = 0;
      for (int i = 0; i < positions.length; i++) {
        long p = positions[i];
        Bytes32 h;
        if ((p & 1) == 0) {
          if (i + 1 < positions.length && positions[i + 1] == p + 1) {
            h = node(hashes[i], hashes[++i]);
          } else if (p + 1 < width) {
            if (next == proof.size()) return Optional.empty();
            h = node(hashes[i], proof.get(next++));
          } else {
            h = hashes[i]; // the odd last node moves up unchanged
          }
        } else {
          if (next == proof.size()) return Optional.empty();
          h = node(proof.get(next++), hashes[i]);
        }
        positions[n] = p >> 1;
        hashes[n++] = h;
      }
      positions = java.util.Arrays.copyOf(positions, n);
      hashes = java.util.Arrays.copyOf(hashes, n);
    }
    return next == proof.size() ? Optional.of(hashes[0]) : Optional.empty();
  }

  /** {@code keccak256(0x01 ‖ left ‖ right)}. */
  public static Bytes32 node(Bytes32 left, Bytes32 right) {
    return Bytes32.wrap(Keccak.hash(new byte[] {NODE}, left.toArrayUnsafe(), right.toArrayUnsafe()));
  }

  private static long[] ascending(int[] indices, int size) {
    long[] out = new long[indices.length];
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] < 0 || indices[i] >= size || (i > 0 && indices[i] <= indices[i - 1])) {
        throw new IllegalArgumentException("indices must ascend strictly within 0.." + (size - 1));
      }
      out[i] = indices[i];
    }
    return out;
  }
}

package org.openledger.prover.proof;

import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Keccak;

/**
 * A Merkle tree of docs/attribution.md §5 stored in a content store: every leaf blob
 * ({@code 0x00 ‖ …}) and every node blob ({@code 0x01 ‖ left ‖ right}) is content whose keccak is
 * its hash, so the root registered on-chain is enough to fetch the whole tree, and every fetched
 * blob is checked against the hash that named it. This is how a challenger or an attester gets a
 * version's basis rows and index leaves (DESIGN §6, data availability).
 */
public final class ContentTree {
  private ContentTree() {}

  /** The root and every blob to store (leaves first, then nodes bottom-up). */
  public record Published(Bytes32 root, List<byte[]> blobs) {}

  /** Builds the tree over {@code leafBlobs} (each must start with 0x00) and lists the blobs to store. */
  public static Published publish(List<byte[]> leafBlobs) {
    if (leafBlobs.isEmpty()) throw new IllegalArgumentException("a tree needs at least one leaf");
    List<byte[]> blobs = new ArrayList<>(2 * leafBlobs.size());
    List<byte[]> level = new ArrayList<>(leafBlobs.size());
    for (byte[] leaf : leafBlobs) {
      if (leaf.length == 0 || leaf[0] != 0) throw new IllegalArgumentException("leaf blobs start with 0x00");
      blobs.add(leaf);
      level.add(Keccak.hash(leaf));
    }
    while (level.size() > 1) {
      List<byte[]> up = new ArrayList<>((level.size() + 1) / 2);
      for (int i = 0; i + 1 < level.size(); i += 2) {
        byte[] node = node(level.get(i), level.get(i + 1));
        blobs.add(node);
        up.add(Keccak.hash(node));
      }
      if (level.size() % 2 == 1) up.add(level.get(level.size() - 1)); // an odd last node moves up unchanged
      level = up;
    }
    return new Published(Bytes32.wrap(level.get(0)), blobs);
  }

  /** Every leaf blob under {@code root}, left to right; fails if the tree does not have {@code expectedLeaves} leaves. */
  public static List<byte[]> fetch(ContentSource source, Bytes32 root, int expectedLeaves) throws ContentSource.Unavailable {
    List<byte[]> leaves = new ArrayList<>(expectedLeaves);
    collect(source, root, leaves, expectedLeaves, 0);
    if (leaves.size() != expectedLeaves) {
      throw new ContentSource.Unavailable("tree " + root.toHexString() + " has " + leaves.size() + " leaves, the commitment says " + expectedLeaves);
    }
    return leaves;
  }

  private static void collect(ContentSource source, Bytes32 hash, List<byte[]> out, int max, int depth) throws ContentSource.Unavailable {
    if (depth > 64) throw new ContentSource.Unavailable("tree deeper than 64 levels under " + hash.toHexString());
    byte[] blob = source.get(hash);
    if (blob.length == 0) throw new ContentSource.Unavailable("empty blob under " + hash.toHexString());
    if (blob[0] == 0) {
      if (out.size() == max) throw new ContentSource.Unavailable("tree has more leaves than the commitment's " + max);
      out.add(blob);
      return;
    }
    if (blob[0] != 1 || blob.length != 65) throw new ContentSource.Unavailable("blob " + hash.toHexString() + " is neither a leaf nor a node");
    collect(source, Bytes32.wrap(blob, 1), out, max, depth + 1);
    collect(source, Bytes32.wrap(blob, 33), out, max, depth + 1);
  }

  private static byte[] node(byte[] left, byte[] right) {
    byte[] n = new byte[65];
    n[0] = 1;
    System.arraycopy(left, 0, n, 1, 32);
    System.arraycopy(right, 0, n, 33, 32);
    return n;
  }
}

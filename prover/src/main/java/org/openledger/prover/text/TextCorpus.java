package org.openledger.prover.text;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.attribution.IndexTree;
import org.openledger.precompiles.Address;

/**
 * A Datanet's accepted text, chunked and committed (docs/text-attribution.md §3): chunks in
 * ascending contribution id, then chunk index, are the leaves of the attribution Merkle tree
 * ({@link IndexTree}, docs/attribution.md §5), and {@link #root()} = {@code keccak256(uint32 n ‖
 * treeRoot)} is what a version registers. {@link #bytes()} lays the chunks end to end, each
 * followed by the separator 0xFF, for the suffix array.
 */
public final class TextCorpus {
  /** Never in well-formed UTF-8, so a match of UTF-8 text cannot cross from one chunk into the next. */
  public static final byte SEPARATOR = (byte) 0xFF;

  /** One accepted contribution and its owner. */
  public record Contribution(Address contributor, BigInteger id, TextContribution text) {}

  private final List<Chunk> chunks;
  private final byte[] bytes;
  private final int[] starts;
  private final IndexTree tree;

  private TextCorpus(List<Chunk> chunks, byte[] bytes, int[] starts, IndexTree tree) {
    this.chunks = chunks;
    this.bytes = bytes;
    this.starts = starts;
    this.tree = tree;
  }

  public static TextCorpus of(List<Contribution> contributions) {
    List<Contribution> sorted = new ArrayList<>(contributions);
    sorted.sort(Comparator.comparing(Contribution::id));
    List<Chunk> chunks = new ArrayList<>();
    long size = 0;
    for (int i = 0; i < sorted.size(); i++) {
      if (i > 0 && sorted.get(i).id().equals(sorted.get(i - 1).id())) throw new IllegalArgumentException("contribution id " + sorted.get(i).id() + " twice");
      for (Chunk c : Chunker.chunks(sorted.get(i).contributor(), sorted.get(i).id(), sorted.get(i).text())) {
        chunks.add(c);
        size += c.bytes().length + 1L;
      }
    }
    if (chunks.isEmpty()) throw new IllegalArgumentException("a corpus has at least one contribution");
    // the suffix array indexes positions with int, and a multiproof's leaf count is a uint32
    if (size > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("corpus of " + size + " bytes; the limit is 2^31 − 9");
    byte[] bytes = new byte[(int) size];
    int[] starts = new int[chunks.size()];
    int at = 0;
    List<Bytes32> leaves = new ArrayList<>(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      byte[] t = chunks.get(i).bytes();
      starts[i] = at;
      System.arraycopy(t, 0, bytes, at, t.length);
      at += t.length;
      bytes[at++] = SEPARATOR;
      leaves.add(chunks.get(i).leafHash());
    }
    return new TextCorpus(List.copyOf(chunks), bytes, starts, IndexTree.of(leaves));
  }

  /** The chunks in leaf order. */
  public List<Chunk> chunks() {
    return chunks;
  }

  public Chunk chunk(int leaf) {
    return chunks.get(leaf);
  }

  /** The chunk whose text holds corpus position {@code position}. */
  public int leafAt(int position) {
    int i = java.util.Arrays.binarySearch(starts, position);
    return i >= 0 ? i : -i - 2;
  }

  /** Where chunk {@code leaf} starts in {@link #bytes()}. */
  public int start(int leaf) {
    return starts[leaf];
  }

  /** The chunks end to end, each followed by {@link #SEPARATOR}; not copied (it may be hundreds of MiB). */
  public byte[] bytes() {
    return bytes;
  }

  public IndexTree tree() {
    return tree;
  }

  /** {@code keccak256(uint32 n ‖ treeRoot)}. */
  public Bytes32 root() {
    return tree.indexRoot();
  }
}

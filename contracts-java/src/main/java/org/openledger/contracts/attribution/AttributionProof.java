package org.openledger.contracts.attribution;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;

/**
 * A Proof of Attribution, version 1 (docs/attribution.md §6): the binding, the query ψ, the
 * included index leaves with their declared scores, and one multiproof of those leaves against the
 * version's index root. One codec for the prover ({@link #build}, {@link #encode}) and the chain
 * ({@link #decode}); all fields are big-endian.
 *
 * <p>The record holds anything the layout can carry, so a tampered proof is representable: what the
 * chain accepts (leaf count, order, scores, the tree) is {@link IndexProofVerifier}'s to decide.
 *
 * @param binding the {@link AttributionVerifier.Binding#hash()} of the request proven
 * @param psiShift {@code e_ψ}, the query's rounding shift (informative: the chain checks scores against ψ as given)
 * @param psi the query, {@code k} int16 coordinates
 * @param leafCount {@code n}, the number of leaves in the version's index
 * @param leaves the included leaves, in descending score (ties by ascending leaf index); none when no leaf scores above zero
 * @param multiproof the sibling hashes proving {@code leaves} against the index root, for no leaves the tree root alone (docs §5)
 */
public record AttributionProof(Bytes32 binding, int psiShift, short[] psi, long leafCount, List<ProvenLeaf> leaves, List<Bytes32> multiproof) {

  public static final int VERSION = 1;
  /** M: the most leaves a proof may include (and so the most contributors it pays). */
  public static final int MAX_LEAVES = 16;

  static final int HEADER_BYTES = 1 + 32 + 2 + 1; // version, binding, k, e_ψ
  static final int LEAF_FIXED_BYTES = 4 + 20 + 32 + 32 + 8; // index, contributor, datanetId, contributionsRoot, score

  /**
   * One included leaf.
   *
   * @param index its position in the index tree ({@code uint32})
   * @param leaf the leaf itself
   * @param score the declared score {@code ψ · u} (int64)
   */
  public record ProvenLeaf(long index, IndexLeaf leaf, long score) {
    public ProvenLeaf {
      if (index < 0 || index > IndexTree.MAX_LEAVES) throw new IllegalArgumentException("leaf index " + index + " is not a uint32");
    }
  }

  public AttributionProof {
    psi = psi.clone();
    leaves = List.copyOf(leaves);
    multiproof = List.copyOf(multiproof);
    if (psi.length == 0 || psi.length > 0xFFFF) throw new IllegalArgumentException("k = " + psi.length + " is not in 1..65535");
    if (psiShift < 0 || psiShift > Rounding.MAX_SHIFT) throw new IllegalArgumentException("e_ψ " + psiShift);
    if (leafCount < 0 || leafCount > IndexTree.MAX_LEAVES) throw new IllegalArgumentException("n = " + leafCount + " is not a uint32");
    if (leaves.size() > 0xFF) throw new IllegalArgumentException(leaves.size() + " leaves do not fit the uint8 count");
    if (multiproof.size() > 0xFFFF) throw new IllegalArgumentException(multiproof.size() + " hashes do not fit the uint16 count");
    for (ProvenLeaf l : leaves) {
      if (l.leaf().u().length != psi.length) throw new IllegalArgumentException("leaf " + l.index() + " has " + l.leaf().u().length + " coordinates, ψ " + psi.length);
    }
  }

  @Override
  public short[] psi() {
    return psi.clone();
  }

  public int k() {
    return psi.length;
  }

  /** The encoded size in bytes. */
  public int size() {
    return size(psi.length, leaves.size(), multiproof.size());
  }

  /** The encoded size of a proof with {@code k} coordinates, {@code m} leaves and {@code p} multiproof hashes. */
  public static int size(int k, int m, int p) {
    return HEADER_BYTES + 2 * k + 4 + 1 + m * (LEAF_FIXED_BYTES + 2 * k) + 2 + 32 * p;
  }

  // ------------------------------------------------------------------ encoding

  public Bytes encode() {
    ByteBuffer b = ByteBuffer.allocate(size());
    b.put((byte) VERSION).put(binding.toArrayUnsafe()).putShort((short) psi.length).put((byte) psiShift);
    for (short v : psi) b.putShort(v);
    b.putInt((int) leafCount).put((byte) leaves.size());
    for (ProvenLeaf l : leaves) {
      IndexLeaf leaf = l.leaf();
      b.putInt((int) l.index()).put(leaf.contributor().toArrayUnsafe()).put(new byte[24]).putLong(leaf.datanetId())
          .put(leaf.contributionsRoot().toArrayUnsafe()).putLong(l.score());
      for (short v : leaf.u()) b.putShort(v);
    }
    b.putShort((short) multiproof.size());
    for (Bytes32 h : multiproof) b.put(h.toArrayUnsafe());
    return Bytes.wrap(b.array());
  }

  /** Why bytes are not a proof this codec reads. */
  public abstract static sealed class FormatException extends RuntimeException {
    FormatException(String message) {
      super(message, null, false, false);
    }
  }

  /** The bytes end early, run on, or hold an impossible value at {@code offset}. */
  public static final class MalformedException extends FormatException {
    private final int offset;

    MalformedException(int offset, String what) {
      super("malformed proof at byte " + offset + ": " + what);
      this.offset = offset;
    }

    public int offset() {
      return offset;
    }
  }

  /** The first byte names a format version this codec does not read. */
  public static final class UnsupportedVersionException extends FormatException {
    private final int version;

    UnsupportedVersionException(int version) {
      super("unsupported proof version " + version);
      this.version = version;
    }

    public int version() {
      return version;
    }
  }

  /** Reads a v1 proof; every byte must belong to it. */
  public static AttributionProof decode(Bytes proof) throws FormatException {
    ProofReader r = new ProofReader(proof.toArrayUnsafe());
    int version = r.u8("version");
    if (version != VERSION) throw new UnsupportedVersionException(version);
    Bytes32 binding = r.bytes32("binding");
    int kAt = r.at;
    int k = r.u16("k");
    if (k == 0) throw new MalformedException(kAt, "k = 0");
    int shiftAt = r.at;
    int psiShift = r.u8("e_ψ");
    if (psiShift > Rounding.MAX_SHIFT) throw new MalformedException(shiftAt, "e_ψ " + psiShift + " above " + Rounding.MAX_SHIFT);
    short[] psi = r.int16s(k, "ψ");
    long n = r.u32("n");
    int m = r.u8("m");
    List<ProvenLeaf> leaves = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      long index = r.u32("leaf index");
      Address contributor = Address.wrap(Bytes.wrap(r.take(20, "contributor")));
      int datanetAt = r.at;
      byte[] datanet = r.take(32, "datanetId");
      long datanetId = ByteBuffer.wrap(datanet, 24, 8).getLong();
      for (int j = 0; j < 24; j++) {
        if (datanet[j] != 0) throw new MalformedException(datanetAt, "datanet id above 2^63");
      }
      if (datanetId <= 0) throw new MalformedException(datanetAt, "datanet id " + datanetId);
      Bytes32 contributionsRoot = r.bytes32("contributionsRoot");
      long score = r.int64("score");
      short[] u = r.int16s(k, "u");
      leaves.add(new ProvenLeaf(index, new IndexLeaf(contributor, datanetId, contributionsRoot, u), score));
    }
    int p = r.u16("p");
    List<Bytes32> hashes = new ArrayList<>(p);
    for (int i = 0; i < p; i++) hashes.add(r.bytes32("multiproof hash"));
    r.end();
    return new AttributionProof(binding, psiShift, psi, n, leaves, hashes);
  }

  // ------------------------------------------------------------------ building (the prover's side)

  /** {@link #build(Bytes32, int, short[], List, IndexTree, int)} with the tree built from {@code allLeaves}. */
  public static AttributionProof build(Bytes32 binding, int psiShift, short[] psi, List<IndexLeaf> allLeaves, int maxLeaves) {
    return build(binding, psiShift, psi, allLeaves, IndexTree.ofLeaves(allLeaves), maxLeaves);
  }

  /**
   * The proof for query {@code psi}: exact scores of every leaf, the top {@code maxLeaves} positive
   * ones by (score descending, leaf index ascending), and one multiproof for them. When no leaf
   * scores above zero the proof is empty ({@code m = 0}, the multiproof the tree root alone) and
   * settlement sends the contributor pool to the treasury (DESIGN §4).
   *
   * @param tree the tree over {@code allLeaves} (a prover keeps it per version)
   */
  public static AttributionProof build(Bytes32 binding, int psiShift, short[] psi, List<IndexLeaf> allLeaves, IndexTree tree, int maxLeaves) {
    if (tree.size() != allLeaves.size()) throw new IllegalArgumentException("the tree has " + tree.size() + " leaves, the index " + allLeaves.size());
    if (maxLeaves < 1 || maxLeaves > MAX_LEAVES) throw new IllegalArgumentException("M = " + maxLeaves + " is not in 1.." + MAX_LEAVES);
    List<ProvenLeaf> positive = new ArrayList<>();
    for (int i = 0; i < allLeaves.size(); i++) {
      long s = allLeaves.get(i).score(psi);
      if (s > 0) positive.add(new ProvenLeaf(i, allLeaves.get(i), s));
    }
    positive.sort(ORDER);
    List<ProvenLeaf> top = positive.subList(0, Math.min(maxLeaves, positive.size()));
    int[] indices = top.stream().mapToInt(l -> (int) l.index()).sorted().toArray();
    return new AttributionProof(binding, psiShift, psi, allLeaves.size(), top, tree.multiproof(indices));
  }

  /** The order leaves appear in: score descending, then leaf index ascending. */
  public static final Comparator<ProvenLeaf> ORDER =
      Comparator.comparingLong(ProvenLeaf::score).reversed().thenComparingLong(ProvenLeaf::index);

  // ------------------------------------------------------------------ value semantics

  @Override
  public boolean equals(Object o) {
    return o instanceof AttributionProof p && encode().equals(p.encode());
  }

  @Override
  public int hashCode() {
    return encode().hashCode();
  }

  @Override
  public String toString() {
    return "AttributionProof[k=" + psi.length + ", n=" + leafCount + ", m=" + leaves.size() + ", p=" + multiproof.size() + ", " + size() + " bytes]";
  }
}

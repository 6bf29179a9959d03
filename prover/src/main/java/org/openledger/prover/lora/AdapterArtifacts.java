package org.openledger.prover.lora;

import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.attribution.CommittedModel;
import org.openledger.contracts.attribution.FixedLora;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.IndexTree;
import org.openledger.prover.attribution.adapter.AdapterBasisRow;
import org.openledger.prover.attribution.adapter.AdapterQueryBuilder;
import org.openledger.prover.attribution.adapter.IntegerAdapter;
import org.openledger.prover.attribution.index.Query;
import org.openledger.prover.proof.ContentSource;
import org.openledger.prover.proof.ContentTree;
import org.openledger.prover.proof.ProofEngine;
import org.openledger.prover.proof.VersionArtifacts;

/**
 * Everything an adapter version commits to (docs/openlora.md §5): the adapter blob (its weights
 * root), the int16 Kronecker rows over the adapter's parameters (the basis tree, each row naming
 * the base's weights root) and the index leaves — published to a content store exactly as a
 * whole-model version's (docs/attribution.md §4), so the index root, the proof format and the
 * chain's verifier are the same.
 *
 * @param integer the OLA2 adapter the version commits (docs/openlora.md §8), whose integers the
 *     chain recomputes; {@code null} for a float OLA1 version (then {@code base} and {@code adapter}
 *     are the committed floats; for OLA2 they are its float reading, for serving)
 */
public record AdapterArtifacts(BaseMlp base, LoraAdapter adapter, List<AdapterBasisRow> rows, List<IndexLeaf> leaves, IndexTree tree, FixedLora integer)
    implements org.openledger.prover.proof.PublishedVersion {

  public AdapterArtifacts {
    rows = List.copyOf(rows);
    leaves = List.copyOf(leaves);
    if (!adapter.fits(base)) throw new IllegalArgumentException("the adapter does not fit the base model's layers");
    if (rows.isEmpty()) throw new IllegalArgumentException("a basis has at least one row");
    Bytes32 baseRoot = rows.get(0).baseWeightsRoot();
    for (int j = 0; j < rows.size(); j++) {
      AdapterBasisRow r = rows.get(j);
      if (r.index() != j) throw new IllegalArgumentException("basis row " + j + " names row " + r.index());
      if (!r.baseWeightsRoot().equals(baseRoot)) throw new IllegalArgumentException("basis row " + j + " names another base");
      AdapterBasisRow.decode(r.leafBytes(), j, adapter); // checks the shape
    }
    if (leaves.isEmpty()) throw new IllegalArgumentException("an index has at least one leaf");
    for (IndexLeaf l : leaves) {
      if (l.u().length != rows.size()) throw new IllegalArgumentException("a leaf has " + l.u().length + " coordinates, the basis " + rows.size() + " rows");
    }
    if (tree.size() != leaves.size()) throw new IllegalArgumentException("the tree has " + tree.size() + " leaves, the index " + leaves.size());
  }

  /** A float OLA1 version's artifacts. */
  public static AdapterArtifacts of(BaseMlp base, LoraAdapter adapter, List<AdapterBasisRow> rows, List<IndexLeaf> leaves) {
    return new AdapterArtifacts(base, adapter, rows, leaves, IndexTree.ofLeaves(leaves), null);
  }

  /** An OLA2 version's artifacts: the base and the float adapter are the integers' float reading. */
  public static AdapterArtifacts ofInteger(FixedLora integer, List<AdapterBasisRow> rows, List<IndexLeaf> leaves) {
    for (AdapterBasisRow r : rows) integer.basisRow(r.index(), r.leafBytes()); // the chain's checks: shape, shift, the base named
    return new AdapterArtifacts(BaseMlp.of(integer.base()), IntegerAdapter.dequantize(integer), rows, leaves, IndexTree.ofLeaves(leaves), integer);
  }

  /** Whether the version is OLA2, challengeable on-chain. */
  public boolean isInteger() {
    return integer != null;
  }

  /**
   * The request's class and ψ: the chain's integers for OLA2 ({@link IntegerAdapter#query}), the
   * double-precision reference for OLA1 ({@link AdapterQueryBuilder}).
   *
   * @throws ArithmeticException if a row's raw_j leaves int64 (the request cannot be proven)
   */
  public Query query(byte[] input) {
    return integer != null ? IntegerAdapter.query(integer, IntegerAdapter.chainRows(rows), input) : new AdapterQueryBuilder(base, adapter, rows).query(input);
  }

  /** k: ψ's length, the version's basisRank. */
  public int rank() {
    return rows.size();
  }

  public Bytes32 weightsRoot() {
    return Bytes32.wrap(org.openledger.precompiles.Keccak.hash(weightsBytes()));
  }

  /** The committed adapter blob: OLA2 when the version is integer, OLA1 otherwise. */
  public byte[] weightsBytes() {
    return integer != null ? integer.weightsBytes() : adapter.weightsBytes();
  }

  /** The base weights root every row names. */
  public Bytes32 baseWeightsRoot() {
    return rows.get(0).baseWeightsRoot();
  }

  public IndexTree basisTree() {
    return VersionArtifacts.basisTree(rows.stream().map(AdapterBasisRow::leafBytes).toList());
  }

  public Bytes32 basisRoot() {
    return basisTree().root();
  }

  public Bytes32 indexRoot() {
    return tree.indexRoot();
  }

  /** The blobs a content store needs so the adapter version's three roots resolve (the base's weights are the base version's). */
  public List<byte[]> blobs() {
    return VersionArtifacts.blobs(weightsBytes(), rows.stream().map(AdapterBasisRow::leafBytes).toList(), leaves);
  }

  /** Whether a weights blob is an adapter's: float ({@code "OLA1"} first, little-endian) or integer ({@code "OLA2"}). */
  public static boolean isAdapter(byte[] weights) {
    // the chain's own tests, so prover and fraud proofs never disagree on a blob
    return CommittedModel.isAdapter(weights) || FixedLora.isLora(weights);
  }

  /**
   * Fetches and checks an adapter version's artifacts from its registered roots: the adapter blob,
   * the basis rows (whose base weights root names the base blob), the leaves; the recomputed roots
   * must be the registered ones.
   */
  public static AdapterArtifacts load(ContentSource source, ProofEngine.Version v) throws ContentSource.Unavailable {
    try {
      byte[] blob = source.get(v.weightsRoot());
      FixedLora integer = FixedLora.isLora(blob) ? FixedLora.decode(blob) : null;
      LoraAdapter adapter = integer != null ? IntegerAdapter.dequantize(integer) : LoraAdapter.fromWeightsBytes(blob);
      List<IndexLeaf> leaves = VersionArtifacts.fetchLeaves(source, v);
      List<byte[]> leafBytes = ContentTree.fetch(source, v.basisRoot(), v.basisRank());
      List<AdapterBasisRow> rows = new ArrayList<>(leafBytes.size());
      for (int j = 0; j < leafBytes.size(); j++) rows.add(AdapterBasisRow.decode(leafBytes.get(j), j, adapter));
      // an OLA2 blob carries its base; an OLA1 version's base is found through the rows
      AdapterArtifacts a = integer != null ? ofInteger(integer, rows, leaves)
          : of(BaseMlp.fromWeightsBytes(source.get(rows.get(0).baseWeightsRoot())), adapter, rows, leaves);
      if (!a.basisRoot().equals(v.basisRoot()) || !a.indexRoot().equals(v.indexRoot())) {
        throw new ContentSource.Unavailable("the fetched basis or index does not hash to the registered roots");
      }
      return a;
    } catch (IllegalArgumentException e) {
      throw new ContentSource.Unavailable("malformed adapter artifact: " + e.getMessage());
    }
  }
}

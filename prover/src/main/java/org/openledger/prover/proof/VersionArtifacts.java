package org.openledger.prover.proof;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.attribution.BasisRow;
import org.openledger.contracts.attribution.BasisRows;
import org.openledger.contracts.attribution.CommittedModel;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.IndexTree;
import org.openledger.precompiles.Keccak;

/**
 * Everything a classifier version commits to (docs/attribution.md §4), for either shipped model:
 * the committed weights (logistic regression or the MLP), the int16 basis rows (dense rows or
 * Kronecker pairs) and the index leaves, with the roots a version registers, the blobs that make
 * them available in a content store, and the way back from the roots to the values.
 */
public record VersionArtifacts(CommittedModel model, List<BasisRow> rows, List<IndexLeaf> leaves, IndexTree tree) implements PublishedVersion {

  public VersionArtifacts {
    rows = List.copyOf(rows);
    leaves = List.copyOf(leaves);
    if (rows.isEmpty()) throw new IllegalArgumentException("a basis has at least one row");
    for (int j = 0; j < rows.size(); j++) {
      BasisRow row = rows.get(j);
      if (row.index() != j) throw new IllegalArgumentException("basis row " + j + " names row " + row.index());
      switch (model) {
        case FixedLogistic l when row instanceof BasisRow.Dense d && d.values().length == l.parameters() -> { }
        case FixedMlp m when row instanceof org.openledger.contracts.attribution.MlpBasisRow -> m.basisRow(j, row.leafBytes()); // checks the shape
        default -> throw new IllegalArgumentException("basis row " + j + " (" + row.getClass().getSimpleName() + ") does not fit " + model);
      }
    }
    if (leaves.isEmpty()) throw new IllegalArgumentException("an index has at least one leaf");
    for (IndexLeaf l : leaves) {
      if (l.u().length != rows.size()) throw new IllegalArgumentException("a leaf has " + l.u().length + " coordinates, the basis " + rows.size() + " rows");
    }
    if (tree.size() != leaves.size()) throw new IllegalArgumentException("the tree has " + tree.size() + " leaves, the index " + leaves.size());
  }

  public static VersionArtifacts of(CommittedModel model, List<? extends BasisRow> rows, List<IndexLeaf> leaves) {
    return new VersionArtifacts(model, List.copyOf(rows), leaves, IndexTree.ofLeaves(leaves));
  }

  /** A logistic-regression version from its dense basis. */
  public static VersionArtifacts of(FixedLogistic model, BasisRows basis, List<IndexLeaf> leaves) {
    if (basis.d() != model.parameters()) throw new IllegalArgumentException("basis rows have " + basis.d() + " entries, the model " + model.parameters());
    return of(model, denseRows(basis), leaves);
  }

  /** k: the number of basis rows, ψ's length. */
  public int rank() {
    return rows.size();
  }

  /** The committed model as logistic regression. @throws IllegalStateException for an MLP version */
  public FixedLogistic logistic() {
    if (model instanceof FixedLogistic l) return l;
    throw new IllegalStateException("version weights are an MLP, not logistic regression");
  }

  /** The committed model as the MLP. @throws IllegalStateException for a logistic-regression version */
  public FixedMlp mlp() {
    if (model instanceof FixedMlp m) return m;
    throw new IllegalStateException("version weights are logistic regression, not an MLP");
  }

  /** A logistic-regression version's rows as one k × d matrix (what its query and index builders take). */
  public BasisRows denseBasis() {
    int d = logistic().parameters();
    short[] all = new short[Math.multiplyExact(rows.size(), d)];
    for (int j = 0; j < rows.size(); j++) System.arraycopy(((BasisRow.Dense) rows.get(j)).values(), 0, all, j * d, d);
    return new BasisRows(rows.size(), d, all, 0);
  }

  /** An MLP version's rows as Kronecker pairs. */
  public List<org.openledger.contracts.attribution.MlpBasisRow> mlpRows() {
    mlp();
    return rows.stream().map(r -> (org.openledger.contracts.attribution.MlpBasisRow) r).toList();
  }

  public Bytes32 weightsRoot() {
    return model.weightsRoot();
  }

  /** The basis tree: leaf j is keccak256 of row j's leaf bytes, whatever the row's kind. */
  public IndexTree basisTree() {
    return basisTree(rows.stream().map(BasisRow::leafBytes).toList());
  }

  /** The basis tree over rows' leaf bytes: leaf j is keccak256 of row j's bytes (whole models and adapters alike). */
  public static IndexTree basisTree(List<byte[]> rowLeaves) {
    return IndexTree.of(rowLeaves.stream().map(b -> Bytes32.wrap(Keccak.hash(b))).toList());
  }

  public Bytes32 basisRoot() {
    return basisTree().root();
  }

  public Bytes32 indexRoot() {
    return tree.indexRoot();
  }

  /** Every blob a content store needs so that the three roots resolve to these values. */
  public List<byte[]> blobs() {
    return blobs(model.weightsBytes(), rows.stream().map(BasisRow::leafBytes).toList(), leaves);
  }

  /**
   * Every blob a content store needs so that a version's three roots resolve: the weights, the
   * basis tree over {@code rowLeaves}, the index tree over the leaves and its {@code n ‖ treeRoot}
   * header (the index root) — the one layout whole models and adapters share.
   */
  public static List<byte[]> blobs(byte[] weights, List<byte[]> rowLeaves, List<IndexLeaf> leaves) {
    List<byte[]> out = new ArrayList<>();
    out.add(weights);
    out.addAll(ContentTree.publish(rowLeaves).blobs());
    ContentTree.Published index = ContentTree.publish(leaves.stream().map(IndexLeaf::leafBytes).toList());
    out.addAll(index.blobs());
    out.add(indexHeader(leaves.size(), index.root()));
    return out;
  }

  /**
   * Fetches and checks a version's artifacts from its registered roots; the weights blob's tag
   * names the model kind ({@link CommittedModel#fromWeightsBytes}), and each basis row is decoded
   * in that model's row format.
   */
  public static VersionArtifacts load(ContentSource source, ProofEngine.Version v) throws ContentSource.Unavailable {
    CommittedModel model = decodeWeights(source.get(v.weightsRoot()));
    try {
      List<IndexLeaf> leaves = fetchLeaves(source, v);
      List<byte[]> leafBytes = ContentTree.fetch(source, v.basisRoot(), v.basisRank());
      List<BasisRow> rows = new ArrayList<>(leafBytes.size());
      for (int j = 0; j < leafBytes.size(); j++) rows.add(model.basisRow(j, leafBytes.get(j)));
      VersionArtifacts a = of(model, rows, leaves);
      if (!a.basisRoot().equals(v.basisRoot()) || !a.indexRoot().equals(v.indexRoot())) {
        throw new ContentSource.Unavailable("the fetched basis or index does not hash to the registered roots");
      }
      return a;
    } catch (IllegalArgumentException e) {
      throw new ContentSource.Unavailable("malformed artifact: " + e.getMessage());
    }
  }

  /**
   * A version's index leaves from its registered index root (the {@code n ‖ treeRoot} header, then
   * the tree's leaves), each decoded at the version's basis rank.
   *
   * @throws IllegalArgumentException if a leaf does not decode
   */
  public static List<IndexLeaf> fetchLeaves(ContentSource source, ProofEngine.Version v) throws ContentSource.Unavailable {
    byte[] header = source.get(v.indexRoot());
    if (header.length != 36) throw new ContentSource.Unavailable("index root " + v.indexRoot().toHexString() + " does not name an n ‖ treeRoot header");
    long n = ByteBuffer.wrap(header).getInt() & 0xffffffffL;
    Bytes32 treeRoot = Bytes32.wrap(header, 4);
    if (n == 0 || n > 1 << 24) throw new ContentSource.Unavailable("index of " + n + " leaves");
    if (v.basisRank() < 1) throw new ContentSource.Unavailable("basis rank " + v.basisRank());
    List<IndexLeaf> leaves = new ArrayList<>((int) n);
    for (byte[] b : ContentTree.fetch(source, treeRoot, (int) n)) leaves.add(IndexLeaf.decode(b, v.basisRank()));
    return leaves;
  }

  static byte[] indexHeader(int n, Bytes32 treeRoot) {
    return ByteBuffer.allocate(36).putInt(n).put(treeRoot.toArrayUnsafe()).array();
  }

  static CommittedModel decodeWeights(byte[] bytes) throws ContentSource.Unavailable {
    try {
      return CommittedModel.fromWeightsBytes(bytes);
    } catch (IllegalArgumentException e) {
      throw new ContentSource.Unavailable("weights: " + e.getMessage());
    }
  }

  private static List<BasisRow> denseRows(BasisRows basis) {
    List<BasisRow> out = new ArrayList<>(basis.k());
    for (int j = 0; j < basis.k(); j++) {
      out.add(new BasisRow.Dense(j, java.util.Arrays.copyOfRange(basis.rows(), j * basis.d(), (j + 1) * basis.d())));
    }
    return out;
  }
}

package org.openledger.prover.proof;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.attribution.BasisRows;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.IndexTree;

/**
 * Everything a logistic-regression model version commits to (docs/attribution.md §4): the int16
 * weights, the int16 basis rows and the index leaves, with the roots a version registers, the blobs
 * that make them available in a content store, and the way back from the roots to the values.
 */
public record VersionArtifacts(FixedLogistic model, BasisRows basis, List<IndexLeaf> leaves, IndexTree tree) {

  public VersionArtifacts {
    leaves = List.copyOf(leaves);
    if (basis.d() != model.parameters()) throw new IllegalArgumentException("basis rows have " + basis.d() + " entries, the model " + model.parameters());
    if (leaves.isEmpty()) throw new IllegalArgumentException("an index has at least one leaf");
    for (IndexLeaf l : leaves) {
      if (l.u().length != basis.k()) throw new IllegalArgumentException("a leaf has " + l.u().length + " coordinates, the basis " + basis.k() + " rows");
    }
    if (tree.size() != leaves.size()) throw new IllegalArgumentException("the tree has " + tree.size() + " leaves, the index " + leaves.size());
  }

  public static VersionArtifacts of(FixedLogistic model, BasisRows basis, List<IndexLeaf> leaves) {
    return new VersionArtifacts(model, basis, leaves, IndexTree.ofLeaves(leaves));
  }

  public Bytes32 weightsRoot() {
    return model.weightsRoot();
  }

  public Bytes32 basisRoot() {
    return IndexTree.ofBasis(basis).root();
  }

  public Bytes32 indexRoot() {
    return tree.indexRoot();
  }

  /** Every blob a content store needs so that the three roots resolve to these values. */
  public List<byte[]> blobs() {
    List<byte[]> out = new ArrayList<>();
    out.add(model.weightsBytes());
    List<byte[]> rows = new ArrayList<>(basis.k());
    for (int j = 0; j < basis.k(); j++) rows.add(basis.rowLeafBytes(j));
    out.addAll(ContentTree.publish(rows).blobs());
    ContentTree.Published index = ContentTree.publish(leaves.stream().map(IndexLeaf::leafBytes).toList());
    out.addAll(index.blobs());
    out.add(indexHeader(leaves.size(), index.root()));
    return out;
  }

  /** Fetches and checks a version's artifacts from its registered roots. */
  public static VersionArtifacts load(ContentSource source, ProofEngine.Version v) throws ContentSource.Unavailable {
    FixedLogistic model = decodeWeights(source.get(v.weightsRoot()));
    byte[] header = source.get(v.indexRoot());
    if (header.length != 36) throw new ContentSource.Unavailable("index root " + v.indexRoot().toHexString() + " does not name an n ‖ treeRoot header");
    ByteBuffer h = ByteBuffer.wrap(header);
    long n = h.getInt() & 0xffffffffL;
    Bytes32 treeRoot = Bytes32.wrap(header, 4);
    if (n == 0 || n > 1 << 24) throw new ContentSource.Unavailable("index of " + n + " leaves");
    List<IndexLeaf> leaves = new ArrayList<>((int) n);
    try {
      for (byte[] b : ContentTree.fetch(source, treeRoot, (int) n)) leaves.add(IndexLeaf.decode(b, v.basisRank()));
      List<byte[]> rows = ContentTree.fetch(source, v.basisRoot(), v.basisRank());
      BasisRows basis = BasisRows.fromRowLeaves(rows, model.parameters(), 0);
      VersionArtifacts a = of(model, basis, leaves);
      if (!a.basisRoot().equals(v.basisRoot()) || !a.indexRoot().equals(v.indexRoot())) {
        throw new ContentSource.Unavailable("the fetched basis or index does not hash to the registered roots");
      }
      return a;
    } catch (IllegalArgumentException e) {
      throw new ContentSource.Unavailable("malformed artifact: " + e.getMessage());
    }
  }

  static byte[] indexHeader(int n, Bytes32 treeRoot) {
    return ByteBuffer.allocate(36).putInt(n).put(treeRoot.toArrayUnsafe()).array();
  }

  static FixedLogistic decodeWeights(byte[] bytes) throws ContentSource.Unavailable {
    try {
      return FixedLogistic.fromWeightsBytes(bytes);
    } catch (IllegalArgumentException e) {
      throw new ContentSource.Unavailable("weights: " + e.getMessage());
    }
  }

}

package org.openledger.contracts.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.precompiles.Keccak;

/** The tree of docs/attribution.md §5, on small trees whose every node can be written out. */
class IndexTreeTest {
  static final List<Bytes32> L = IntStream.range(0, 5).mapToObj(i -> Bytes32.wrap(Keccak.hash(new byte[] {0, (byte) i}))).toList();

  static Bytes32 node(Bytes32 left, Bytes32 right) {
    return Bytes32.wrap(Keccak.hash(new byte[] {1}, left.toArrayUnsafe(), right.toArrayUnsafe()));
  }

  @Test
  void aOneLeafTreesRootIsTheLeaf() {
    assertThat(IndexTree.of(L.subList(0, 1)).root()).isEqualTo(L.get(0));
  }

  @Test
  void nodesHashTheirChildrenAfterTheNodePrefix() {
    assertThat(IndexTree.of(L.subList(0, 2)).root()).isEqualTo(node(L.get(0), L.get(1)));
  }

  @Test
  void anOddLastNodeMovesUpUnchanged() {
    assertThat(IndexTree.of(L.subList(0, 3)).root()).isEqualTo(node(node(L.get(0), L.get(1)), L.get(2)));
    assertThat(IndexTree.of(L).root()).isEqualTo(node(node(node(L.get(0), L.get(1)), node(L.get(2), L.get(3))), L.get(4)));
  }

  @Test
  void theIndexRootBindsTheLeafCountToTheTreeRoot() {
    IndexTree tree = IndexTree.of(L);
    byte[] n = ByteBuffer.allocate(4).putInt(5).array();
    assertThat(tree.indexRoot()).isEqualTo(Bytes32.wrap(Keccak.hash(n, tree.root().toArrayUnsafe())));
    assertThat(IndexTree.indexRoot(6, tree.root())).isNotEqualTo(tree.indexRoot());
  }

  @Test
  void aMultiproofListsTheUncomputableSiblingsBottomUpAndLeftToRight() {
    IndexTree tree = IndexTree.of(L);
    // leaves 1 and 4 of 5: level 0 needs leaf 0 (leaf 4 moves up); level 1 needs node(2,3); level 2 joins the two known nodes
    assertThat(tree.multiproof(new int[] {1, 4})).containsExactly(L.get(0), node(L.get(2), L.get(3)));
    assertThat(IndexTree.rootFrom(5, new long[] {1, 4}, new Bytes32[] {L.get(1), L.get(4)}, tree.multiproof(new int[] {1, 4})))
        .contains(tree.root());
  }

  @Test
  void provingEveryLeafNeedsNoHashes() {
    IndexTree tree = IndexTree.of(L);
    assertThat(tree.multiproof(new int[] {0, 1, 2, 3, 4})).isEmpty();
  }

  @Test
  void theMultiproofOfNoLeavesIsTheRootAlone() {
    IndexTree tree = IndexTree.of(L);
    assertThat(tree.multiproof(new int[0])).containsExactly(tree.root());
    assertThat(IndexTree.rootFrom(5, new long[0], new Bytes32[0], List.of(tree.root()))).contains(tree.root());
    assertThat(IndexTree.rootFrom(5, new long[0], new Bytes32[0], List.of())).isEmpty();
    assertThat(IndexTree.rootFrom(5, new long[0], new Bytes32[0], List.of(tree.root(), tree.root()))).isEmpty();
  }

  @Test
  void aMultiproofWithAHashTooFewOrTooManyGivesNoRoot() {
    IndexTree tree = IndexTree.of(L);
    List<Bytes32> proof = tree.multiproof(new int[] {2});
    Bytes32[] leaf = {L.get(2)};
    assertThat(IndexTree.rootFrom(5, new long[] {2}, leaf, proof.subList(0, proof.size() - 1))).isEmpty();
    assertThat(IndexTree.rootFrom(5, new long[] {2}, leaf, java.util.stream.Stream.concat(proof.stream(), java.util.stream.Stream.of(Bytes32.ZERO)).toList()))
        .isEmpty();
  }

  @Test
  void indicesMustAscendStrictlyWithinTheTree() {
    IndexTree tree = IndexTree.of(L);
    assertThatThrownBy(() -> tree.multiproof(new int[] {3, 1})).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.multiproof(new int[] {5})).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theBasisTreeHashesEachRowWithItsIndex() {
    BasisRows basis = new BasisRows(3, 2, new short[] {1, -2, 3, -4, 5, -6}, 10);
    IndexTree tree = IndexTree.ofBasis(basis);
    Bytes32 row1 = Bytes32.wrap(Keccak.hash(new byte[] {0, 0, 0, 0, 1, 0, 3, (byte) 0xff, (byte) 0xfc}));
    assertThat(tree.leaf(1)).isEqualTo(row1);
    assertThat(tree.size()).isEqualTo(3);
  }
}

package org.openledger.contracts.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.precompiles.Keccak;

/** The bisected leaf game's evidence: every node of a §5 contributions tree opened by its preimage, with exact sums. */
class SumTreeTest {
  static final List<byte[]> LEAVES = IntStream.range(0, 5).mapToObj(SumTreeTest::leaf).toList();
  static final long[] SUMS = {7, -3, Long.MAX_VALUE, Long.MAX_VALUE, 11};
  final SumTree tree = SumTree.of(LEAVES, SUMS);

  static byte[] leaf(int id) {
    return ByteBuffer.allocate(65).put((byte) 0).put(new byte[28]).putInt(id).put(Keccak.hash(new byte[] {(byte) id})).array();
  }

  static Bytes32 hash(byte[] bytes) {
    return Bytes32.wrap(Keccak.hash(bytes));
  }

  @Test
  void itsRootIsTheContributionsRoot() {
    assertThat(tree.root()).isEqualTo(IndexTree.of(LEAVES.stream().map(SumTreeTest::hash).toList()).root());
  }

  @Test
  void everyInnerOpeningHashesToItsNodeAndItsChildrensSumsAddUpExactly() {
    List<SumTree.Opening> inner = innerOpenings();
    assertThat(inner).hasSize(LEAVES.size() - 1); // a binary tree over five leaves has four inner nodes
    for (SumTree.Opening o : inner) {
      assertThat(hash(o.preimage())).isEqualTo(o.hash());
      assertThat(o.preimage()[0]).isEqualTo((byte) 1);
      assertThat(o.leftSum().add(o.rightSum())).isEqualTo(o.sum());
    }
    assertThat(tree.total()).as("past int64: subtree sums are exact").isEqualTo(BigInteger.valueOf(Long.MAX_VALUE).shiftLeft(1).add(BigInteger.valueOf(15)));
  }

  @Test
  void theOddLastLeafIsReachedFromTheRootWithoutAnOpeningOfItsOwnLevel() {
    SumTree.Opening root = tree.opening(tree.root()).orElseThrow();
    SumTree.Opening last = tree.opening(root.right()).orElseThrow();
    assertThat(last.isContribution()).as("leaf 4 moved up twice: the root's right child").isTrue();
    assertThat(last.contribution()).isEqualTo(4);
    assertThat(last.preimage()).isEqualTo(LEAVES.get(4));
    assertThat(last.sum()).isEqualTo(BigInteger.valueOf(11));
  }

  @Test
  void theWrongSideIsTheFirstChildWhoseClaimedSumDiffers() {
    SumTree.Opening root = tree.opening(tree.root()).orElseThrow();
    assertThat(tree.wrongSide(root.hash(), root.leftSum(), root.rightSum())).isEmpty();
    assertThat(tree.wrongSide(root.hash(), root.leftSum().add(BigInteger.ONE), root.rightSum().subtract(BigInteger.ONE))).contains(0);
    assertThat(tree.wrongSide(root.hash(), root.leftSum(), root.rightSum().add(BigInteger.ONE))).contains(1);
  }

  @Test
  void aNodeOutsideTheTreeHasNoOpening() {
    assertThat(tree.opening(hash(new byte[] {9}))).isEmpty();
  }

  private List<SumTree.Opening> innerOpenings() {
    List<SumTree.Opening> out = new ArrayList<>();
    List<Bytes32> frontier = new ArrayList<>(List.of(tree.root()));
    while (!frontier.isEmpty()) {
      SumTree.Opening o = tree.opening(frontier.remove(0)).orElseThrow();
      if (o.isContribution()) continue;
      out.add(o);
      frontier.add(o.left());
      frontier.add(o.right());
    }
    return out;
  }
}

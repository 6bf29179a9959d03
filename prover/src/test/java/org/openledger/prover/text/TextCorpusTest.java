package org.openledger.prover.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openledger.prover.text.SpanFinderTest.ALICE;
import static org.openledger.prover.text.SpanFinderTest.BOB;

import java.math.BigInteger;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.attribution.IndexTree;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.proof.ContentTree;

class TextCorpusTest {
  private static TextCorpus.Contribution contribution(long id, String text) {
    return new TextCorpus.Contribution(id % 2 == 0 ? ALICE : BOB, BigInteger.valueOf(id), TextContribution.of(text));
  }

  @Test
  void chunksAreOrderedByContributionIdAndSeparatedBy0xFF() {
    TextCorpus c = TextCorpus.of(List.of(contribution(9, "later"), contribution(2, "first")));
    assertThat(c.bytes()).isEqualTo(new byte[] {'f', 'i', 'r', 's', 't', (byte) 0xFF, 'l', 'a', 't', 'e', 'r', (byte) 0xFF});
    assertThat(c.leafAt(3)).isZero();
    assertThat(c.leafAt(6)).isEqualTo(1);
    assertThat(c.chunk(1).contributionId()).isEqualTo(BigInteger.valueOf(9));
  }

  @Test
  void theRootCommitsToTheLeafCountAndTheChunkTree() {
    TextCorpus c = TextCorpus.of(List.of(contribution(1, "one"), contribution(2, "two"), contribution(3, "three")));
    List<Bytes32> leaves = c.chunks().stream().map(ch -> Bytes32.wrap(Keccak.hash(ch.leafBlob()))).toList();
    assertThat(c.root()).isEqualTo(IndexTree.indexRoot(3, IndexTree.of(leaves).root()));
    // the same tree is what the content store holds: the leaf blobs publish to the same root
    assertThat(ContentTree.publish(c.chunks().stream().map(Chunk::leafBlob).toList()).root()).isEqualTo(c.tree().root());
  }

  @Test
  void aMultiproofOfTwoChunksRebuildsTheRoot() {
    TextCorpus c = TextCorpus.of(List.of(contribution(1, "one"), contribution(2, "two"), contribution(3, "three"), contribution(4, "four"), contribution(5, "five")));
    List<Bytes32> proof = c.tree().multiproof(new int[] {1, 4});
    assertThat(IndexTree.rootFrom(5, new long[] {1, 4}, new Bytes32[] {c.chunk(1).leafHash(), c.chunk(4).leafHash()}, proof)).contains(c.tree().root());
  }

  @Test
  void aContributionIdTwiceIsRefused() {
    assertThatThrownBy(() -> TextCorpus.of(List.of(contribution(1, "a"), contribution(1, "b")))).hasMessageContaining("contribution id 1 twice");
  }
}

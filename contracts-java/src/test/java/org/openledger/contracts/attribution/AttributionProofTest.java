package org.openledger.contracts.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.attribution.AttributionProof.ProvenLeaf;
import org.openledger.precompiles.Address;

/** The v1 codec of docs/attribution.md §6 and the prover's builder. */
class AttributionProofTest {
  static final Bytes32 BINDING = Bytes32.fromHexString("0x" + "ab".repeat(32));

  @Test
  void aProofDecodesToWhatWasEncoded() {
    List<IndexLeaf> leaves = AttributedProtocol.randomLeaves(new Random(1), 40, 8);
    AttributionProof proof = AttributionProof.build(BINDING, 9, leaves.get(3).u(), leaves, 16);
    Bytes bytes = proof.encode();
    assertThat(AttributionProof.decode(bytes)).isEqualTo(proof);
    assertThat(AttributionProof.decode(bytes).encode()).isEqualTo(bytes);
  }

  @Test
  void theLayoutIsTheTableOfDocsSection6() {
    List<IndexLeaf> leaves = AttributedProtocol.randomLeaves(new Random(2), 10, 3);
    AttributionProof proof = AttributionProof.build(BINDING, 5, leaves.get(0).u(), leaves, 1);
    Bytes b = proof.encode();
    ProvenLeaf only = proof.leaves().get(0);
    assertThat(b.get(0)).isEqualTo((byte) 1);
    assertThat(b.slice(1, 32)).isEqualTo(BINDING);
    assertThat(b.slice(33, 2).toInt()).isEqualTo(3);
    assertThat(b.get(35)).isEqualTo((byte) 5);
    int at = 36 + 6;
    assertThat(b.slice(at, 4).toInt()).isEqualTo(10); // n
    assertThat(b.get(at + 4)).isEqualTo((byte) 1); // m
    at += 5;
    assertThat(b.slice(at, 4).toLong()).isEqualTo(only.index());
    assertThat(b.slice(at + 4, 20)).isEqualTo(only.leaf().contributor().toBytes());
    assertThat(b.slice(at + 24, 32).toLong()).isEqualTo(1L); // datanet id
    assertThat(b.slice(at + 56, 32)).isEqualTo(only.leaf().contributionsRoot());
    assertThat(b.slice(at + 88, 8).toLong()).isEqualTo(only.score());
    at += 96 + 6;
    assertThat(b.slice(at, 2).toInt()).isEqualTo(proof.multiproof().size());
    assertThat(b.size()).isEqualTo(at + 2 + 32 * proof.multiproof().size()).isEqualTo(proof.size());
  }

  @Test
  void theBuilderIncludesTheTopMPositiveLeavesByScoreThenIndex() {
    List<IndexLeaf> leaves = AttributedProtocol.randomLeaves(new Random(3), 200, 8);
    short[] psi = leaves.get(17).u();
    AttributionProof proof = AttributionProof.build(BINDING, 0, psi, leaves, 16);
    List<ProvenLeaf> expected = java.util.stream.IntStream.range(0, leaves.size())
        .mapToObj(i -> new ProvenLeaf(i, leaves.get(i), leaves.get(i).score(psi))).filter(l -> l.score() > 0)
        .sorted(AttributionProof.ORDER).limit(16).toList();
    assertThat(proof.leaves()).hasSize(16).isEqualTo(expected);
  }

  @Test
  void withNoPositiveLeafTheProofIsEmptyAndCarriesTheTreeRootAsItsMultiproof() {
    List<IndexLeaf> leaves = AttributedProtocol.randomLeaves(new Random(4), 5, 4);
    short[] zero = new short[4];
    AttributionProof proof = AttributionProof.build(BINDING, 0, zero, leaves, 16);
    assertThat(proof.leaves()).isEmpty();
    assertThat(proof.leafCount()).isEqualTo(5);
    assertThat(proof.multiproof()).containsExactly(IndexTree.ofLeaves(leaves).root());
    assertThat(proof.size()).isEqualTo(AttributionProof.size(4, 0, 1));
    assertThat(AttributionProof.decode(proof.encode())).isEqualTo(proof);
  }

  @Test
  void aZeroBasisRankIsMalformedAtTheKField() {
    byte[] b = new byte[40];
    b[0] = 1;
    assertThatThrownBy(() -> AttributionProof.decode(Bytes.wrap(b)))
        .isInstanceOfSatisfying(AttributionProof.MalformedException.class, e -> assertThat(e.offset()).isEqualTo(33));
  }

  @Test
  void aPsiShiftAboveSixtyTwoIsMalformedAtItsByte() {
    byte[] b = validBytes();
    b[35] = 63;
    assertThatThrownBy(() -> AttributionProof.decode(Bytes.wrap(b)))
        .isInstanceOfSatisfying(AttributionProof.MalformedException.class, e -> assertThat(e.offset()).isEqualTo(35));
  }

  @Test
  void aDatanetIdOfZeroOrAbove2To63IsMalformedAtItsWord() {
    byte[] zero = validBytes();
    int datanetAt = 36 + 2 * 4 + 5 + 4 + 20;
    java.util.Arrays.fill(zero, datanetAt, datanetAt + 32, (byte) 0);
    assertThatThrownBy(() -> AttributionProof.decode(Bytes.wrap(zero)))
        .isInstanceOfSatisfying(AttributionProof.MalformedException.class, e -> assertThat(e.offset()).isEqualTo(datanetAt));
    byte[] huge = validBytes();
    huge[datanetAt] = 1;
    assertThatThrownBy(() -> AttributionProof.decode(Bytes.wrap(huge)))
        .isInstanceOfSatisfying(AttributionProof.MalformedException.class, e -> assertThat(e.offset()).isEqualTo(datanetAt));
  }

  @Test
  void anUnknownVersionByteIsReportedAsSuch() {
    byte[] b = validBytes();
    b[0] = 7;
    assertThatThrownBy(() -> AttributionProof.decode(Bytes.wrap(b)))
        .isInstanceOfSatisfying(AttributionProof.UnsupportedVersionException.class, e -> assertThat(e.version()).isEqualTo(7));
  }

  @Test
  void everyPrefixOfAProofIsMalformedAndNoneDecodes() {
    byte[] b = validBytes();
    for (int len = 1; len < b.length; len++) {
      byte[] prefix = java.util.Arrays.copyOf(b, len);
      assertThatThrownBy(() -> AttributionProof.decode(Bytes.wrap(prefix))).isInstanceOf(AttributionProof.MalformedException.class);
    }
  }

  @Test
  void theSizeFormulaCountsEveryField() {
    // k = 512, M = 16: 36 + 1,024 + 5 header and ψ, 16 × 1,120 leaves, 2 + 32·p multiproof
    assertThat(AttributionProof.size(512, 16, 0)).isEqualTo(36 + 1024 + 5 + 16 * (96 + 1024) + 2);
  }

  static byte[] validBytes() {
    List<IndexLeaf> leaves = List.of(new IndexLeaf(Address.of(0x1000), 3, BINDING, new short[] {1, 2, 3, 4}),
        new IndexLeaf(Address.of(0x1001), 3, BINDING, new short[] {-1, 2, -3, 4}));
    return AttributionProof.build(BINDING, 2, new short[] {1, 1, 1, 1}, leaves, 16).encode().toArray();
  }
}

package org.openledger.contracts.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;

/** The v2 span proof codec of docs/text-attribution.md §6, shared by the prover and the chain. */
class SpanProofTest {
  static final Bytes32 BINDING = Bytes32.fromHexString("0x" + "cd".repeat(32));
  static final SpanProof.OpenedChunk CHUNK = new SpanProof.OpenedChunk(5, Address.of(0xabc), BigInteger.valueOf(7), 2, "hello world".getBytes());

  static SpanProof proof() {
    return new SpanProof(BINDING, "in".getBytes(), "say hello world".getBytes(), 9,
        List.of(new SpanProof.ProvenSpan(4, 15, List.of(new SpanProof.Occurrence(0, 0)))), List.of(CHUNK), List.of(BINDING, Bytes32.ZERO));
  }

  @Test
  void aProofDecodesToWhatWasEncoded() {
    Bytes bytes = proof().encode();
    assertThat(SpanProof.decode(bytes)).isEqualTo(proof());
    assertThat(bytes.size()).isEqualTo(proof().size());
  }

  @Test
  void theLayoutIsTheTableOfSection6() {
    Bytes b = proof().encode();
    assertThat(b.get(0)).isEqualTo((byte) 2);
    assertThat(b.slice(1, 32)).isEqualTo(BINDING);
    assertThat(b.slice(33, 4).toInt()).isEqualTo(2);
    assertThat(b.slice(37, 2).toArray()).isEqualTo("in".getBytes());
    assertThat(b.slice(39, 4).toInt()).isEqualTo(15);
    int at = 43 + 15;
    assertThat(b.slice(at, 4).toInt()).isEqualTo(9); // n
    assertThat(b.get(at + 4)).isEqualTo((byte) 1); // s
    assertThat(b.slice(at + 5, 4).toInt()).isEqualTo(4);
    assertThat(b.slice(at + 9, 4).toInt()).isEqualTo(15);
    assertThat(b.get(at + 13)).isEqualTo((byte) 1); // m
    assertThat(b.slice(at + 14, 8).toLong()).isZero(); // slot 0, offset 0
    at += 22;
    assertThat(b.slice(at, 2).toInt()).isEqualTo(1); // q
    assertThat(b.slice(at + 2, 4).toInt()).isEqualTo(5);
    assertThat(b.slice(at + 6, 20)).isEqualTo(Address.of(0xabc).toBytes());
    assertThat(b.slice(at + 26, 32).toLong()).isEqualTo(7);
    assertThat(b.slice(at + 58, 4).toInt()).isEqualTo(2);
    assertThat(b.slice(at + 62, 2).toInt()).isEqualTo(11);
    at += 64 + 11;
    assertThat(b.slice(at, 2).toInt()).isEqualTo(2); // p
    assertThat(b.size()).isEqualTo(at + 2 + 64);
  }

  @Test
  void theChunkLeafIsTheHashOfItsBlob() {
    byte[] blob = CHUNK.leafBlob();
    assertThat(blob[0]).isZero();
    assertThat(blob).hasSize(1 + 20 + 32 + 4 + 11);
    assertThat(CHUNK.leafHash()).isEqualTo(Bytes32.wrap(Keccak.hash(blob)));
  }

  @Test
  void aSpanNamingNoChunkOrMoreThanSixteenIsMalformedAtItsCount() {
    byte[] b = proof().encode().toArray();
    int mAt = 43 + 15 + 4 + 1 + 8;
    b[mAt] = 0;
    assertThatThrownBy(() -> SpanProof.decode(Bytes.wrap(b)))
        .isInstanceOfSatisfying(AttributionProof.MalformedException.class, e -> assertThat(e.offset()).isEqualTo(mAt));
    b[mAt] = 17;
    assertThatThrownBy(() -> SpanProof.decode(Bytes.wrap(b)))
        .isInstanceOfSatisfying(AttributionProof.MalformedException.class, e -> assertThat(e.offset()).isEqualTo(mAt));
  }

  @Test
  void everyPrefixOfAProofIsMalformed() {
    byte[] b = proof().encode().toArray();
    for (int len = 1; len < b.length; len++) {
      byte[] prefix = java.util.Arrays.copyOf(b, len);
      assertThatThrownBy(() -> SpanProof.decode(Bytes.wrap(prefix))).isInstanceOf(AttributionProof.MalformedException.class);
    }
  }

  @Test
  void theTokenizerCommitmentIsPinned() {
    assertThat(TextTokenizer.COMMITMENT).isEqualTo(Bytes32.fromHexString("0xc229cb52b82c93a3e2f6f0109b6c6abcace150507a332113519ac9e85bd13b53"));
  }
}

package org.openledger.prover.text;

import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.attribution.SpanProof;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;

/**
 * A piece of one contributor's accepted text contribution: what a span is found in and what a
 * proof opens. Its leaf binds the owner, so a span's credit cannot be moved to another address.
 */
public record Chunk(Address contributor, BigInteger contributionId, int index, byte[] text) {
  public Chunk {
    if (contributionId.signum() < 0 || contributionId.bitLength() > 256) throw new IllegalArgumentException("contribution id is a uint256");
    if (index < 0) throw new IllegalArgumentException("chunk index " + index);
    if (text.length == 0 || text.length > Chunker.MAX_BYTES) throw new IllegalArgumentException("chunk of " + text.length + " bytes");
    text = text.clone();
  }

  @Override
  public byte[] text() {
    return text.clone();
  }

  byte[] bytes() {
    return text;
  }

  /** {@code 0x00 ‖ address contributor ‖ uint256 contributionId ‖ uint32 chunkIndex ‖ bytes text}: a content-store leaf blob, as the chain's {@link SpanProof} hashes it. */
  public byte[] leafBlob() {
    return SpanProof.leafBlob(contributor, contributionId, index, text);
  }

  /** The chunk as a span proof opens it, at leaf {@code leaf} of the corpus tree. */
  public SpanProof.OpenedChunk opened(int leaf) {
    return new SpanProof.OpenedChunk(leaf, contributor, contributionId, index, text);
  }

  /** {@code keccak256(leafBlob)}: the chunk's leaf in the corpus tree. */
  public Bytes32 leafHash() {
    return Bytes32.wrap(Keccak.hash(leafBlob()));
  }
}

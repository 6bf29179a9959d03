package org.openledger.contracts.attribution;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;

/**
 * A text span proof, version 2 (docs/text-attribution.md §6): the binding, the committed input
 * and output, the maximal spans of the output with the chunks they occur in, those chunks opened,
 * and one multiproof of the chunks against the version's corpus root. One codec for the prover
 * ({@link #encode}) and the chain ({@link #decode}); all fields big-endian.
 *
 * <p>The record holds anything the layout can carry, so a tampered proof is representable; what
 * the chain accepts is {@link SpanProofVerifier}'s to decide.
 *
 * @param binding the {@link AttributionVerifier.Binding#hash()} of the request proven
 * @param input the request's input bytes (→ inputHash; its token count is the request's inTokens)
 * @param output the posted output bytes (→ outputHash; its token count is the result's outTokens)
 * @param leafCount {@code n}, the corpus tree's leaf count
 * @param spans the spans, by ascending start (and end)
 * @param chunks the opened chunks, by ascending leaf index; spans name them by their position here (slot)
 * @param multiproof the sibling hashes proving {@code chunks} against the corpus tree; with no chunk, the tree root alone
 */
public record SpanProof(Bytes32 binding, byte[] input, byte[] output, long leafCount, List<ProvenSpan> spans,
                        List<OpenedChunk> chunks, List<Bytes32> multiproof) {

  public static final int VERSION = 2;
  /** The most spans a proof may carry. */
  public static final int MAX_SPANS = 32;
  /** The most chunks a span may name; beyond this a span is common and earns nothing (§4), so it is not proven. */
  public static final int MAX_OCCURRENCES = 16;
  /** A chunk's text is at most this many bytes (Chunker.MAX_BYTES). */
  public static final int MAX_CHUNK_BYTES = 4_096;
  /** lcm(1..16): a token's worth in weight units, so a span's credit divides exactly among up to 16 chunks. */
  public static final long TOKEN_UNITS = 720_720L;

  static final int HEADER_BYTES = 1 + 32;
  static final int CHUNK_FIXED_BYTES = 4 + 20 + 32 + 4 + 2;

  /** One chunk a span occurs in: its slot in {@link #chunks()} and the byte offset in that chunk's text. */
  public record Occurrence(long slot, long offset) {
    public Occurrence {
      if (slot < 0 || slot > 0xFFFF_FFFFL || offset < 0 || offset > 0xFFFF_FFFFL) throw new IllegalArgumentException("occurrence " + slot + "@" + offset);
    }
  }

  /** Output bytes {@code [startByte, endByte)} and where they occur. */
  public record ProvenSpan(long startByte, long endByte, List<Occurrence> occurrences) {
    public ProvenSpan {
      occurrences = List.copyOf(occurrences);
      if (startByte < 0 || startByte > 0xFFFF_FFFFL || endByte < 0 || endByte > 0xFFFF_FFFFL) throw new IllegalArgumentException("span bytes " + startByte + ".." + endByte);
      if (occurrences.size() > 0xFF) throw new IllegalArgumentException(occurrences.size() + " occurrences do not fit the uint8 count");
    }
  }

  /** An opened corpus leaf: {@code keccak256(0x00 ‖ contributor ‖ uint256 contributionId ‖ uint32 chunkIndex ‖ text)}. */
  public record OpenedChunk(long leafIndex, Address contributor, BigInteger contributionId, long chunkIndex, byte[] text) {
    public OpenedChunk {
      if (leafIndex < 0 || leafIndex > IndexTree.MAX_LEAVES) throw new IllegalArgumentException("leaf index " + leafIndex);
      if (contributionId.signum() < 0 || contributionId.bitLength() > 256) throw new IllegalArgumentException("contribution id is a uint256");
      if (chunkIndex < 0 || chunkIndex > 0xFFFF_FFFFL) throw new IllegalArgumentException("chunk index " + chunkIndex);
      if (text.length > 0xFFFF) throw new IllegalArgumentException(text.length + " bytes do not fit the uint16 length");
      text = text.clone();
    }

    @Override
    public byte[] text() {
      return text.clone();
    }

    byte[] bytes() {
      return text;
    }

    /** The leaf blob, {@code 0x00 ‖ address ‖ uint256 ‖ uint32 ‖ bytes}, as the content store holds it. */
    public byte[] leafBlob() {
      return SpanProof.leafBlob(contributor, contributionId, chunkIndex, text);
    }

    public Bytes32 leafHash() {
      return Bytes32.wrap(Keccak.hash(leafBlob()));
    }
  }

  /** {@code 0x00 ‖ address contributor ‖ uint256 contributionId ‖ uint32 chunkIndex ‖ bytes text}: a corpus leaf blob. */
  public static byte[] leafBlob(Address contributor, BigInteger contributionId, long chunkIndex, byte[] text) {
    ByteBuffer b = ByteBuffer.allocate(leafBlobBytes(text.length)).put((byte) 0).put(contributor.toArrayUnsafe());
    b.put(word(contributionId));
    return b.putInt((int) chunkIndex).put(text).array();
  }

  /** The size of a leaf blob holding {@code textBytes} bytes of text. */
  public static int leafBlobBytes(int textBytes) {
    return 1 + 20 + 32 + 4 + textBytes;
  }

  public SpanProof {
    input = input.clone();
    output = output.clone();
    spans = List.copyOf(spans);
    chunks = List.copyOf(chunks);
    multiproof = List.copyOf(multiproof);
    if (leafCount < 0 || leafCount > IndexTree.MAX_LEAVES) throw new IllegalArgumentException("n = " + leafCount + " is not a uint32");
    if (spans.size() > 0xFF) throw new IllegalArgumentException(spans.size() + " spans do not fit the uint8 count");
    if (chunks.size() > 0xFFFF || multiproof.size() > 0xFFFF) throw new IllegalArgumentException("counts are uint16");
  }

  @Override
  public byte[] input() {
    return input.clone();
  }

  @Override
  public byte[] output() {
    return output.clone();
  }

  byte[] outputBytes() {
    return output;
  }

  byte[] inputBytes() {
    return input;
  }

  /** The encoded size in bytes. */
  public int size() {
    int size = HEADER_BYTES + 4 + input.length + 4 + output.length + 4 + 1;
    for (ProvenSpan s : spans) size += 4 + 4 + 1 + 8 * s.occurrences().size();
    size += 2;
    for (OpenedChunk c : chunks) size += CHUNK_FIXED_BYTES + c.bytes().length;
    return size + 2 + 32 * multiproof.size();
  }

  public Bytes encode() {
    ByteBuffer b = ByteBuffer.allocate(size());
    b.put((byte) VERSION).put(binding.toArrayUnsafe());
    b.putInt(input.length).put(input).putInt(output.length).put(output);
    b.putInt((int) leafCount).put((byte) spans.size());
    for (ProvenSpan s : spans) {
      b.putInt((int) s.startByte()).putInt((int) s.endByte()).put((byte) s.occurrences().size());
      for (Occurrence o : s.occurrences()) b.putInt((int) o.slot()).putInt((int) o.offset());
    }
    b.putShort((short) chunks.size());
    for (OpenedChunk c : chunks) {
      b.putInt((int) c.leafIndex()).put(c.contributor().toArrayUnsafe()).put(word(c.contributionId())).putInt((int) c.chunkIndex())
          .putShort((short) c.bytes().length).put(c.bytes());
    }
    b.putShort((short) multiproof.size());
    for (Bytes32 h : multiproof) b.put(h.toArrayUnsafe());
    return Bytes.wrap(b.array());
  }

  private static byte[] word(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int len = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - len, out, 32 - len, len);
    return out;
  }

  /** Reads a v2 proof; every byte must belong to it. */
  public static SpanProof decode(Bytes proof) throws AttributionProof.FormatException {
    ProofReader r = new ProofReader(proof.toArrayUnsafe());
    int version = r.u8("version");
    if (version != VERSION) throw new AttributionProof.UnsupportedVersionException(version);
    Bytes32 binding = Bytes32.wrap(r.take(32, "binding"));
    byte[] input = r.take(r.length("input length"), "input");
    byte[] output = r.take(r.length("output length"), "output");
    long n = r.u32("n");
    int sAt = r.at;
    int s = r.u8("span count");
    if (s > MAX_SPANS) throw new AttributionProof.MalformedException(sAt, s + " spans, at most " + MAX_SPANS);
    List<ProvenSpan> spans = new ArrayList<>(s);
    for (int i = 0; i < s; i++) {
      long start = r.u32("span start"), end = r.u32("span end");
      int mAt = r.at;
      int m = r.u8("occurrence count");
      if (m < 1 || m > MAX_OCCURRENCES) throw new AttributionProof.MalformedException(mAt, m + " occurrences, a span names 1.." + MAX_OCCURRENCES);
      List<Occurrence> occ = new ArrayList<>(m);
      for (int j = 0; j < m; j++) occ.add(new Occurrence(r.u32("chunk slot"), r.u32("offset")));
      spans.add(new ProvenSpan(start, end, occ));
    }
    int q = r.u16("chunk count");
    List<OpenedChunk> chunks = new ArrayList<>(q);
    for (int i = 0; i < q; i++) {
      long leaf = r.u32("leaf index");
      Address contributor = Address.wrap(Bytes.wrap(r.take(20, "contributor")));
      BigInteger id = new BigInteger(1, r.take(32, "contribution id"));
      long index = r.u32("chunk index");
      int lenAt = r.at;
      int len = r.u16("chunk length");
      if (len < 1 || len > MAX_CHUNK_BYTES) throw new AttributionProof.MalformedException(lenAt, "chunk of " + len + " bytes, 1.." + MAX_CHUNK_BYTES);
      chunks.add(new OpenedChunk(leaf, contributor, id, index, r.take(len, "chunk text")));
    }
    int p = r.u16("multiproof count");
    List<Bytes32> hashes = new ArrayList<>(p);
    for (int i = 0; i < p; i++) hashes.add(Bytes32.wrap(r.take(32, "multiproof hash")));
    r.end();
    return new SpanProof(binding, input, output, n, spans, chunks, hashes);
  }

  // ------------------------------------------------------------------ weights (§5), from the proof alone

  /**
   * Each contributor's weight in units (docs/text-attribution.md §5), ascending by address: every
   * output token is credited once, to the leftmost span covering it ({@code c_k = end_k −
   * max(start_k, end_{k−1})} tokens); a span's {@code c_k · TOKEN_UNITS} is split equally among its
   * {@code m ≤ 16} chunks, and a chunk's share goes to its owner. Assumes the spans verified
   * (aligned, ascending, naming opened chunks); {@code Σ weights = TOKEN_UNITS · Σ c_k}.
   */
  public Map<Address, BigInteger> weights() {
    int[] b = TextTokenizer.boundaries(output);
    TreeMap<Address, BigInteger> w = new TreeMap<>();
    long covered = 0;
    for (ProvenSpan s : spans) {
      long start = token(b, s.startByte()), end = token(b, s.endByte());
      long credited = end - Math.max(start, covered);
      covered = Math.max(covered, end);
      if (credited <= 0) continue;
      BigInteger perChunk = BigInteger.valueOf(credited * (TOKEN_UNITS / s.occurrences().size()));
      for (Occurrence o : s.occurrences()) w.merge(chunks.get((int) o.slot()).contributor(), perChunk, BigInteger::add);
    }
    return Collections.unmodifiableMap(w);
  }

  /** The token index of boundary byte {@code at}; a byte offset that is not a boundary is refused. */
  static int token(int[] boundaries, long at) {
    int i = at > Integer.MAX_VALUE ? -1 : Arrays.binarySearch(boundaries, (int) at);
    if (i < 0) throw new IllegalArgumentException("byte " + at + " is not a token boundary of the output");
    return i;
  }

  // ------------------------------------------------------------------ value semantics

  @Override
  public boolean equals(Object o) {
    return o instanceof SpanProof p && encode().equals(p.encode());
  }

  @Override
  public int hashCode() {
    return encode().hashCode();
  }

  @Override
  public String toString() {
    return "SpanProof[out=" + output.length + " B, n=" + leafCount + ", spans=" + spans.size() + ", chunks=" + chunks.size() + ", p=" + multiproof.size()
        + ", " + size() + " bytes]";
  }
}

package org.openledger.prover.text;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openledger.precompiles.Address;

/**
 * Cuts a contribution into chunks (docs/text-attribution.md §3): greedily, a chunk takes whole
 * tokens until it holds {@link #MAX_TOKENS} tokens or the next token would take it past
 * {@link #MAX_BYTES} bytes. Only a single token longer than {@code MAX_BYTES} (a run of letters
 * with no space) is cut inside, every {@code MAX_BYTES} bytes. Chunks bound what a proof opens:
 * a span's chunk costs at most 4 KiB of calldata.
 */
public final class Chunker {
  public static final int MAX_TOKENS = 512;
  public static final int MAX_BYTES = 4_096;

  private Chunker() {}

  /** The chunks of {@code contribution}, in order, with indices from 0. */
  public static List<Chunk> chunks(Address contributor, BigInteger contributionId, TextContribution contribution) {
    byte[] text = contribution.bytes();
    int[] b = ByteTokenizer.boundaries(text);
    List<Chunk> out = new ArrayList<>();
    int start = 0, tokens = 0;
    for (int t = 0; t + 1 < b.length; t++) {
      int from = b[t], to = b[t + 1];
      if (tokens > 0 && (tokens == MAX_TOKENS || to - start > MAX_BYTES)) {
        out.add(new Chunk(contributor, contributionId, out.size(), Arrays.copyOfRange(text, start, from)));
        start = from;
        tokens = 0;
      }
      while (to - start > MAX_BYTES) { // an overlong token: cut it every MAX_BYTES bytes
        out.add(new Chunk(contributor, contributionId, out.size(), Arrays.copyOfRange(text, start, start + MAX_BYTES)));
        start += MAX_BYTES;
      }
      tokens++;
    }
    if (start < text.length) out.add(new Chunk(contributor, contributionId, out.size(), Arrays.copyOfRange(text, start, text.length)));
    return out;
  }
}

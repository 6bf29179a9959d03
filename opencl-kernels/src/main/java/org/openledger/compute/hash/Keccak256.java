package org.openledger.compute.hash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.openledger.precompiles.KeccakF1600;

/**
 * Keccak-256 as Ethereum uses it (original Keccak padding 0x01, not NIST SHA3's 0x06), written for
 * throughput. The message is absorbed straight from the caller's array as little-endian longs
 * (no block buffer), and the permutation is {@link KeccakF1600}'s fused round. One instance hashes
 * many messages without allocating. Not thread-safe; one per thread.
 */
public final class Keccak256 {
  /** Sponge rate for a 256-bit capacity of 512: 136 bytes = 17 lanes. */
  static final int RATE = 136;

  private static final int RATE_LANES = RATE / 8;
  private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final long[] state = new long[25];

  /** keccak256(bytes[offset .. offset + length)) written to out[outOffset .. outOffset + 32). */
  public void hash(byte[] bytes, int offset, int length, byte[] out, int outOffset) {
    java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
    java.util.Objects.checkFromIndexSize(outOffset, 32, out.length);
    long[] s = state;
    Arrays.fill(s, 0L);
    int pos = offset;
    int end = offset + length;
    while (end - pos >= RATE) {
      for (int lane = 0; lane < RATE_LANES; lane++) {
        s[lane] ^= (long) LE_LONG.get(bytes, pos + lane * 8);
      }
      KeccakF1600.permute(s);
      pos += RATE;
    }
    // The last, partial block: whole lanes straight from the message, the tail byte by byte, then
    // the padding (0x01 after the message, 0x80 in the rate's last byte; one byte 0x81 if they meet).
    int remaining = end - pos;
    int whole = remaining >>> 3;
    for (int lane = 0; lane < whole; lane++) {
      s[lane] ^= (long) LE_LONG.get(bytes, pos + lane * 8);
    }
    long tail = 0;
    for (int b = remaining & 7; b > 0; b--) {
      tail = (tail << 8) | (bytes[pos + whole * 8 + b - 1] & 0xFFL);
    }
    s[whole] ^= tail ^ (0x01L << ((remaining & 7) * 8));
    s[RATE_LANES - 1] ^= 0x80L << 56;
    KeccakF1600.permute(s);
    for (int lane = 0; lane < 4; lane++) {
      LE_LONG.set(out, outOffset + lane * 8, s[lane]);
    }
  }

  public byte[] hash(byte[] message) {
    byte[] out = new byte[32];
    hash(message, 0, message.length, out, 0);
    return out;
  }
}

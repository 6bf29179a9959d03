package org.openledger.besu.chain;

import org.apache.tuweni.bytes.Bytes;
import org.openledger.precompiles.Keccak;

/**
 * The yellow paper's 2048-bit logs bloom: a value sets the three bits named by the low 11 bits of
 * the first three byte pairs of its keccak-256. A block whose bloom lacks any bit of an address or
 * topic has no log with it, so a scan fetches receipts only for blocks that may match.
 */
public final class LogsBloom {
  private LogsBloom() {}

  /** Whether {@code bloom} (256 bytes) may contain {@code value} (an address or a topic). */
  public static boolean mayContain(Bytes bloom, Bytes value) {
    byte[] hash = Keccak.hash(value).toArrayUnsafe();
    for (int i = 0; i < 6; i += 2) {
      int bit = ((hash[i] & 0x07) << 8) | (hash[i + 1] & 0xff);
      int index = 255 - bit / 8;
      if ((bloom.get(index) & (1 << (bit % 8))) == 0) return false;
    }
    return true;
  }

  /** {@code bloom} with {@code value}'s three bits set: how a block builder adds a log's address and topics. */
  public static Bytes with(Bytes bloom, Bytes value) {
    byte[] out = bloom.toArray();
    byte[] hash = Keccak.hash(value).toArrayUnsafe();
    for (int i = 0; i < 6; i += 2) {
      int bit = ((hash[i] & 0x07) << 8) | (hash[i + 1] & 0xff);
      out[255 - bit / 8] |= (byte) (1 << (bit % 8));
    }
    return Bytes.wrap(out);
  }
}

package org.openledger.devnet.chain;

import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.host.Log;

/**
 * Ethereum's 2048-bit logs bloom (yellow paper §4.3.1): for the address and every topic of every
 * log, three bits taken from the low 11 bits of the first three byte pairs of its keccak.
 */
public final class LogsBloom {
  public static final int BYTES = 256;
  public static final Bytes EMPTY = Bytes.wrap(new byte[BYTES]);

  private LogsBloom() {}

  public static Bytes of(List<Log> logs) {
    byte[] bloom = new byte[BYTES];
    for (Log log : logs) add(bloom, log);
    return Bytes.wrap(bloom);
  }

  public static void add(byte[] bloom, Log log) {
    set(bloom, log.address().toArrayUnsafe());
    for (Bytes32 topic : log.topics()) set(bloom, topic.toArrayUnsafe());
  }

  /** ORs {@code other} into {@code bloom}. */
  public static void or(byte[] bloom, Bytes other) {
    for (int i = 0; i < BYTES; i++) bloom[i] |= other.get(i);
  }

  private static void set(byte[] bloom, byte[] item) {
    byte[] h = Keccak.hash(item);
    for (int i = 0; i < 6; i += 2) {
      int bit = (((h[i] & 0xff) << 8) | (h[i + 1] & 0xff)) & 2047;
      bloom[BYTES - 1 - bit / 8] |= (byte) (1 << (bit % 8));
    }
  }

  /** Whether {@code bloom} may contain a log of {@code address} (false means certainly not). */
  public static boolean mayContain(Bytes bloom, Address address) {
    return mayContain(bloom, address.toArrayUnsafe());
  }

  public static boolean mayContain(Bytes bloom, Bytes32 topic) {
    return mayContain(bloom, topic.toArrayUnsafe());
  }

  private static boolean mayContain(Bytes bloom, byte[] item) {
    byte[] h = Keccak.hash(item);
    for (int i = 0; i < 6; i += 2) {
      int bit = (((h[i] & 0xff) << 8) | (h[i + 1] & 0xff)) & 2047;
      if ((bloom.get(BYTES - 1 - bit / 8) & (1 << (bit % 8))) == 0) return false;
    }
    return true;
  }
}

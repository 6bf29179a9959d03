package org.openledger.precompiles.storage;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A {@code string} in storage, encoded exactly as Solidity does, so {@code eth_getStorageAt} reads
 * it as it would a Solidity contract's: up to 31 bytes live in the slot itself, left-aligned, with
 * {@code 2 × length} in the lowest byte; longer strings keep {@code 2 × length + 1} in the slot and
 * their bytes from {@code keccak256(slot)} on, 32 per word.
 */
public final class StorageString {
  private StorageString() {}

  /** Storage words a string of {@code length} UTF-8 bytes occupies (= writes to store it, reads to load it). */
  public static int words(int length) {
    return length < 32 ? 1 : 1 + (length + 31) / 32;
  }

  public static int byteLength(String value) {
    return value.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Writes {@code value} into a slot that held no string before (long strings' old tails are not cleared). */
  public static void write(Storage storage, Slot slot, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    int length = bytes.length;
    if (length < 32) {
      byte[] word = new byte[32];
      System.arraycopy(bytes, 0, word, 0, length);
      word[31] = (byte) (2 * length);
      storage.store(slot, Bytes32.wrap(word));
      return;
    }
    storage.storeUint(slot, BigInteger.valueOf(2L * length + 1));
    Slot data = slot.arrayData();
    for (int i = 0; i * 32 < length; i++) {
      storage.store(data.offset(BigInteger.valueOf(i)), Bytes32.rightPad(Bytes.wrap(bytes, i * 32, Math.min(32, length - i * 32))));
    }
  }

  public static String read(Storage storage, Slot slot) {
    Bytes32 head = storage.load(slot);
    int low = head.get(31) & 0xff;
    if ((low & 1) == 0) {
      return new String(head.slice(0, low / 2).toArrayUnsafe(), StandardCharsets.UTF_8);
    }
    int length = head.toUnsignedBigInteger().subtract(BigInteger.ONE).shiftRight(1).intValueExact();
    byte[] out = new byte[length];
    Slot data = slot.arrayData();
    for (int i = 0; i * 32 < length; i++) {
      Bytes32 word = storage.load(data.offset(BigInteger.valueOf(i)));
      System.arraycopy(word.toArrayUnsafe(), 0, out, i * 32, Math.min(32, length - i * 32));
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}

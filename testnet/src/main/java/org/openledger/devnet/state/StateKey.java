package org.openledger.devnet.state;

import java.util.Arrays;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;

/**
 * The key of one piece of state, as bytes: the RocksDB key it is stored under and the sort key of
 * a block's write set. A kind byte, then the account, then (for storage) the slot:
 * {@code 'b'‖address} balance, {@code 'n'‖address} nonce, {@code 'c'‖address} code,
 * {@code 's'‖address‖slot} storage word, and {@code 'B'} the running total of burned fees.
 */
public final class StateKey implements Comparable<StateKey> {
  public static final byte BALANCE = 'b';
  public static final byte NONCE = 'n';
  public static final byte CODE = 'c';
  public static final byte STORAGE = 's';
  public static final byte BURNED = 'B';

  public static final StateKey BURNED_TOTAL = new StateKey(new byte[] {BURNED});

  private final byte[] bytes;

  private StateKey(byte[] bytes) {
    this.bytes = bytes;
  }

  public static StateKey of(byte kind, Address account) {
    byte[] b = new byte[21];
    b[0] = kind;
    System.arraycopy(account.toArrayUnsafe(), 0, b, 1, 20);
    return new StateKey(b);
  }

  public static StateKey storage(Address account, Bytes32 slot) {
    byte[] b = new byte[53];
    b[0] = STORAGE;
    System.arraycopy(account.toArrayUnsafe(), 0, b, 1, 20);
    System.arraycopy(slot.toArrayUnsafe(), 0, b, 21, 32);
    return new StateKey(b);
  }

  public static StateKey fromBytes(byte[] bytes) {
    byte kind = bytes.length > 0 ? bytes[0] : 0;
    boolean ok = switch (kind) {
      case BALANCE, NONCE, CODE -> bytes.length == 21;
      case STORAGE -> bytes.length == 53;
      case BURNED -> bytes.length == 1;
      default -> false;
    };
    if (!ok) throw new IllegalArgumentException("not a state key: " + java.util.HexFormat.of().formatHex(bytes));
    return new StateKey(bytes.clone());
  }

  public byte kind() {
    return bytes[0];
  }

  public Address account() {
    return Address.wrap(Arrays.copyOfRange(bytes, 1, 21));
  }

  public Bytes32 slot() {
    return Bytes32.wrap(Arrays.copyOfRange(bytes, 21, 53));
  }

  /** The key bytes, not copied: callers must not modify them. */
  public byte[] bytesUnsafe() {
    return bytes;
  }

  @Override
  public int compareTo(StateKey o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return java.util.HexFormat.of().formatHex(bytes);
  }
}

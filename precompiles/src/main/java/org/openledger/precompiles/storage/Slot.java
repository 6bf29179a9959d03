package org.openledger.precompiles.storage;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;

/**
 * A storage slot, derived exactly as Solidity lays out state variables, so {@code
 * eth_getStorageAt} and indexers read native-contract state as they would a Solidity contract's:
 *
 * <ul>
 *   <li>a value declared at position {@code p}: slot {@code p} ({@link #at});
 *   <li>{@code mapping(K => V)} at {@code p}, key {@code k}: {@code keccak256(pad32(k) ‖ p)} for
 *       value-type keys, {@code keccak256(k ‖ p)} for {@code bytes}/{@code string} keys ({@link
 *       #mapping});
 *   <li>a dynamic array at {@code p}: its length at {@code p}, element {@code i} at {@code
 *       keccak256(p) + i × slotsPerElement} ({@link #element});
 *   <li>the {@code n}-th word of a struct stored at {@code s}: {@code s + n} ({@link #field}).
 * </ul>
 */
public record Slot(Bytes32 key) {
  private static final BigInteger MOD = BigInteger.ONE.shiftLeft(256);

  public static Slot at(long position) {
    return new Slot(Bytes32.leftPad(Bytes.wrap(BigInteger.valueOf(position).toByteArray()).trimLeadingZeros()));
  }

  /** The slot of {@code mapping[key]} where this slot holds the mapping; key is a 32-byte word. */
  public Slot mapping(Bytes32 word) {
    return new Slot(Bytes32.wrap(Keccak.hash(word.toArrayUnsafe(), key.toArrayUnsafe())));
  }

  public Slot mapping(Address key) {
    return mapping(Bytes32.leftPad(key.toBytes()));
  }

  /** {@code uintN} keys (and non-negative {@code intN}). */
  public Slot mapping(BigInteger key) {
    return mapping(word(key));
  }

  public Slot mapping(long key) {
    return mapping(BigInteger.valueOf(key));
  }

  /** {@code bytes} keys: hashed unpadded, as Solidity does. */
  public Slot mappingBytes(Bytes key) {
    return new Slot(Bytes32.wrap(Keccak.hash(key.toArrayUnsafe(), this.key.toArrayUnsafe())));
  }

  /** {@code string} keys: their UTF-8 bytes, unpadded. */
  public Slot mapping(String key) {
    return mappingBytes(Bytes.wrap(key.getBytes(StandardCharsets.UTF_8)));
  }

  /** Where a dynamic array held at this slot keeps its elements: {@code keccak256(slot)}. */
  public Slot arrayData() {
    return new Slot(Bytes32.wrap(Keccak.hash(key.toArrayUnsafe())));
  }

  /** Element {@code index} of the dynamic array held at this slot, elements {@code slotsPerElement} words wide. */
  public Slot element(BigInteger index, int slotsPerElement) {
    return arrayData().offset(index.multiply(BigInteger.valueOf(slotsPerElement)));
  }

  public Slot element(long index) {
    return element(BigInteger.valueOf(index), 1);
  }

  /** Word {@code n} of a struct stored from this slot on. */
  public Slot field(int n) {
    return offset(BigInteger.valueOf(n));
  }

  /** This slot plus {@code n}, modulo 2^256 as the EVM's slot arithmetic wraps. */
  public Slot offset(BigInteger n) {
    return new Slot(word(key.toUnsignedBigInteger().add(n).mod(MOD)));
  }

  private static Bytes32 word(BigInteger v) {
    if (v.signum() < 0) v = v.add(MOD);
    return Bytes32.leftPad(Bytes.wrap(v.toByteArray()).trimLeadingZeros());
  }

  @Override
  public String toString() {
    return key.toHexString();
  }
}

package org.openledger.precompiles.storage;

import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;

/** A contract's own storage, one 32-byte word per slot, with Solidity's encodings of value types. */
public interface Storage {

  Bytes32 load(Slot slot);

  void store(Slot slot, Bytes32 value);

  default BigInteger loadUint(Slot slot) {
    return load(slot).toUnsignedBigInteger();
  }

  default void storeUint(Slot slot, BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > 256) {
      throw new IllegalArgumentException("not a uint256: " + value);
    }
    store(slot, Bytes32.leftPad(Bytes.wrap(value.toByteArray()).trimLeadingZeros()));
  }

  /** An address stored as Solidity does: right-aligned in its word. */
  default Address loadAddress(Slot slot) {
    return Address.wrap(load(slot).slice(12, 20));
  }

  default void storeAddress(Slot slot, Address value) {
    store(slot, Bytes32.leftPad(value.toBytes()));
  }

  default boolean loadBool(Slot slot) {
    return !load(slot).isZero();
  }

  default void storeBool(Slot slot, boolean value) {
    store(slot, value ? Bytes32.fromHexString("0x01") : Bytes32.ZERO);
  }
}

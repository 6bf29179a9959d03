package org.openledger.precompiles.storage;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.openledger.precompiles.Keccak;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A governance-set number with a documented default. Until it is first set, it reads as its
 * default, so a contract activated on a running chain needs no state migration.
 *
 * <p>Layout (readable with {@code eth_getStorageAt}): for a contract whose parameters live at
 * {@code base}, the value is in {@code mapping(bytes32 => uint256)} at {@code base} and the
 * "was set" flag in {@code mapping(bytes32 => bool)} at {@code base + 1}, both keyed by {@code
 * keccak256(name)}. A separate flag (rather than "zero means default") lets governance set zero.
 */
public record Parameter(String name, Slot base, BigInteger defaultValue, Bytes32 key) {

  public Parameter {
    if (defaultValue.signum() < 0 || defaultValue.bitLength() > 256) {
      throw new IllegalArgumentException("default of " + name + " is not a uint256");
    }
  }

  /** The name as Solidity's {@code bytes32("name")} (ASCII, right-padded): how events and errors name a parameter. */
  public Bytes32 label() {
    return Bytes32.rightPad(org.apache.tuweni.bytes.Bytes.wrap(name.getBytes(StandardCharsets.US_ASCII)));
  }

  public Parameter(String name, Slot base, BigInteger defaultValue) {
    this(name, base, defaultValue, Bytes32.wrap(Keccak.hash(name.getBytes(StandardCharsets.UTF_8))));
  }

  public BigInteger read(Storage storage) {
    return storage.loadBool(base.offset(BigInteger.ONE).mapping(key))
        ? storage.loadUint(base.mapping(key))
        : defaultValue;
  }

  public void write(Storage storage, BigInteger value) {
    storage.storeUint(base.mapping(key), value);
    storage.storeBool(base.offset(BigInteger.ONE).mapping(key), true);
  }

  /** Whether governance has set it (otherwise {@link #read} returns the default). */
  public boolean isSet(Storage storage) {
    return storage.loadBool(base.offset(BigInteger.ONE).mapping(key));
  }
}

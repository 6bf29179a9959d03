package org.openledger.devnet.besu;

import java.math.BigInteger;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * One account of a Besu genesis {@code alloc}: what block 0 holds for it. Zero storage words are
 * never listed (they are the default).
 */
public record GenesisAccount(BigInteger balance, long nonce, Bytes code, SortedMap<Bytes32, Bytes32> storage) {
  public static final GenesisAccount EMPTY = new GenesisAccount(BigInteger.ZERO, 0, Bytes.EMPTY, new TreeMap<>());

  public GenesisAccount {
    if (balance.signum() < 0) throw new IllegalArgumentException("negative balance " + balance);
    if (nonce < 0) throw new IllegalArgumentException("negative nonce " + nonce);
    storage = Collections.unmodifiableSortedMap(new TreeMap<>(storage));
    if (storage.containsValue(Bytes32.ZERO)) throw new IllegalArgumentException("a zero storage word is not part of a genesis");
  }

  GenesisAccount withBalance(BigInteger wei) {
    return new GenesisAccount(wei, nonce, code, storage);
  }

  GenesisAccount withNonce(long n) {
    return new GenesisAccount(balance, n, code, storage);
  }

  GenesisAccount withCode(Bytes c) {
    return new GenesisAccount(balance, nonce, c, storage);
  }

  GenesisAccount withStorage(Bytes32 slot, Bytes32 value) {
    TreeMap<Bytes32, Bytes32> s = new TreeMap<>(storage);
    if (value.isZero()) s.remove(slot);
    else s.put(slot, value);
    return new GenesisAccount(balance, nonce, code, s);
  }
}

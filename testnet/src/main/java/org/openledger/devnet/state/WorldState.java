package org.openledger.devnet.state;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;

/**
 * The state after the head block, all in memory (a devnet's state is small; RocksDB holds the
 * durable copy and the store reloads it at start). Only the block producer changes it, through
 * {@link #apply}, and only after the block's batch is durable. Readers on other threads take
 * {@link #lock()}'s read lock for a consistent view across several reads.
 */
public final class WorldState {
  private final Map<StateKey, byte[]> values = new HashMap<>();
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  public ReadWriteLock lock() {
    return lock;
  }

  public BigInteger balance(Address account) {
    return uint(StateKey.of(StateKey.BALANCE, account));
  }

  public long nonce(Address account) {
    return uint(StateKey.of(StateKey.NONCE, account)).longValueExact();
  }

  public Bytes code(Address account) {
    byte[] v = get(StateKey.of(StateKey.CODE, account));
    return v == null ? Bytes.EMPTY : Bytes.wrap(v);
  }

  public Bytes32 storage(Address account, Bytes32 slot) {
    byte[] v = get(StateKey.storage(account, slot));
    return v == null ? Bytes32.ZERO : Bytes32.leftPad(Bytes.wrap(v));
  }

  public BigInteger burned() {
    return uint(StateKey.BURNED_TOTAL);
  }

  byte[] get(StateKey key) {
    lock.readLock().lock();
    try {
      return values.get(key);
    } finally {
      lock.readLock().unlock();
    }
  }

  private BigInteger uint(StateKey key) {
    byte[] v = get(key);
    return v == null ? BigInteger.ZERO : new BigInteger(1, v);
  }

  /** Applies a durable block's writes: empty values delete. */
  public void apply(WriteSet writes) {
    lock.writeLock().lock();
    try {
      writes.writes().forEach(this::put);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Loads one stored entry at start-up. */
  public void load(StateKey key, byte[] value) {
    lock.writeLock().lock();
    try {
      put(key, value);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void put(StateKey key, byte[] value) {
    if (value.length == 0) values.remove(key);
    else values.put(key, value);
  }

  /** Every account with a non-zero balance and its balance, plus nothing else: for conservation checks. */
  public Map<Address, BigInteger> balances() {
    lock.readLock().lock();
    try {
      Map<Address, BigInteger> out = new HashMap<>();
      values.forEach((k, v) -> {
        if (k.kind() == StateKey.BALANCE) out.put(k.account(), new BigInteger(1, v));
      });
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }
}

package org.openledger.precompiles.host;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;

/** A host that keeps everything in maps: for tests, examples and benchmarks. Not thread-safe. */
public final class InMemoryHost implements Host {
  private record Key(Address account, Bytes32 slot) {}

  private final Map<Key, Bytes32> storage = new HashMap<>();
  private final Map<Address, BigInteger> balances = new HashMap<>();
  private final List<Log> logs = new ArrayList<>();
  private BlockContext block;

  public InMemoryHost(BlockContext block) {
    this.block = block;
  }

  public InMemoryHost() {
    this(new BlockContext(1, 1_700_000_000L, 1337));
  }

  @Override public BlockContext block() { return block; }

  public void setBlock(BlockContext block) {
    this.block = block;
  }

  /** Moves to block {@code number}, one 2-second slot per block. */
  public void setBlockNumber(long number) {
    this.block = new BlockContext(number, block.timestamp() + 2 * (number - block.number()), block.chainId());
  }

  @Override
  public Bytes32 storage(Address account, Bytes32 slot) {
    return storage.getOrDefault(new Key(account, slot), Bytes32.ZERO);
  }

  @Override
  public void setStorage(Address account, Bytes32 slot, Bytes32 value) {
    if (value.isZero()) storage.remove(new Key(account, slot));
    else storage.put(new Key(account, slot), value);
  }

  @Override
  public BigInteger balance(Address account) {
    return balances.getOrDefault(account, BigInteger.ZERO);
  }

  /** Sets a balance directly (genesis allocations, test set-up). */
  public void setBalance(Address account, BigInteger wei) {
    putBalance(account, wei);
  }

  /** Zero balances are not kept, so an account whose OPEN came and went leaves no trace in {@link #snapshot}. */
  private void putBalance(Address account, BigInteger wei) {
    if (wei.signum() == 0) balances.remove(account);
    else balances.put(account, wei);
  }

  @Override
  public void transfer(Address from, Address to, BigInteger amount) {
    if (amount.signum() == 0) return;
    BigInteger have = balance(from);
    if (have.compareTo(amount) < 0) {
      throw new IllegalStateException(from + " holds " + have + " wei, cannot send " + amount);
    }
    putBalance(from, have.subtract(amount));
    putBalance(to, balance(to).add(amount));
  }

  @Override
  public void emitLog(Log log) {
    logs.add(log);
  }

  /** The sum of every account's balance: what conservation checks compare with the supply. */
  public BigInteger totalBalance() {
    return balances.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
  }

  /** Every log emitted so far, oldest first. */
  public List<Log> logs() {
    return List.copyOf(logs);
  }

  /** Number of non-zero storage words: a cheap fingerprint for "nothing changed" assertions. */
  public int storageSize() {
    return storage.size();
  }

  /** A copy of all state, for asserting that a failed call changed nothing. */
  public Map<String, Object> snapshot() {
    return Map.of("storage", Map.copyOf(storage), "balances", Map.copyOf(balances), "logs", List.copyOf(logs));
  }
}

package org.openledger.devnet.state;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.devnet.rlp.Rlp;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.host.BlockContext;
import org.openledger.precompiles.host.Host;
import org.openledger.precompiles.host.Log;

/**
 * The changes of one block (or of one {@code eth_call}) over the {@link WorldState}: what the
 * executor sees as its {@link Host}. Reads fall through to the world state; writes stay here until
 * {@link #writeSet} hands them to the store. Logs are collected per transaction by {@link #takeLogs}.
 * Used by one thread at a time.
 */
public final class BlockState implements Host {
  private final WorldState world;
  private final BlockContext block;
  private final Map<StateKey, byte[]> writes = new HashMap<>();
  private final List<Log> logs = new ArrayList<>();

  public BlockState(WorldState world, BlockContext block) {
    this.world = world;
    this.block = block;
  }

  @Override
  public BlockContext block() {
    return block;
  }

  private byte[] read(StateKey key) {
    byte[] v = writes.get(key);
    return v != null ? v : world.get(key);
  }

  @Override
  public Bytes32 storage(Address account, Bytes32 slot) {
    byte[] v = read(StateKey.storage(account, slot));
    return v == null || v.length == 0 ? Bytes32.ZERO : Bytes32.leftPad(Bytes.wrap(v));
  }

  @Override
  public void setStorage(Address account, Bytes32 slot, Bytes32 value) {
    writes.put(StateKey.storage(account, slot), value.isZero() ? new byte[0] : value.toArray());
  }

  @Override
  public BigInteger balance(Address account) {
    return uint(StateKey.of(StateKey.BALANCE, account));
  }

  @Override
  public void transfer(Address from, Address to, BigInteger amount) {
    if (amount.signum() < 0) throw new IllegalArgumentException("negative transfer " + amount);
    if (amount.signum() == 0 || from.equals(to)) return;
    BigInteger have = balance(from);
    if (have.compareTo(amount) < 0) throw new IllegalStateException(from + " holds " + have + " wei, cannot send " + amount);
    setBalance(from, have.subtract(amount));
    setBalance(to, balance(to).add(amount));
  }

  /** Takes {@code amount} from {@code account} without crediting anyone (upfront gas, fees). */
  public void debit(Address account, BigInteger amount) {
    BigInteger have = balance(account);
    if (have.compareTo(amount) < 0) throw new IllegalStateException(account + " holds " + have + " wei, cannot pay " + amount);
    setBalance(account, have.subtract(amount));
  }

  /** Gives {@code amount} to {@code account} (gas refunds, priority fees, genesis allocations). */
  public void credit(Address account, BigInteger amount) {
    if (amount.signum() < 0) throw new IllegalArgumentException("negative credit " + amount);
    if (amount.signum() > 0) setBalance(account, balance(account).add(amount));
  }

  private void setBalance(Address account, BigInteger wei) {
    writes.put(StateKey.of(StateKey.BALANCE, account), Rlp.minimal(wei));
  }

  public long nonce(Address account) {
    return uint(StateKey.of(StateKey.NONCE, account)).longValueExact();
  }

  public void setNonce(Address account, long nonce) {
    writes.put(StateKey.of(StateKey.NONCE, account), Rlp.minimal(BigInteger.valueOf(nonce)));
  }

  public void setCode(Address account, Bytes code) {
    writes.put(StateKey.of(StateKey.CODE, account), code.toArray());
  }

  public BigInteger burned() {
    return uint(StateKey.BURNED_TOTAL);
  }

  public void burn(BigInteger amount) {
    if (amount.signum() < 0) throw new IllegalArgumentException("negative burn " + amount);
    writes.put(StateKey.BURNED_TOTAL, Rlp.minimal(burned().add(amount)));
  }

  @Override
  public void emitLog(Log log) {
    logs.add(log);
  }

  /** The logs emitted since the last call, in order; clears them. */
  public List<Log> takeLogs() {
    List<Log> out = List.copyOf(logs);
    logs.clear();
    return out;
  }

  private BigInteger uint(StateKey key) {
    byte[] v = read(key);
    return v == null || v.length == 0 ? BigInteger.ZERO : new BigInteger(1, v);
  }

  /** Everything this block wrote, final values only. */
  public WriteSet writeSet() {
    return new WriteSet(writes);
  }
}

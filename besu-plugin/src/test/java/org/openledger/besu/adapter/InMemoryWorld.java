package org.openledger.besu.adapter;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.tuweni.units.bigints.UInt256;
import org.hyperledger.besu.datatypes.Address;
import org.hyperledger.besu.datatypes.Wei;
import org.hyperledger.besu.evm.account.MutableAccount;
import org.hyperledger.besu.evm.worldstate.WorldUpdater;

/** A world state in maps behind Besu's WorldUpdater: {@link #child} and {@link #commit} stand in for Besu's stacked updaters. */
public final class InMemoryWorld implements WorldUpdater, org.hyperledger.besu.evm.worldstate.WorldView {
  public static final class Account implements MutableAccount {
    BigInteger balance = BigInteger.ZERO;
    final Map<UInt256, UInt256> storage = new HashMap<>();

    Account copy() {
      Account a = new Account();
      a.balance = balance;
      a.storage.putAll(storage);
      return a;
    }

    @Override public Wei getBalance() { return Wei.of(balance); }
    @Override public void setBalance(Wei value) { balance = value.getAsBigInteger(); }
    @Override public UInt256 getStorageValue(UInt256 key) { return storage.getOrDefault(key, UInt256.ZERO); }

    @Override
    public void setStorageValue(UInt256 key, UInt256 value) {
      if (value.isZero()) storage.remove(key);
      else storage.put(key, value);
    }
  }

  private final InMemoryWorld parent;
  private final Map<Address, Account> accounts = new HashMap<>();

  public InMemoryWorld() {
    this(null);
  }

  private InMemoryWorld(InMemoryWorld parent) {
    this.parent = parent;
    if (parent != null) parent.accounts.forEach((k, v) -> accounts.put(k, v.copy()));
  }

  public InMemoryWorld child() {
    return new InMemoryWorld(this);
  }

  /** Replaces the parent's state with this child's. */
  public void commit() {
    parent.accounts.clear();
    parent.accounts.putAll(accounts);
  }

  @Override public Account get(Address address) { return accounts.get(address); }
  @Override public Account getOrCreate(Address address) { return accounts.computeIfAbsent(address, a -> new Account()); }

  /** Non-zero balances by address, as InMemoryHost keeps them. */
  Map<org.openledger.precompiles.Address, BigInteger> balances() {
    Map<org.openledger.precompiles.Address, BigInteger> out = new TreeMap<>();
    accounts.forEach((a, acc) -> { if (acc.balance.signum() != 0) out.put(FrameHost.fromBesu(a), acc.balance); });
    return out;
  }

  /** Every non-zero storage word, "account/slot" to value. */
  Map<String, String> storage() {
    Map<String, String> out = new TreeMap<>();
    accounts.forEach((a, acc) -> acc.storage.forEach((k, v) -> out.put(a.toHexString() + "/" + k.toHexString(), v.toHexString())));
    return out;
  }
}

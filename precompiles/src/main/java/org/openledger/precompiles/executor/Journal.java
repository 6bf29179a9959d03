package org.openledger.precompiles.executor;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.host.Host;
import org.openledger.precompiles.host.Log;

/**
 * The changes of one call frame, layered over its parent's (or the host's). A frame that fails
 * is dropped with its journal; one that succeeds merges into its parent, and the outermost one
 * into the host. Reads see the newest layer that holds a value.
 */
final class Journal {
  private record Key(Address account, Bytes32 slot) {}

  private record Transfer(Address from, Address to, BigInteger amount) {}

  private final Journal parent;
  private final Host host;
  private final Map<Key, Bytes32> storage = new HashMap<>();
  private final Map<Address, BigInteger> balances = new HashMap<>();
  private final List<Transfer> transfers = new ArrayList<>();
  private final List<Log> logs = new ArrayList<>();

  Journal(Host host) {
    this(null, host);
  }

  private Journal(Journal parent, Host host) {
    this.parent = parent;
    this.host = host;
  }

  Journal child() {
    return new Journal(this, host);
  }

  Bytes32 storage(Address account, Bytes32 slot) {
    Key key = new Key(account, slot);
    for (Journal j = this; j != null; j = j.parent) {
      Bytes32 v = j.storage.get(key);
      if (v != null) return v;
    }
    return host.storage(account, slot);
  }

  void setStorage(Address account, Bytes32 slot, Bytes32 value) {
    storage.put(new Key(account, slot), value);
  }

  BigInteger balance(Address account) {
    for (Journal j = this; j != null; j = j.parent) {
      BigInteger v = j.balances.get(account);
      if (v != null) return v;
    }
    return host.balance(account);
  }

  /** Moves wei if {@code from} holds it; returns false (changing nothing) otherwise. */
  boolean transfer(Address from, Address to, BigInteger amount) {
    BigInteger have = balance(from);
    if (have.compareTo(amount) < 0) return false;
    if (amount.signum() == 0 || from.equals(to)) return true;
    balances.put(from, have.subtract(amount));
    balances.put(to, balance(to).add(amount));
    transfers.add(new Transfer(from, to, amount));
    return true;
  }

  void log(Log log) {
    logs.add(log);
  }

  List<Log> logs() {
    return logs;
  }

  /** Folds this frame's changes into its parent. */
  void commitToParent() {
    parent.storage.putAll(storage);
    parent.balances.putAll(balances);
    parent.transfers.addAll(transfers);
    parent.logs.addAll(logs);
  }

  /**
   * Hands the outermost frame's changes to the host: the final value of each written slot (order
   * among slots does not matter), then the transfers and the logs in the order they were made.
   */
  void commitToHost() {
    if (parent != null) throw new IllegalStateException("only the outermost journal commits to the host");
    storage.forEach((k, v) -> host.setStorage(k.account(), k.slot(), v));
    for (Transfer t : transfers) host.transfer(t.from(), t.to(), t.amount());
    for (Log l : logs) host.emitLog(l);
  }
}

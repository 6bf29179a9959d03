package org.openledger.besu.adapter;

import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.host.BlockContext;
import org.openledger.precompiles.host.Host;
import org.openledger.precompiles.host.InMemoryHost;
import org.openledger.precompiles.host.Log;

/** The reference side: the framework's InMemoryHost, remembering every slot written so its storage can be listed. */
final class RecordingHost implements Host {
  final InMemoryHost host;
  private final Map<String, Object[]> keys = new TreeMap<>();

  RecordingHost(InMemoryHost host) {
    this.host = host;
  }

  @Override public BlockContext block() { return host.block(); }
  @Override public Bytes32 storage(Address account, Bytes32 slot) { return host.storage(account, slot); }

  @Override
  public void setStorage(Address account, Bytes32 slot, Bytes32 value) {
    host.setStorage(account, slot, value);
    keys.put(FrameHost.toBesu(account).toHexString() + "/" + UInt256.fromBytes(slot).toHexString(), new Object[] {account, slot});
  }

  @Override public BigInteger balance(Address account) { return host.balance(account); }
  @Override public void transfer(Address from, Address to, BigInteger amount) { host.transfer(from, to, amount); }
  @Override public void emitLog(Log log) { host.emitLog(log); }

  /** Every non-zero storage word, in {@link InMemoryWorld#storage}'s format. */
  Map<String, String> storage() {
    Map<String, String> out = new TreeMap<>();
    keys.forEach((k, v) -> {
      Bytes32 value = host.storage((Address) v[0], (Bytes32) v[1]);
      if (!value.isZero()) out.put(k, UInt256.fromBytes(value).toHexString());
    });
    return out;
  }

  Map<Address, BigInteger> balances() {
    @SuppressWarnings("unchecked")
    Map<Address, BigInteger> b = (Map<Address, BigInteger>) host.snapshot().get("balances");
    return new TreeMap<>(b);
  }
}

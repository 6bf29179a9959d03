package org.openledger.besu.chain;

import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;
import org.hyperledger.besu.datatypes.Address;
import org.hyperledger.besu.datatypes.Wei;
import org.hyperledger.besu.evm.account.Account;
import org.hyperledger.besu.evm.worldstate.WorldView;
import org.openledger.besu.adapter.FrameHost;
import org.openledger.precompiles.host.Host;

/** A live Besu WorldView over a framework Host (e.g. the contracts' Protocol fixture), for reading its latest state through the plugin. */
public record HostWorldView(Host host) implements WorldView {
  @Override
  public Account get(Address address) {
    var a = FrameHost.fromBesu(address);
    return new Account() {
      @Override public Wei getBalance() { return Wei.of(host.balance(a)); }
      @Override public UInt256 getStorageValue(UInt256 key) { return UInt256.fromBytes(host.storage(a, Bytes32.wrap(key.toArrayUnsafe()))); }
    };
  }
}

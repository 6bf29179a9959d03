package org.openledger.contracts.bench;

import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.host.BlockContext;
import org.openledger.precompiles.host.Host;
import org.openledger.precompiles.host.InMemoryHost;
import org.openledger.precompiles.host.Log;

/**
 * A host that reads a prepared {@link InMemoryHost} and drops every write: the executor still
 * journals, meters and commits each call exactly as it would, but the commit changes nothing, so
 * every invocation of a calibration case sees the same state and takes the same successful path.
 *
 * <p>Nothing moves {@code msg.value} to the callee before a call either (a real host would);
 * the prepared state already holds whatever balance the contracts pay out from.
 */
final class ReadOnlyHost implements Host {
  private final InMemoryHost state;

  ReadOnlyHost(InMemoryHost state) {
    this.state = state;
  }

  @Override
  public BlockContext block() {
    return state.block();
  }

  @Override
  public Bytes32 storage(Address account, Bytes32 slot) {
    return state.storage(account, slot);
  }

  @Override
  public void setStorage(Address account, Bytes32 slot, Bytes32 value) {
    // dropped: the prepared state never changes
  }

  @Override
  public BigInteger balance(Address account) {
    return state.balance(account);
  }

  @Override
  public void transfer(Address from, Address to, BigInteger amount) {
    // dropped
  }

  @Override
  public void emitLog(Log log) {
    // dropped
  }
}

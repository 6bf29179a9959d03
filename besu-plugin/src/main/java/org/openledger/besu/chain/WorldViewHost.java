package org.openledger.besu.chain;

import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;
import org.hyperledger.besu.evm.account.Account;
import org.hyperledger.besu.evm.worldstate.WorldView;
import org.openledger.besu.adapter.FrameHost;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.host.BlockContext;
import org.openledger.precompiles.host.Host;
import org.openledger.precompiles.host.Log;

/**
 * The executor's {@link Host} over a read-only Besu {@link WorldView}, for view calls served over
 * RPC. Views are static calls, which the executor never lets write; a write reaching this host
 * would be a framework bug, so it fails loudly instead of being dropped.
 */
public final class WorldViewHost implements Host {
  private final WorldView world;
  private final BlockContext block;

  public WorldViewHost(WorldView world, BlockContext block) {
    this.world = world;
    this.block = block;
  }

  @Override
  public BlockContext block() {
    return block;
  }

  @Override
  public Bytes32 storage(Address account, Bytes32 slot) {
    Account a = world.get(FrameHost.toBesu(account));
    return a == null ? Bytes32.ZERO : Bytes32.wrap(a.getStorageValue(UInt256.fromBytes(slot)).toArrayUnsafe());
  }

  @Override
  public BigInteger balance(Address account) {
    Account a = world.get(FrameHost.toBesu(account));
    return a == null ? BigInteger.ZERO : a.getBalance().getAsBigInteger();
  }

  @Override
  public void setStorage(Address account, Bytes32 slot, Bytes32 value) {
    throw new IllegalStateException("read-only world view: a view call wrote storage of " + account);
  }

  @Override
  public void transfer(Address from, Address to, BigInteger amount) {
    throw new IllegalStateException("read-only world view: a view call moved OPEN from " + from);
  }

  @Override
  public void emitLog(Log log) {
    throw new IllegalStateException("read-only world view: a view call emitted a log from " + log.address());
  }
}

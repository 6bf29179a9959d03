package org.openledger.besu.adapter;

import java.math.BigInteger;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.units.bigints.UInt256;
import org.hyperledger.besu.datatypes.LogTopic;
import org.hyperledger.besu.datatypes.Wei;
import org.hyperledger.besu.evm.account.Account;
import org.hyperledger.besu.evm.account.MutableAccount;
import org.hyperledger.besu.evm.frame.MessageFrame;
import org.hyperledger.besu.evm.worldstate.WorldUpdater;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.host.BlockContext;
import org.openledger.precompiles.host.Host;
import org.openledger.precompiles.host.Log;

/**
 * The executor's {@link Host} over a Besu {@link MessageFrame}: storage and balances live in the
 * frame's world updater, logs go to the frame. The executor hands over only the changes of a call
 * that succeeded, and Besu discards the frame's updater when the call fails, so neither side
 * journals twice.
 */
public final class FrameHost implements Host {
  private final MessageFrame frame;
  private final WorldUpdater world;
  private final BlockContext block;

  /** {@code chainId}: Besu keeps it off the frame; the plugin reads it once from BlockchainService. */
  public FrameHost(MessageFrame frame, long chainId) {
    this.frame = frame;
    this.world = frame.getWorldUpdater();
    this.block = new BlockContext(frame.getBlockValues().getNumber(), frame.getBlockValues().getTimestamp(), chainId);
  }

  @Override
  public BlockContext block() {
    return block;
  }

  @Override
  public Bytes32 storage(Address account, Bytes32 slot) {
    Account a = world.get(toBesu(account));
    return a == null ? Bytes32.ZERO : Bytes32.wrap(a.getStorageValue(UInt256.fromBytes(slot)).toArrayUnsafe());
  }

  @Override
  public void setStorage(Address account, Bytes32 slot, Bytes32 value) {
    world.getOrCreate(toBesu(account)).setStorageValue(UInt256.fromBytes(slot), UInt256.fromBytes(value));
  }

  @Override
  public BigInteger balance(Address account) {
    Account a = world.get(toBesu(account));
    return a == null ? BigInteger.ZERO : a.getBalance().getAsBigInteger();
  }

  @Override
  public void transfer(Address from, Address to, BigInteger amount) {
    if (amount.signum() == 0 || from.equals(to)) return;
    MutableAccount sender = world.getOrCreate(toBesu(from));
    BigInteger have = sender.getBalance().getAsBigInteger();
    if (have.compareTo(amount) < 0) {
      throw new IllegalStateException(from + " holds " + have + " wei, cannot send " + amount);
    }
    sender.setBalance(Wei.of(have.subtract(amount)));
    MutableAccount recipient = world.getOrCreate(toBesu(to));
    recipient.setBalance(Wei.of(recipient.getBalance().getAsBigInteger().add(amount)));
  }

  @Override
  public void emitLog(Log log) {
    List<LogTopic> topics = log.topics().stream().map(LogTopic::create).toList();
    frame.addLog(new org.hyperledger.besu.datatypes.Log(toBesu(log.address()), log.data(), topics));
  }

  public static org.hyperledger.besu.datatypes.Address toBesu(Address address) {
    return org.hyperledger.besu.datatypes.Address.wrap(Bytes.wrap(address.toArray()));
  }

  public static Address fromBesu(org.hyperledger.besu.datatypes.Address address) {
    return Address.wrap(address.getBytes());
  }
}

package org.openledger.precompiles.host;

import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;

/**
 * What a chain gives the executor: the block, account state and log sink. Implemented by Besu's
 * adapter (over a {@code MessageFrame}), by the devnet's block builder, and by {@link
 * InMemoryHost} for tests.
 *
 * <p>The per-call facts (caller, value, static flag, calldata, gas) arrive with the {@link
 * Message}. The executor journals every change a call makes and hands the host only the changes
 * of a call that succeeded, in order; a host never sees a reverted or halted change, so it needs
 * no journal of its own for native calls.
 */
public interface Host {

  BlockContext block();

  /** The 32-byte word at {@code slot} of {@code account}'s storage; zero when never written. */
  Bytes32 storage(Address account, Bytes32 slot);

  void setStorage(Address account, Bytes32 slot, Bytes32 value);

  /** The native (OPEN) balance of {@code account} in wei. */
  BigInteger balance(Address account);

  /**
   * Moves {@code amount} wei from {@code from} to {@code to}. The executor has already checked
   * that {@code from} holds it; a host may still refuse with {@link IllegalStateException}.
   */
  void transfer(Address from, Address to, BigInteger amount);

  void emitLog(Log log);
}

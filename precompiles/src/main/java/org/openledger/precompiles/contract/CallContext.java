package org.openledger.precompiles.contract;

import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.host.BlockContext;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.storage.Storage;

/**
 * Everything a native contract may see and touch during one call. Every write goes to this
 * call's journal: it reaches the chain only if this call and every call around it succeed.
 * Storage is the contract's own; balances move only out of the contract's own account.
 */
public interface CallContext extends Storage {

  /** This contract's address ({@code address(this)}). */
  Address self();

  /** {@code msg.sender}: an account, or the native contract that called this one. */
  Address caller();

  /** {@code msg.value}, already credited to {@link #self()}. */
  BigInteger value();

  /** True in a static call: every write reverts with {@code WriteInStaticCall()}. */
  boolean isStatic();

  BlockContext block();

  GasSchedule gasSchedule();

  /** Gas this call still may meter; a metered operation past it halts the call (out of gas). */
  long gasLeft();

  /** Native (OPEN) balance of any account, as this call sees it. */
  BigInteger balanceOf(Address account);

  /** Sends {@code amount} wei from this contract to {@code to}; reverts with {@code InsufficientBalance} if short. */
  void transfer(Address to, BigInteger amount);

  /** Emits {@code event} with its arguments in declaration order. */
  void emit(EventSpec event, Object... args);

  /**
   * Calls {@code function} on the native contract at {@code target} and returns its decoded
   * output. A revert in the callee reverts this call with the same error (as Solidity's
   * high-level calls do); a halt reverts it with {@code NestedCallHalted(target)}.
   */
  Object call(Address target, FunctionSpec function, BigInteger value, Object... args);

  /** Like {@link #call} but hands back the callee's outcome instead of propagating a failure. */
  CallResult tryCall(Address target, FunctionSpec function, BigInteger value, Object... args);

  /** A raw call with prepared calldata; {@code isStatic} makes the callee's context static. */
  CallResult callRaw(Address target, Bytes calldata, BigInteger value, boolean isStatic);
}

package org.openledger.precompiles.executor;

import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.CallContext;
import org.openledger.precompiles.contract.EventSpec;
import org.openledger.precompiles.contract.FrameworkErrors;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.contract.Revert;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.host.BlockContext;
import org.openledger.precompiles.host.CallKind;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.host.Host;
import org.openledger.precompiles.host.Log;
import org.openledger.precompiles.host.Message;
import org.openledger.precompiles.storage.Slot;

/** One running call: the {@link CallContext} a contract sees, metering gas against its budget. */
final class Frame implements CallContext {

  /** A metered operation exceeded the gas the function declared: the call halts. */
  static final class OutOfGas extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutOfGas(String message) {
      super(message, null, false, false);
    }
  }

  private final Executor executor;
  private final Fork fork;
  private final Host host;
  private final Journal journal;
  private final Message message;
  private final boolean isStatic;
  private final int depth;
  private long gasLeft;

  Frame(Executor executor, Fork fork, Host host, Journal journal, Message message, boolean isStatic, int depth, long budget) {
    this.executor = executor;
    this.fork = fork;
    this.host = host;
    this.journal = journal;
    this.message = message;
    this.isStatic = isStatic;
    this.depth = depth;
    this.gasLeft = budget;
  }

  private void charge(long gas, String what) {
    if (gas > gasLeft) {
      gasLeft = 0;
      throw new OutOfGas(what + " needs " + gas + " gas, the declared budget has less left");
    }
    gasLeft -= gas;
  }

  private void charge(long gas, EventSpec event) {
    if (gas > gasLeft) charge(gas, "log " + event.name()); // the message is built only on failure
    gasLeft -= gas;
  }

  private void requireWritable() {
    if (isStatic) throw FrameworkErrors.WRITE_IN_STATIC_CALL.revert();
  }

  @Override public Address self() { return message.target(); }
  @Override public Address caller() { return message.caller(); }
  @Override public BigInteger value() { return message.value(); }
  @Override public boolean isStatic() { return isStatic; }
  @Override public BlockContext block() { return host.block(); }
  @Override public GasSchedule gasSchedule() { return fork.gas(); }
  @Override public long gasLeft() { return gasLeft; }

  @Override
  public Bytes32 load(Slot slot) {
    charge(fork.gas().storageRead(), "storage read");
    return journal.storage(self(), slot.key());
  }

  @Override
  public void store(Slot slot, Bytes32 value) {
    requireWritable();
    charge(fork.gas().storageWrite(), "storage write");
    journal.setStorage(self(), slot.key(), value);
  }

  @Override
  public BigInteger balanceOf(Address account) {
    charge(fork.gas().storageRead(), "balance read");
    return journal.balance(account);
  }

  @Override
  public void transfer(Address to, BigInteger amount) {
    requireWritable();
    Executor.nonNegative(amount);
    charge(fork.gas().transfer(), "transfer");
    if (!journal.transfer(self(), to, amount)) {
      throw FrameworkErrors.INSUFFICIENT_BALANCE.revert(self(), journal.balance(self()), amount);
    }
  }

  @Override
  public void emit(EventSpec event, Object... args) {
    requireWritable();
    Log log = event.toLog(self(), args);
    charge(fork.gas().log(log.topics().size(), log.data().size()), event);
    journal.log(log);
  }

  @Override
  public Object call(Address target, FunctionSpec function, BigInteger value, Object... args) {
    CallResult result = tryCall(target, function, value, args);
    return switch (result.status()) {
      case SUCCESS -> function.decodeOutput(result.output());
      case REVERT -> throw new Revert(null, result.output());
      case HALT -> throw FrameworkErrors.NESTED_CALL_HALTED.revert(target);
    };
  }

  @Override
  public CallResult tryCall(Address target, FunctionSpec function, BigInteger value, Object... args) {
    return callRaw(target, function.encodeCall(args), value, !function.mutability().writes());
  }

  @Override
  public CallResult callRaw(Address target, Bytes calldata, BigInteger value, boolean staticCall) {
    Executor.nonNegative(value);
    if (value.signum() > 0) requireWritable();
    charge(fork.gas().nestedCall(), "nested call");
    boolean childStatic = isStatic || staticCall;
    // The callee can use no more than its requirement, so that is all it is given: a callee that
    // halts burns its own requirement, never the rest of the caller's budget.
    long childGas = Math.min(gasLeft, executor.requirement(fork, target, calldata));
    Message child = new Message(childStatic ? CallKind.STATICCALL : CallKind.CALL, self(), target, value, calldata, childStatic, childGas);
    CallResult result = executor.run(fork, host, journal, child, depth + 1, true);
    gasLeft -= Math.min(gasLeft, result.gasUsed());
    return result;
  }
}

package org.openledger.precompiles.executor;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.abi.AbiCodec;
import org.openledger.precompiles.abi.MalformedAbiException;
import org.openledger.precompiles.contract.Args;
import org.openledger.precompiles.contract.FrameworkErrors;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.contract.NativeContract;
import org.openledger.precompiles.contract.Revert;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.host.CallKind;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.host.Host;
import org.openledger.precompiles.host.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs calls into native contracts: picks the fork in force at the host's block, charges gas
 * computed from the calldata, dispatches by selector, and journals every change so that a revert
 * or halt discards exactly the frame that failed. Stateless and thread-safe: all state is the
 * host's.
 *
 * <p>Order of checks, each one changing nothing when it fails: gas requirement (halt, all gas),
 * then call kind (DELEGATECALL/CALLCODE revert), selector, value to a non-payable function,
 * argument decoding, and finally the function body.
 */
public final class Executor {
  private static final Logger LOG = LoggerFactory.getLogger(Executor.class);

  /** Nested native calls deeper than this halt, far below the EVM's 1024 so a Java stack always suffices. */
  public static final int MAX_DEPTH = 64;

  private final ForkSchedule forks;

  public Executor(ForkSchedule forks) {
    this.forks = forks;
  }

  public ForkSchedule forks() {
    return forks;
  }

  /** Whether a native contract is in force at {@code address} at {@code block}. */
  public boolean isNativeContract(Address address, long block) {
    return forks.at(block).map(f -> f.contract(address) != null).orElse(false);
  }

  /**
   * The gas {@code calldata} requires at {@code target} in {@code block}, before anything runs
   * (what Besu's {@code gasRequirement} returns). Unknown selectors and short calldata cost the
   * per-call base.
   */
  public long gasRequirement(Address target, Bytes calldata, long block) {
    Optional<Fork> fork = forks.at(block);
    if (fork.isEmpty()) return 0;
    NativeContract contract = fork.get().contract(target);
    if (contract == null) return 0;
    return requirement(fork.get().gas(), contract, calldata);
  }

  /**
   * Executes a top-level call. The host has already moved {@code message.value()} to the target
   * (as the EVM does before it runs a precompile) and undoes that itself if this call fails. On
   * success, the call's changes reach the host in order; on failure, none do.
   */
  public CallResult execute(Host host, Message message) {
    Optional<Fork> fork = forks.at(host.block().number());
    if (fork.isEmpty() || fork.get().contract(message.target()) == null) {
      return CallResult.halt("no native contract at " + message.target() + " in block " + host.block().number(), message.gas());
    }
    Journal journal = new Journal(host);
    CallResult result = run(fork.get(), host, journal, message, 0, false);
    if (result.isSuccess()) {
      journal.commitToHost();
    }
    return result;
  }

  /**
   * Runs {@code message} in a child of {@code parent}. {@code moveValue}: nested calls move the
   * value inside the child's journal, so it returns to the caller if the callee fails.
   */
  CallResult run(Fork fork, Host host, Journal parent, Message message, int depth, boolean moveValue) {
    NativeContract contract = fork.contract(message.target());
    if (contract == null) {
      return CallResult.revert(FrameworkErrors.NO_NATIVE_CONTRACT.encode(message.target()), 0);
    }
    GasSchedule schedule = fork.gas();
    Bytes data = message.data();
    long required = requirement(schedule, contract, data);
    if (message.gas() < required) {
      return CallResult.halt("out of gas: needs " + required + ", given " + message.gas(), message.gas());
    }
    if (depth > MAX_DEPTH) {
      return CallResult.halt("native call depth above " + MAX_DEPTH, message.gas());
    }
    if (message.kind() == CallKind.DELEGATECALL || message.kind() == CallKind.CALLCODE) {
      return CallResult.revert(FrameworkErrors.DELEGATE_CALL_REFUSED.encode(), required);
    }
    if (data.size() < 4) {
      return CallResult.revert(FrameworkErrors.MALFORMED_CALLDATA.encode(), required);
    }
    FunctionSpec function = contract.spec().function(data.getInt(0));
    if (function == null) {
      return CallResult.revert(FrameworkErrors.UNKNOWN_SELECTOR.encode(data.slice(0, 4)), required);
    }
    if (message.value().signum() > 0 && function.mutability() != org.openledger.precompiles.contract.Mutability.PAYABLE) {
      return CallResult.revert(FrameworkErrors.NOT_PAYABLE.encode(message.value()), required);
    }
    Args args;
    try {
      byte[] raw = data.toArrayUnsafe();
      args = new Args(AbiCodec.decode(function.inputTypes(), raw, 4, raw.length - 4));
    } catch (MalformedAbiException e) {
      return CallResult.revert(FrameworkErrors.MALFORMED_CALLDATA.encode(), required);
    }

    Journal journal = parent.child();
    if (moveValue && !journal.transfer(message.caller(), message.target(), message.value())) {
      return CallResult.revert(
          FrameworkErrors.INSUFFICIENT_BALANCE.encode(message.caller(), journal.balance(message.caller()), message.value()), required);
    }
    boolean isStatic = message.isStatic() || !function.mutability().writes();
    Frame frame = new Frame(this, fork, host, journal, message, isStatic, depth, required - schedule.callBase(data.size()));
    try {
      Object output = contract.handler(function).handle(frame, args);
      Bytes returnData = Bytes.wrap(AbiCodec.encode(function.outputTypes(), outputs(function, output)));
      journal.commitToParent();
      return CallResult.success(returnData, required, depth == 0 ? journal.logs() : List.of());
    } catch (Revert revert) {
      return CallResult.revert(revert.data(), required);
    } catch (Frame.OutOfGas oog) {
      return CallResult.halt("out of gas in " + contract.spec().name() + "." + function.name() + ": " + oog.getMessage(), message.gas());
    } catch (RuntimeException | StackOverflowError fault) {
      // A Java exception escaping a contract is a bug in it. Halt: nothing is kept, all gas is
      // consumed, and the operator sees it.
      LOG.error("native contract {} faulted in {} (caller {}, block {}); call halted, no state changed",
          contract.spec().name(), function.signature(), message.caller(), host.block().number(), fault);
      return CallResult.halt("fault in " + contract.spec().name() + "." + function.name() + ": " + fault, message.gas());
    }
  }

  /** The requirement of a call to {@code target} under {@code fork}; 0 where no native contract is. */
  long requirement(Fork fork, Address target, Bytes data) {
    NativeContract contract = fork.contract(target);
    return contract == null ? 0 : requirement(fork.gas(), contract, data);
  }

  private static long requirement(GasSchedule schedule, NativeContract contract, Bytes data) {
    long base = schedule.callBase(data.size());
    if (data.size() < 4) return base;
    FunctionSpec function = contract.spec().function(data.getInt(0));
    if (function == null) return base;
    long body;
    try {
      body = function.gas().gas(schedule, data);
    } catch (RuntimeException undecodable) {
      // A rule that reads its arguments cannot price calldata that does not decode; such a call
      // pays the base and is then refused with MalformedCalldata by the decoder.
      return base;
    }
    if (body < 0) throw new IllegalStateException(function.signature() + " declares negative gas");
    return Math.addExact(base, body);
  }

  private static List<?> outputs(FunctionSpec function, Object output) {
    return switch (function.outputs().size()) {
      case 0 -> List.of();
      case 1 -> java.util.Collections.singletonList(output);
      default -> {
        if (!(output instanceof List<?> list)) {
          throw new IllegalStateException(function.signature() + " must return a List of " + function.outputs().size() + " values");
        }
        yield list;
      }
    };
  }

  static BigInteger nonNegative(BigInteger amount) {
    if (amount.signum() < 0) throw new IllegalArgumentException("negative amount " + amount);
    return amount;
  }
}

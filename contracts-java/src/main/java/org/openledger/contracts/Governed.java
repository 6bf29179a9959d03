package org.openledger.contracts;

import java.math.BigInteger;
import java.util.function.Function;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.CallContext;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.contract.EventSpec;
import org.openledger.precompiles.contract.Revert;
import org.openledger.precompiles.storage.Parameter;

/**
 * The governance plumbing every contract shares: only the Timelock acts for governance, a
 * parameter is set only within its bounds, and every change is logged. The custom errors and
 * events stay each contract's own (they are part of its interface), so a contract hands them in.
 */
public final class Governed {
  private Governed() {}

  /** Throws {@code refusal} of the caller unless the caller is the Timelock. */
  public static void requireTimelock(CallContext ctx, Function<Address, Revert> refusal) {
    if (!ctx.caller().equals(Addresses.TIMELOCK)) throw refusal.apply(ctx.caller());
  }

  /** A governance parameter and the closed range governance may set it within. */
  public record Bounded(Parameter parameter, BigInteger min, BigInteger max) {
    /** Throws {@code outOfRange(name, value, min, max)} unless {@code min ≤ value ≤ max}. */
    public void check(BigInteger value, ErrorSpec outOfRange) {
      if (value.compareTo(min) < 0 || value.compareTo(max) > 0) throw outOfRange.revert(parameter.label(), value, min, max);
    }
  }

  /** Stores {@code value} and logs {@code parameterSet(name, value)}. */
  public static void set(CallContext ctx, Parameter parameter, BigInteger value, EventSpec parameterSet) {
    parameter.write(ctx, value);
    ctx.emit(parameterSet, parameter.label(), value);
  }
}

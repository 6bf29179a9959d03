package org.openledger.precompiles.contract;

import java.util.HashMap;
import java.util.Map;

/**
 * Base class of a native contract: its {@link ContractSpec} plus one handler per function,
 * registered in the constructor with {@link #on}. Handlers are pure functions of the {@link
 * CallContext} and the decoded {@link Args}: all state lives in storage, never in fields, so
 * one instance serves every chain, block and thread.
 */
public abstract class NativeContract {

  /** A function's body. Returns the output: the value for one output, a List for several, null for none. */
  @FunctionalInterface
  public interface Handler {
    Object handle(CallContext ctx, Args args);
  }

  private final ContractSpec spec;
  private final Map<Integer, Handler> handlers = new HashMap<>();

  protected NativeContract(ContractSpec spec) {
    this.spec = spec;
  }

  protected final void on(FunctionSpec function, Handler handler) {
    if (spec.function(function.selectorInt()) != function) {
      throw new IllegalArgumentException(function + " is not declared in " + spec.name());
    }
    if (handlers.putIfAbsent(function.selectorInt(), handler) != null) {
      throw new IllegalArgumentException(function + " has two handlers");
    }
  }

  public final ContractSpec spec() {
    return spec;
  }

  /** The handler of {@code function}; a function declared without one is a programming error. */
  public final Handler handler(FunctionSpec function) {
    Handler h = handlers.get(function.selectorInt());
    if (h == null) throw new IllegalStateException(spec.name() + " has no handler for " + function);
    return h;
  }

  /** Fails fast, at fork assembly, if a declared function has no handler. */
  public final void checkComplete() {
    for (FunctionSpec f : spec.functions()) handler(f);
  }
}

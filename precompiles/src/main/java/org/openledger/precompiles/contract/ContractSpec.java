package org.openledger.precompiles.contract;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;

/** A native contract's complete interface: the single source of its Solidity file and ABI JSON. */
public final class ContractSpec {
  private final String name;
  private final String doc;
  private final List<StructSpec> structs;
  private final List<ErrorSpec> errors;
  private final List<EventSpec> events;
  private final List<FunctionSpec> functions;
  private final Map<Integer, FunctionSpec> bySelector = new HashMap<>();

  ContractSpec(String name, String doc, List<StructSpec> structs, List<ErrorSpec> errors, List<EventSpec> events, List<FunctionSpec> functions) {
    this.name = name;
    this.doc = doc;
    this.structs = List.copyOf(structs);
    this.errors = List.copyOf(errors);
    this.events = List.copyOf(events);
    this.functions = List.copyOf(functions);
    for (FunctionSpec f : functions) bySelector.put(f.selectorInt(), f);
  }

  /** The Solidity interface name, e.g. {@code IDatanets}. */
  public String name() { return name; }
  public String doc() { return doc; }
  public List<StructSpec> structs() { return structs; }
  /** The contract's own errors followed by the framework's. */
  public List<ErrorSpec> errors() { return errors; }
  public List<EventSpec> events() { return events; }
  public List<FunctionSpec> functions() { return functions; }

  /** The function with {@code selector}, or null. */
  public FunctionSpec function(int selector) {
    return bySelector.get(selector);
  }

  /** The function declared as {@code name}; for overloads, use the selector. */
  public FunctionSpec function(String name) {
    return functions.stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(this.name + " has no function " + name));
  }

  /** The declared error {@code revertData} carries, or null. */
  public ErrorSpec errorOf(Bytes revertData) {
    for (ErrorSpec e : errors) {
      if (e.matches(revertData)) return e;
    }
    return null;
  }

  /** A readable form of revert data: {@code AlreadySigned(0x12…, 0xab…)}, for logs and CLI messages. */
  public String describeRevert(Bytes revertData) {
    ErrorSpec e = errorOf(revertData);
    if (e == null) return "revert " + revertData.toHexString();
    try {
      return e.name() + e.decode(revertData).toString().replace('[', '(').replace(']', ')');
    } catch (RuntimeException malformed) {
      return e.name() + " (undecodable arguments " + revertData.toHexString() + ")";
    }
  }

  @Override
  public String toString() {
    return "interface " + name;
  }
}

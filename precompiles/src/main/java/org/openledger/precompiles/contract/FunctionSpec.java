package org.openledger.precompiles.contract;

import java.util.Arrays;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.abi.AbiCodec;
import org.openledger.precompiles.abi.AbiType;
import org.openledger.precompiles.gas.GasRule;
import org.openledger.precompiles.gas.GasSchedule;

/** An external function of a native contract: its ABI, mutability, documentation and gas rule. */
public record FunctionSpec(
    String name,
    List<Param> inputs,
    List<Param> outputs,
    Mutability mutability,
    String doc,
    GasRule gas,
    AbiType.Tuple inputTypes,
    AbiType.Tuple outputTypes,
    String signature,
    byte[] selector) {

  static FunctionSpec of(String name, List<Param> inputs, List<Param> outputs, Mutability mutability, String doc, GasRule gas) {
    AbiType.Tuple in = Declarations.tupleOf(inputs, null);
    AbiType.Tuple out = Declarations.tupleOf(outputs, null);
    String signature = name + in.canonical();
    return new FunctionSpec(name, List.copyOf(inputs), List.copyOf(outputs), mutability, doc, gas, in, out, signature, Keccak.selector(signature));
  }

  public byte[] selector() {
    return selector.clone();
  }

  /** The selector as an int, big-endian: the dispatch key. */
  public int selectorInt() {
    return ((selector[0] & 0xff) << 24) | ((selector[1] & 0xff) << 16) | ((selector[2] & 0xff) << 8) | (selector[3] & 0xff);
  }

  /** Calldata for a call of this function with {@code args}. */
  public Bytes encodeCall(Object... args) {
    return Bytes.wrap(AbiCodec.encodeCall(selector, inputTypes, Arrays.asList(args)));
  }

  /**
   * The gas a call of this function with {@code args} requires (per-call base plus its rule), as
   * the executor computes it: what a caller's own {@link GasRule} adds for a nested call, on top
   * of {@link GasSchedule#nestedCall()}.
   */
  public long requirement(GasSchedule schedule, Object... args) {
    Bytes calldata = encodeCall(args);
    return schedule.callBase(calldata.size()) + gas.gas(schedule, calldata);
  }

  /** {@link GasSchedule#nestedCall()} plus {@link #requirement}: what calling this function from another contract costs. */
  public long nestedCost(GasSchedule schedule, Object... args) {
    return schedule.nestedCall() + requirement(schedule, args);
  }

  /** Return data decoded: the value for one output, the list for several, null for none. */
  public Object decodeOutput(Bytes returnData) {
    List<Object> values = AbiCodec.decode(outputTypes, returnData.toArrayUnsafe());
    return switch (values.size()) {
      case 0 -> null;
      case 1 -> values.get(0);
      default -> values;
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FunctionSpec f && f.signature.equals(signature);
  }

  @Override
  public int hashCode() {
    return signature.hashCode();
  }

  @Override
  public String toString() {
    return "function " + signature;
  }
}

package org.openledger.precompiles.contract;

import java.util.Arrays;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.abi.AbiCodec;
import org.openledger.precompiles.abi.AbiType;

/** A Solidity custom error: reverts carry {@code selector ‖ abi.encode(args)}. */
public record ErrorSpec(String name, List<Param> params, String doc, AbiType.Tuple types, String signature, byte[] selector) {

  static ErrorSpec of(String name, List<Param> params, String doc) {
    AbiType.Tuple types = Declarations.tupleOf(params, null);
    String signature = name + types.canonical();
    return new ErrorSpec(name, List.copyOf(params), doc, types, signature, Keccak.selector(signature));
  }

  public byte[] selector() {
    return selector.clone();
  }

  /** The revert data for this error with {@code args}. */
  public Bytes encode(Object... args) {
    return Bytes.wrap(AbiCodec.encodeCall(selector, types, Arrays.asList(args)));
  }

  /** An exception to throw from a handler: {@code throw NOT_OWNER.revert(ctx.caller());}. */
  public Revert revert(Object... args) {
    return new Revert(this, encode(args));
  }

  /** Whether {@code revertData} is this error. */
  public boolean matches(Bytes revertData) {
    return revertData.size() >= 4 && Arrays.equals(revertData.slice(0, 4).toArrayUnsafe(), selector);
  }

  /** The arguments of a revert that {@link #matches} this error. */
  public List<Object> decode(Bytes revertData) {
    if (!matches(revertData)) throw new IllegalArgumentException("not a " + name + " error: " + revertData);
    byte[] data = revertData.toArrayUnsafe();
    return AbiCodec.decode(types, data, 4, data.length - 4);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ErrorSpec e && e.signature.equals(signature);
  }

  @Override
  public int hashCode() {
    return signature.hashCode();
  }

  @Override
  public String toString() {
    return "error " + signature;
  }
}

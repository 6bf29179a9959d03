package org.openledger.precompiles.host;

import java.math.BigInteger;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.precompiles.Address;

/**
 * One call into a native contract.
 *
 * @param kind how the contract was reached
 * @param caller {@code msg.sender}
 * @param target the native contract's address
 * @param value wei sent with the call ({@code msg.value}); the host has already moved it to the
 *     target, as the EVM does before it runs a precompile
 * @param data calldata: selector and ABI-encoded arguments
 * @param isStatic true inside a static context (a STATICCALL or anything it reaches)
 * @param gas the gas the call may use
 */
public record Message(CallKind kind, Address caller, Address target, BigInteger value, Bytes data, boolean isStatic, long gas) {
  public Message {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(caller);
    Objects.requireNonNull(target);
    Objects.requireNonNull(data);
    if (value.signum() < 0) throw new IllegalArgumentException("negative call value");
    if (gas < 0) throw new IllegalArgumentException("negative gas");
  }

  public static Message call(Address caller, Address target, BigInteger value, Bytes data, long gas) {
    return new Message(CallKind.CALL, caller, target, value, data, false, gas);
  }

  public static Message staticCall(Address caller, Address target, Bytes data, long gas) {
    return new Message(CallKind.STATICCALL, caller, target, BigInteger.ZERO, data, true, gas);
  }
}

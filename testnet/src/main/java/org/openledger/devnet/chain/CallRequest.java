package org.openledger.devnet.chain;

import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.precompiles.Address;

/**
 * An {@code eth_call} or {@code eth_estimateGas}: a message run against the head state and thrown away.
 *
 * @param from the caller (the zero address when not given)
 * @param gas the gas limit, or null for the block gas limit
 */
public record CallRequest(Address from, Address to, Long gas, BigInteger value, Bytes data) {
  public CallRequest {
    if (from == null) from = Address.ZERO;
    if (value == null) value = BigInteger.ZERO;
    if (data == null) data = Bytes.EMPTY;
  }
}

package org.openledger.devnet.transaction;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;

/**
 * A decoded, signature-checked transaction. Legacy and EIP-2930 transactions carry one gas
 * price, held here as both fee caps, so fee arithmetic has a single path.
 *
 * @param to the recipient; null for a contract creation (refused at admission)
 * @param v the signature's v as sent: {@code chainId * 2 + 35 + yParity} for legacy, yParity otherwise
 * @param raw the bytes as received; {@code hash = keccak(raw)}
 * @param sender the recovered signer
 */
public record Transaction(
    TransactionType type,
    long chainId,
    long nonce,
    BigInteger maxPriorityFeePerGas,
    BigInteger maxFeePerGas,
    long gasLimit,
    Address to,
    BigInteger value,
    Bytes data,
    List<AccessListEntry> accessList,
    BigInteger v,
    BigInteger r,
    BigInteger s,
    Bytes raw,
    Bytes32 hash,
    Address sender) {

  public Transaction {
    Objects.requireNonNull(type);
    Objects.requireNonNull(sender);
    accessList = List.copyOf(accessList);
  }

  public int yParity() {
    return type == TransactionType.LEGACY ? v.subtract(BigInteger.valueOf(35)).testBit(0) ? 1 : 0 : v.intValueExact();
  }

  public boolean isCreation() {
    return to == null;
  }

  /** The price per gas this transaction pays in a block with {@code baseFee}: min(maxFee, baseFee + tip). */
  public BigInteger effectiveGasPrice(BigInteger baseFee) {
    return maxFeePerGas.min(baseFee.add(maxPriorityFeePerGas));
  }

  /** The most this transaction can cost its sender: gasLimit × maxFeePerGas + value. */
  public BigInteger upfrontCost() {
    return BigInteger.valueOf(gasLimit).multiply(maxFeePerGas).add(value);
  }
}

package org.openledger.devnet.chain;

import java.math.BigInteger;
import org.openledger.devnet.transaction.InvalidTransactionException;
import org.openledger.precompiles.Address;

/** The refusals of the pool and the block builder, worded as geth words them. */
public final class Refusals {
  private Refusals() {}

  public static final String CONTRACT_CREATION =
      "contract creation is not supported: this devnet runs only OpenLedger's native contracts; deploy EVM contracts on "
          + "Hyperledger Besu with the OpenLedger plugin";

  public static InvalidTransactionException nonceTooLow(Address sender, long tx, long state) {
    return new InvalidTransactionException("nonce too low: address " + sender + ", tx: " + tx + " state: " + state);
  }

  public static InvalidTransactionException nonceTooHigh(Address sender, long tx, long next) {
    return new InvalidTransactionException("nonce too high: address " + sender + ", tx: " + tx + " state: " + next);
  }

  public static InvalidTransactionException insufficientFunds(Address sender, BigInteger have, BigInteger want) {
    return new InvalidTransactionException("insufficient funds for gas * price + value: address " + sender + " have " + have + " want " + want);
  }

  public static InvalidTransactionException intrinsicGasTooLow(long have, long want) {
    return new InvalidTransactionException("intrinsic gas too low: gas " + have + ", minimum needed " + want);
  }

  public static InvalidTransactionException feeCapTooLow(Address sender, BigInteger maxFee, BigInteger baseFee) {
    return new InvalidTransactionException(
        "max fee per gas less than block base fee: address " + sender + ", maxFeePerGas: " + maxFee + ", baseFee: " + baseFee);
  }

  public static InvalidTransactionException exceedsBlockGasLimit() {
    return new InvalidTransactionException("exceeds block gas limit");
  }
}

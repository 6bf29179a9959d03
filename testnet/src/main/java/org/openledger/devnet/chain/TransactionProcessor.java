package org.openledger.devnet.chain;

import java.math.BigInteger;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.devnet.state.BlockState;
import org.openledger.devnet.transaction.IntrinsicGas;
import org.openledger.devnet.transaction.Transaction;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.executor.Executor;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.host.Log;
import org.openledger.precompiles.host.Message;

/**
 * Applies one transaction to a block's state, as London does for a call:
 *
 * <ol>
 *   <li>checks (nothing changes if one fails): a recipient, intrinsic gas, fee cap ≥ base fee, the
 *       exact nonce, and {@code gasLimit × maxFeePerGas + value ≤ balance};
 *   <li>buys {@code gasLimit × effectiveGasPrice} and increments the nonce;
 *   <li>to a native contract: moves the value, runs the executor with {@code gasLimit − intrinsic};
 *       a revert or halt returns the value (status 0). To any other address: a plain OPEN transfer;
 *   <li>refunds the unused gas, burns {@code baseFee × gasUsed} and pays {@code (effectiveGasPrice −
 *       baseFee) × gasUsed} to the fee recipient.
 * </ol>
 *
 * So every wei is either in a balance or in the burned total, before and after.
 */
public final class TransactionProcessor {
  private final Executor executor;
  private final Address feeRecipient;

  public TransactionProcessor(Executor executor, Address feeRecipient) {
    this.executor = executor;
    this.feeRecipient = feeRecipient;
  }

  public Executor executor() {
    return executor;
  }

  /** What applying a transaction did. */
  public record Outcome(boolean success, long gasUsed, BigInteger effectiveGasPrice, List<Log> logs, Bytes output) {}

  /** @throws org.openledger.devnet.transaction.InvalidTransactionException when a check fails; the state is then unchanged */
  public Outcome apply(BlockState state, Transaction tx, BigInteger baseFee) {
    Address sender = tx.sender();
    if (tx.isCreation()) throw new org.openledger.devnet.transaction.InvalidTransactionException(Refusals.CONTRACT_CREATION);
    long intrinsic = IntrinsicGas.of(tx);
    if (tx.gasLimit() < intrinsic) throw Refusals.intrinsicGasTooLow(tx.gasLimit(), intrinsic);
    if (tx.maxFeePerGas().compareTo(baseFee) < 0) throw Refusals.feeCapTooLow(sender, tx.maxFeePerGas(), baseFee);
    long nonce = state.nonce(sender);
    if (tx.nonce() < nonce) throw Refusals.nonceTooLow(sender, tx.nonce(), nonce);
    if (tx.nonce() > nonce) throw Refusals.nonceTooHigh(sender, tx.nonce(), nonce);
    BigInteger balance = state.balance(sender);
    if (balance.compareTo(tx.upfrontCost()) < 0) throw Refusals.insufficientFunds(sender, balance, tx.upfrontCost());

    BigInteger price = tx.effectiveGasPrice(baseFee);
    state.debit(sender, price.multiply(BigInteger.valueOf(tx.gasLimit())));
    state.setNonce(sender, nonce + 1);

    boolean success;
    long gasUsed = intrinsic;
    List<Log> logs = List.of();
    Bytes output = Bytes.EMPTY;
    Address to = tx.to();
    if (executor.isNativeContract(to, state.block().number())) {
      state.transfer(sender, to, tx.value());
      CallResult result = executor.execute(state, Message.call(sender, to, tx.value(), tx.data(), tx.gasLimit() - intrinsic));
      gasUsed += result.gasUsed();
      success = result.isSuccess();
      List<Log> emitted = state.takeLogs();
      if (success) {
        logs = emitted;
      } else {
        state.transfer(to, sender, tx.value());
        output = result.output();
      }
    } else {
      state.transfer(sender, to, tx.value());
      success = true;
    }

    state.credit(sender, price.multiply(BigInteger.valueOf(tx.gasLimit() - gasUsed)));
    BigInteger used = BigInteger.valueOf(gasUsed);
    state.burn(baseFee.multiply(used));
    state.credit(feeRecipient, price.subtract(baseFee).multiply(used));
    return new Outcome(success, gasUsed, price, logs, output);
  }
}

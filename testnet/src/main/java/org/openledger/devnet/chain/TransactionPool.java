package org.openledger.devnet.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.devnet.state.WorldState;
import org.openledger.devnet.transaction.IntrinsicGas;
import org.openledger.devnet.transaction.InvalidTransactionException;
import org.openledger.devnet.transaction.Transaction;
import org.openledger.precompiles.Address;

/**
 * Transactions admitted but not yet in a block, in arrival order. Each sender's transactions form
 * a gap-free run of nonces starting at its account nonce: a nonce above the next expected one is
 * refused ("nonce too high"), not queued, so every pending transaction can be included as soon as
 * its predecessors are. Funds are checked against everything the sender already has pending, so
 * an admitted transaction cannot fail for want of OPEN when its block is built (a sender's balance
 * only falls by its own transactions). Replacing a pending transaction is not supported. The pool
 * is memory only: pending transactions do not survive a restart.
 */
public final class TransactionPool {
  public static final String ALREADY_KNOWN = "already known";
  public static final String POOL_FULL = "txpool is full";
  public static final String REPLACEMENT =
      "replacement transaction not supported: a transaction with this nonce is already pending";

  private record Sender(long count, BigInteger cost) {}

  private final int capacity;
  private final LinkedHashMap<Bytes32, Transaction> byHash = new LinkedHashMap<>();
  private final Map<Address, Sender> senders = new HashMap<>();

  public TransactionPool(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Admits {@code tx} against the head state, the next block's base fee and the block gas limit.
   *
   * @throws InvalidTransactionException with geth's message when refused; nothing changes then
   */
  public synchronized void add(Transaction tx, WorldState world, BigInteger baseFee, long blockGasLimit) {
    if (byHash.containsKey(tx.hash())) throw new InvalidTransactionException(ALREADY_KNOWN);
    if (byHash.size() >= capacity) throw new InvalidTransactionException(POOL_FULL);
    if (tx.isCreation()) throw new InvalidTransactionException(Refusals.CONTRACT_CREATION);
    if (tx.gasLimit() > blockGasLimit) throw Refusals.exceedsBlockGasLimit();
    long intrinsic = IntrinsicGas.of(tx);
    if (tx.gasLimit() < intrinsic) throw Refusals.intrinsicGasTooLow(tx.gasLimit(), intrinsic);
    if (tx.maxFeePerGas().compareTo(baseFee) < 0) throw Refusals.feeCapTooLow(tx.sender(), tx.maxFeePerGas(), baseFee);
    Address from = tx.sender();
    long accountNonce = world.nonce(from);
    Sender pending = senders.getOrDefault(from, new Sender(0, BigInteger.ZERO));
    long next = accountNonce + pending.count();
    if (tx.nonce() < accountNonce) throw Refusals.nonceTooLow(from, tx.nonce(), accountNonce);
    if (tx.nonce() < next) throw new InvalidTransactionException(REPLACEMENT);
    if (tx.nonce() > next) throw Refusals.nonceTooHigh(from, tx.nonce(), next);
    BigInteger want = pending.cost().add(tx.upfrontCost());
    BigInteger have = world.balance(from);
    if (have.compareTo(want) < 0) throw Refusals.insufficientFunds(from, have, want);
    byHash.put(tx.hash(), tx);
    senders.put(from, new Sender(pending.count() + 1, want));
    notifyAll();
  }

  /** Pending transactions in arrival order (per sender, that is nonce order). */
  public synchronized List<Transaction> pending() {
    return new ArrayList<>(byHash.values());
  }

  /**
   * At most {@code max} pending transactions in arrival order, after the first {@code skip}: the
   * block builder reads the pool a block's worth at a time instead of copying a backlog that can
   * hold 10^5 transactions. Positions are stable while it reads, since admission only appends and
   * only the builder removes.
   */
  public synchronized List<Transaction> pending(int skip, int max) {
    List<Transaction> out = new ArrayList<>(Math.min(max, Math.max(0, byHash.size() - skip)));
    var it = byHash.values().iterator();
    for (int i = 0; i < skip && it.hasNext(); i++) it.next();
    while (out.size() < max && it.hasNext()) out.add(it.next());
    return out;
  }

  public synchronized int size() {
    return byHash.size();
  }

  public synchronized Optional<Transaction> get(Bytes32 hash) {
    return Optional.ofNullable(byHash.get(hash));
  }

  /** How many transactions {@code sender} has pending. */
  public synchronized long pendingCount(Address sender) {
    Sender s = senders.get(sender);
    return s == null ? 0 : s.count();
  }

  /**
   * Removes transactions that left the pool: included in a block (their cost is now in the state)
   * or dropped by the block builder (with every later transaction of their sender, whose nonces
   * can no longer follow).
   */
  public synchronized void remove(Collection<Transaction> gone) {
    // A block holds runs of the same senders: settle each sender once, not once per transaction.
    Map<Address, Sender> removed = new HashMap<>();
    for (Transaction tx : gone) {
      if (byHash.remove(tx.hash()) == null) continue;
      removed.merge(tx.sender(), new Sender(1, tx.upfrontCost()), (a, b) -> new Sender(a.count() + b.count(), a.cost().add(b.cost())));
    }
    removed.forEach((sender, r) -> {
      Sender s = senders.get(sender);
      if (s.count() == r.count()) senders.remove(sender);
      else senders.put(sender, new Sender(s.count() - r.count(), s.cost().subtract(r.cost())));
    });
  }

  /** Waits up to {@code millis} for the pool to hold a transaction; true if it does. */
  public synchronized boolean awaitPending(long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (byHash.isEmpty()) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) return false;
      wait(left);
    }
    return true;
  }
}

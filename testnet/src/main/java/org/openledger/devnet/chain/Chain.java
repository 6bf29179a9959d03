package org.openledger.devnet.chain;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.devnet.genesis.Genesis;
import org.openledger.devnet.genesis.GenesisConfig;
import org.openledger.devnet.genesis.GenesisException;
import org.openledger.devnet.rlp.Rlp;
import org.openledger.devnet.state.BlockState;
import org.openledger.devnet.state.WorldState;
import org.openledger.devnet.state.WriteSet;
import org.openledger.devnet.store.ChainStore;
import org.openledger.devnet.store.StoredTransaction;
import org.openledger.devnet.transaction.IntrinsicGas;
import org.openledger.devnet.transaction.InvalidTransactionException;
import org.openledger.devnet.transaction.Transaction;
import org.openledger.devnet.transaction.TransactionDecoder;
import org.openledger.devnet.crypto.SenderRecovery;
import org.openledger.governance.GovernanceContracts;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.executor.Executor;
import org.openledger.precompiles.executor.Fork;
import org.openledger.precompiles.executor.ForkSchedule;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.host.BlockContext;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.host.Log;
import org.openledger.precompiles.host.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devnet's chain: genesis, the pool, block sealing, and every read the JSON-RPC methods need.
 *
 * <p>Threads: transactions are decoded and their senders recovered on the callers' threads ({@link
 * #submit}); blocks are sealed one at a time ({@link #seal} holds the seal lock). A block becomes
 * visible — head, state, receipts — only after its RocksDB batch is durable.
 */
public final class Chain implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Chain.class);
  public static final int DEFAULT_POOL_CAPACITY = 200_000;

  private final GenesisConfig genesis;
  private final ChainStore store;
  private final WorldState world = new WorldState();
  private final Executor executor;
  private final TransactionDecoder decoder;
  private final TransactionProcessor processor;
  private final TransactionPool pool;
  private final Clock clock;
  private final Object sealLock = new Object();
  private final List<Consumer<Block>> listeners = new CopyOnWriteArrayList<>();
  private volatile Block head;

  private Chain(GenesisConfig genesis, ChainStore store, SenderRecovery recovery, int poolCapacity, Clock clock) {
    this.genesis = genesis;
    this.store = store;
    this.executor = new Executor(forks());
    this.decoder = new TransactionDecoder(genesis.chainId(), recovery);
    this.processor = new TransactionProcessor(executor, genesis.feeRecipient());
    this.pool = new TransactionPool(poolCapacity);
    this.clock = clock;
  }

  /** OpenLedger's native contracts and gas schedule V1, in force from block 0. */
  public static ForkSchedule forks() {
    return ForkSchedule.of(new Fork("openledger-v1", 0, GasSchedule.V1, GovernanceContracts.instancesWithCatalog()));
  }

  /**
   * Opens the chain in {@code dataDir}, writing genesis on first use; afterwards resumes from the
   * last committed block, refusing a data directory whose chain has another genesis.
   */
  public static Chain open(Path dataDir, GenesisConfig genesis, SenderRecovery recovery, int poolCapacity, Clock clock) {
    ChainStore store = ChainStore.open(dataDir);
    Chain chain = new Chain(genesis, store, recovery, poolCapacity, clock);
    try {
      chain.start();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return chain;
  }

  public static Chain open(Path dataDir, GenesisConfig genesis, SenderRecovery recovery) {
    return open(dataDir, genesis, recovery, DEFAULT_POOL_CAPACITY, Clock.systemUTC());
  }

  private void start() {
    BlockState state = new BlockState(new WorldState(), new BlockContext(0, genesis.timestamp(), genesis.chainId()));
    Genesis.apply(genesis, state, executor);
    WriteSet writes = state.writeSet();
    BlockHeader header = new BlockHeader(Bytes32.ZERO, genesis.feeRecipient(), writes.chainRoot(Bytes32.ZERO), OrderedTrie.EMPTY_ROOT,
        OrderedTrie.EMPTY_ROOT, LogsBloom.EMPTY, 0, genesis.gasLimit(), 0, genesis.timestamp(), genesis.extraData(), genesis.baseFeePerGas());
    Block genesisBlock = new Block(header, header.hash(), List.of(), blockSize(header, List.of()));
    Optional<Long> stored = store.head();
    if (stored.isEmpty()) {
      store.commit(genesisBlock, List.of(), List.of(), writes);
      world.apply(writes);
      head = genesisBlock;
      LOG.info("new chain {} with genesis {}", genesis.chainId(), genesisBlock.hash());
      return;
    }
    Bytes32 storedGenesis = store.genesisHash().orElseThrow();
    if (!storedGenesis.equals(genesisBlock.hash())) {
      throw new GenesisException("the data directory holds a chain with genesis " + storedGenesis + " but this genesis is "
          + genesisBlock.hash() + "; use another data directory or the genesis it was created with");
    }
    store.loadState(world);
    head = store.block(stored.get()).orElseThrow(() -> new IllegalStateException("head block " + stored.get() + " missing"));
    LOG.info("resumed chain {} at block {} ({})", genesis.chainId(), head.number(), head.hash());
  }

  // ------------------------------------------------------------------ writes

  /**
   * Decodes, checks and pools a raw transaction; returns its hash. Recovery runs on the caller's
   * thread, so concurrent callers recover in parallel.
   */
  public Bytes32 submit(byte[] raw) {
    Transaction tx = decoder.decode(raw);
    submit(tx);
    return tx.hash();
  }

  public void submit(Transaction tx) {
    synchronized (pool) {
      pool.add(tx, world, nextBaseFee(), genesis.gasLimit());
    }
  }

  /** Seals one block from the pool (possibly empty) and makes it the head once it is durable. */
  public Block seal() {
    synchronized (sealLock) {
      Block parent = head;
      long number = parent.number() + 1;
      long timestamp = Math.max(clock.millis() / 1000, parent.header().timestamp() + 1);
      BigInteger baseFee = nextBaseFee(parent.header());
      long gasLimit = genesis.gasLimit();
      BlockState state = new BlockState(world, new BlockContext(number, timestamp, genesis.chainId()));

      List<Transaction> included = new ArrayList<>();
      List<TransactionProcessor.Outcome> outcomes = new ArrayList<>();
      List<Transaction> dropped = new ArrayList<>();
      Set<Address> waiting = new HashSet<>();
      Set<Address> droppedSenders = new HashSet<>();
      long gasUsed = 0;
      // The pool is read a block's worth at a time, and reading stops once no transaction fits
      // (less gas left than the cheapest one needs): a backlog is neither copied nor scanned.
      int chunk = (int) Math.max(1, Math.min(Integer.MAX_VALUE, gasLimit / IntrinsicGas.TRANSACTION));
      int read = 0;
      List<Transaction> candidates;
      fill:
      do {
        candidates = pool.pending(read, chunk);
        read += candidates.size();
        for (Transaction tx : candidates) {
          if (gasLimit - gasUsed < IntrinsicGas.TRANSACTION) break fill;
          Address from = tx.sender();
          if (droppedSenders.contains(from)) {
            dropped.add(tx);
            continue;
          }
          if (waiting.contains(from)) continue;
          if (gasUsed + tx.gasLimit() > gasLimit || tx.maxFeePerGas().compareTo(baseFee) < 0) {
            waiting.add(from); // its later nonces must wait too
            continue;
          }
          try {
            TransactionProcessor.Outcome outcome = processor.apply(state, tx, baseFee);
            included.add(tx);
            outcomes.add(outcome);
            gasUsed += outcome.gasUsed();
          } catch (InvalidTransactionException e) {
            // Admission rules make this unreachable; if it happens, the sender's run cannot continue.
            LOG.warn("dropping {} from {} at block {}: {}", tx.hash(), from, number, e.getMessage());
            dropped.add(tx);
            droppedSenders.add(from);
          }
        }
      } while (candidates.size() == chunk);

      WriteSet writes = state.writeSet();
      List<byte[]> txEncodings = new ArrayList<>(included.size());
      for (Transaction tx : included) txEncodings.add(tx.raw().toArrayUnsafe());
      List<Receipt> unhashed = receipts(included, outcomes, number, Bytes32.ZERO);
      List<byte[]> receiptEncodings = new ArrayList<>(unhashed.size());
      byte[] bloom = new byte[LogsBloom.BYTES];
      for (Receipt r : unhashed) {
        receiptEncodings.add(r.consensusEncoding());
        for (Log l : r.logs()) LogsBloom.add(bloom, l);
      }
      BlockHeader header = new BlockHeader(parent.hash(), genesis.feeRecipient(), writes.chainRoot(parent.header().stateRoot()),
          OrderedTrie.root(txEncodings), OrderedTrie.root(receiptEncodings), Bytes.wrap(bloom), number, gasLimit, gasUsed, timestamp,
          genesis.extraData(), baseFee);
      Bytes32 hash = header.hash();
      List<Bytes32> hashes = included.stream().map(Transaction::hash).toList();
      Block block = new Block(header, hash, hashes, blockSize(header, included));
      List<Receipt> receipts = receipts(included, outcomes, number, hash);
      List<StoredTransaction> stored = new ArrayList<>(included.size());
      for (int i = 0; i < included.size(); i++) stored.add(new StoredTransaction(included.get(i).hash(), included.get(i).raw(), included.get(i).sender(), number, hash, i));

      store.commit(block, stored, receipts, writes);
      synchronized (pool) {
        world.apply(writes);
        head = block;
        pool.remove(included);
        pool.remove(dropped);
      }
      for (Consumer<Block> l : listeners) l.accept(block);
      return block;
    }
  }

  /** Seals {@code count} blocks, the first with whatever is pending. */
  public Block mine(int count) {
    Block last = head;
    for (int i = 0; i < count; i++) last = seal();
    return last;
  }

  private List<Receipt> receipts(List<Transaction> txs, List<TransactionProcessor.Outcome> outcomes, long number, Bytes32 blockHash) {
    List<Receipt> out = new ArrayList<>(txs.size());
    long cumulative = 0;
    int logIndex = 0;
    for (int i = 0; i < txs.size(); i++) {
      Transaction tx = txs.get(i);
      TransactionProcessor.Outcome o = outcomes.get(i);
      cumulative += o.gasUsed();
      out.add(new Receipt(tx.hash(), i, number, blockHash, tx.type(), tx.sender(), tx.to(), o.success(), o.gasUsed(), cumulative,
          o.effectiveGasPrice(), o.logs(), logIndex, o.output()));
      logIndex += o.logs().size();
    }
    return out;
  }

  /** The length of {@code rlp([header, transactions, []])}, computed without encoding the body again. */
  private static long blockSize(BlockHeader header, List<Transaction> txs) {
    long body = 0;
    for (Transaction tx : txs) {
      // In a block body a legacy transaction is its RLP list; a typed one is a byte string of type ‖ payload.
      int size = tx.raw().size();
      body += tx.type() == org.openledger.devnet.transaction.TransactionType.LEGACY ? size : Rlp.bytesLength(size, tx.raw().get(0));
    }
    return Rlp.listLength(header.rlp().length + Rlp.listLength(body) + Rlp.listLength(0));
  }

  public void onBlock(Consumer<Block> listener) {
    listeners.add(listener);
  }

  // ------------------------------------------------------------------ reads

  public GenesisConfig genesis() {
    return genesis;
  }

  public long chainId() {
    return genesis.chainId();
  }

  public Block head() {
    return head;
  }

  public WorldState state() {
    return world;
  }

  public TransactionPool pool() {
    return pool;
  }

  public TransactionDecoder decoder() {
    return decoder;
  }

  public Executor executor() {
    return executor;
  }

  public ChainStore store() {
    return store;
  }

  public Optional<Block> block(long number) {
    Block h = head;
    if (number > h.number() || number < 0) return Optional.empty();
    if (number == h.number()) return Optional.of(h);
    return store.block(number);
  }

  public Optional<Block> block(Bytes32 hash) {
    Block h = head;
    if (h.hash().equals(hash)) return Optional.of(h);
    return store.numberOf(hash).filter(n -> n <= h.number()).flatMap(this::block);
  }

  /** An included transaction with where it is. */
  public record Included(Transaction transaction, StoredTransaction location) {}

  public Optional<Included> includedTransaction(Bytes32 hash) {
    return store.transaction(hash).filter(s -> s.blockNumber() <= head.number())
        .map(s -> new Included(decoder.decodeStored(s.raw().toArrayUnsafe(), s.sender()), s));
  }

  public Optional<Receipt> receipt(Bytes32 hash) {
    return store.receipt(hash).filter(r -> r.blockNumber() <= head.number());
  }

  /** The receipts of a block, in order. */
  public List<Receipt> receipts(Block block) {
    List<Receipt> out = new ArrayList<>(block.transactionHashes().size());
    for (Bytes32 h : block.transactionHashes()) out.add(store.receipt(h).orElseThrow());
    return out;
  }

  /** The account's nonce after its pending transactions: what its next transaction must use. */
  public long pendingNonce(Address account) {
    synchronized (pool) {
      return world.nonce(account) + pool.pendingCount(account);
    }
  }

  /** The next block's base fee. */
  public BigInteger nextBaseFee() {
    return nextBaseFee(head.header());
  }

  private BigInteger nextBaseFee(BlockHeader parent) {
    return BaseFee.next(parent.baseFeePerGas(), parent.gasUsed(), parent.gasLimit(), genesis.minBaseFeePerGas());
  }

  /** The total of base fees burned so far. */
  public BigInteger burned() {
    return world.burned();
  }

  /**
   * Runs a call against the head state, in the context of the next block, and discards its
   * changes. {@code gas} covers the intrinsic gas as in a transaction.
   *
   * @throws InvalidTransactionException for what a transaction would be refused for (intrinsic gas, funds for the value, creation)
   */
  public Simulation simulate(CallRequest request) {
    if (request.to() == null) throw new InvalidTransactionException(Refusals.CONTRACT_CREATION);
    long gas = request.gas() == null ? genesis.gasLimit() : request.gas();
    long intrinsic = IntrinsicGas.of(request.data(), List.of());
    if (gas < intrinsic) throw Refusals.intrinsicGasTooLow(gas, intrinsic);
    Block h = head;
    world.lock().readLock().lock();
    try {
      BlockState state = new BlockState(world, new BlockContext(h.number() + 1, Math.max(clock.millis() / 1000, h.header().timestamp() + 1), chainId()));
      BigInteger balance = state.balance(request.from());
      if (balance.compareTo(request.value()) < 0) throw Refusals.insufficientFunds(request.from(), balance, request.value());
      if (!executor.isNativeContract(request.to(), h.number() + 1)) {
        return new Simulation(CallResult.success(Bytes.EMPTY, 0, List.of()), intrinsic);
      }
      state.transfer(request.from(), request.to(), request.value());
      CallResult result = executor.execute(state, Message.call(request.from(), request.to(), request.value(), request.data(), gas - intrinsic));
      return new Simulation(result, intrinsic);
    } finally {
      world.lock().readLock().unlock();
    }
  }

  /** A simulated call and the intrinsic gas a transaction carrying it would pay on top. */
  public record Simulation(CallResult result, long intrinsicGas) {
    public long totalGas() {
      return intrinsicGas + result.gasUsed();
    }
  }

  @Override
  public void close() {
    synchronized (sealLock) {
      store.close();
    }
  }
}

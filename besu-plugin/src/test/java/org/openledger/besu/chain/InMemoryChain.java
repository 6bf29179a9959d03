package org.openledger.besu.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.hyperledger.besu.datatypes.Hash;
import org.hyperledger.besu.datatypes.LogTopic;
import org.hyperledger.besu.datatypes.LogsBloomFilter;
import org.hyperledger.besu.datatypes.Transaction;
import org.hyperledger.besu.evm.worldstate.WorldView;
import org.hyperledger.besu.plugin.data.BlockBody;
import org.hyperledger.besu.plugin.data.BlockContext;
import org.hyperledger.besu.plugin.data.BlockHeader;
import org.hyperledger.besu.plugin.data.TransactionReceipt;
import org.hyperledger.besu.plugin.services.BlockchainService;
import org.hyperledger.besu.plugin.services.WorldStateService;
import org.openledger.besu.adapter.FrameHost;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.host.Log;

/** Blocks of transactions with logs and a world state per block, behind Besu's BlockchainService and WorldStateService. */
public final class InMemoryChain implements BlockchainService, WorldStateService {
  /** A transaction as receipts show it: its hash and logs. */
  public record Tx(Bytes32 hash, List<Log> logs) {}

  private record Block(long number, long timestamp, Hash hash, Bytes bloom, List<Tx> txs, WorldView state)
      implements BlockContext, BlockHeader, BlockBody {
    @Override public BlockHeader getBlockHeader() { return this; }
    @Override public BlockBody getBlockBody() { return this; }
    @Override public long getNumber() { return number; }
    @Override public long getTimestamp() { return timestamp; }
    @Override public LogsBloomFilter getLogsBloom() { return new LogsBloomFilter(bloom); }
    @Override public Hash getBlockHash() { return hash; }
    @Override public List<? extends Transaction> getTransactions() { return txs.stream().map(t -> (Transaction) () -> Hash.wrap(t.hash())).toList(); }
  }

  private final List<Block> blocks = new ArrayList<>();
  private final Set<Long> pruned = new HashSet<>();
  public int receiptReads;
  /** World views handed out by getWorldView(hash), and how many of them were closed. */
  public int statesOpened, statesClosed;

  /** A view as Bonsai hands one out: a copy to close after use. */
  private final class ClosableView implements WorldView, AutoCloseable {
    private final WorldView state;

    ClosableView(WorldView state) {
      this.state = state;
      statesOpened++;
    }

    @Override public org.hyperledger.besu.evm.account.Account get(org.hyperledger.besu.datatypes.Address address) { return state.get(address); }
    @Override public void close() { statesClosed++; }
  }

  /** Appends the next block (numbers from 0) with {@code state} as its post-state. */
  public void add(WorldView state, List<Tx> txs) {
    long number = blocks.size();
    Bytes bloom = Bytes.wrap(new byte[256]);
    for (Tx tx : txs) {
      for (Log log : tx.logs()) {
        bloom = LogsBloom.with(bloom, log.address().toBytes());
        for (Bytes32 topic : log.topics()) bloom = LogsBloom.with(bloom, topic);
      }
    }
    Hash hash = Hash.wrap(Keccak.hash(Bytes.ofUnsignedLong(number)));
    blocks.add(new Block(number, 1_700_000_000L + 2 * number, hash, bloom, List.copyOf(txs), state));
  }

  public void add(WorldView state) {
    add(state, List.of());
  }

  /** Forgets the state of block {@code number}, as a Bonsai node does beyond its retained layers. */
  public void prune(long number) {
    pruned.add(number);
  }

  public BlockHeader header(long number) {
    return blocks.get((int) number);
  }

  @Override
  public Optional<BlockContext> getBlockByNumber(long number) {
    return number >= 0 && number < blocks.size() ? Optional.of(blocks.get((int) number)) : Optional.empty();
  }

  @Override
  public Optional<List<TransactionReceipt>> getReceiptsByBlockHash(Hash blockHash) {
    receiptReads++;
    return blocks.stream().filter(b -> b.hash().equals(blockHash)).findFirst().map(b -> b.txs().stream().map(InMemoryChain::receipt).toList());
  }

  private static TransactionReceipt receipt(Tx tx) {
    List<org.hyperledger.besu.plugin.data.Log> logs = tx.logs().stream().map(l -> (org.hyperledger.besu.plugin.data.Log) new org.hyperledger.besu.plugin.data.Log() {
      @Override public org.hyperledger.besu.datatypes.Address getLogger() { return FrameHost.toBesu(l.address()); }
      @Override public List<LogTopic> getTopics() { return l.topics().stream().map(LogTopic::create).toList(); }
      @Override public Bytes getData() { return l.data(); }
    }).toList();
    return new TransactionReceipt() {
      @Override public List<? extends org.hyperledger.besu.plugin.data.Log> getLogs() { return logs; }
      @Override public int getStatus() { return 1; }
    };
  }

  @Override
  public BlockHeader getChainHeadHeader() {
    return blocks.getLast();
  }

  @Override
  public Optional<BigInteger> getChainId() {
    return Optional.of(BigInteger.valueOf(1337));
  }

  @Override
  public WorldView getWorldView() {
    return blocks.getLast().state();
  }

  @Override
  public Optional<WorldView> getWorldView(Hash blockHash) {
    return blocks.stream().filter(b -> b.hash().equals(blockHash) && !pruned.contains(b.number())).findFirst().map(b -> new ClosableView(b.state()));
  }
}

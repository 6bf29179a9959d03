package org.openledger.besu.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.hyperledger.besu.datatypes.LogTopic;
import org.hyperledger.besu.evm.worldstate.WorldView;
import org.hyperledger.besu.plugin.data.BlockContext;
import org.hyperledger.besu.plugin.data.BlockHeader;
import org.hyperledger.besu.plugin.data.TransactionReceipt;
import org.hyperledger.besu.plugin.services.BlockchainService;
import org.hyperledger.besu.plugin.services.WorldStateService;
import org.openledger.besu.adapter.FrameHost;
import org.openledger.besu.rpc.Params.BlockRef;
import org.openledger.besu.rpc.RpcFailure;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.host.Log;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Blocks, world state and logs through Besu's BlockchainService and WorldStateService, for the read-only RPC methods. */
public final class ChainReader {
  /** A log with where it was emitted. */
  public record LocatedLog(Log log, long block, Bytes32 transactionHash) {}

  private static final Logger LOG = LoggerFactory.getLogger(ChainReader.class);

  private final BlockchainService blockchain;
  private final WorldStateService worldState;
  private final long maxScanBlocks;

  public ChainReader(BlockchainService blockchain, WorldStateService worldState, long maxScanBlocks) {
    this.blockchain = blockchain;
    this.worldState = worldState;
    this.maxScanBlocks = maxScanBlocks;
  }

  public long head() {
    return blockchain.getChainHeadHeader().getNumber();
  }

  public BlockHeader header(BlockRef ref) {
    if (ref.isLatest()) return blockchain.getChainHeadHeader();
    return block(ref.number()).getBlockHeader();
  }

  /**
   * {@code read} applied to the world state after {@code header}, which is then closed: Besu's
   * Bonsai hands out a rolled, frozen copy per query (a MutableWorldState, AutoCloseable), and
   * closes it after use in its own queries (BlockchainQueries.getAndMapWorldState). Besu keeps
   * recent states only (Bonsai: the last 512 blocks by default).
   */
  public <T> T withState(BlockHeader header, Function<WorldView, T> read) {
    Optional<WorldView> found = worldState.getWorldView(header.getBlockHash());
    WorldView view = found.orElseThrow(() -> RpcFailure.raise(RpcFailure.Kind.STATE_UNAVAILABLE,
        "the world state of block " + header.getNumber() + " is not available on this node (pruned); ask for a recent block or run an archive node"));
    try {
      return read.apply(view);
    } finally {
      if (view instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          LOG.warn("could not close the world state of block {}", header.getNumber(), e);
        }
      }
    }
  }

  /**
   * Every log of {@code emitter} in blocks {@code from}..{@code to} whose topics start with
   * {@code topics} (a null entry matches any topic), in chain order. Receipts are read only for
   * blocks whose bloom may hold the emitter and every given topic.
   */
  public List<LocatedLog> logs(long from, long to, Address emitter, List<Bytes32> topics) {
    if (from > to) throw RpcFailure.invalidParams("fromBlock " + from + " is after toBlock " + to);
    if (to - from + 1 > maxScanBlocks) {
      throw RpcFailure.raise(RpcFailure.Kind.RANGE_TOO_LARGE, "block range " + from + ".." + to + " spans " + (to - from + 1)
          + " blocks; at most " + maxScanBlocks + " per call (--plugin-openledger-rpc-max-blocks): narrow it with fromBlock/toBlock");
    }
    List<LocatedLog> out = new ArrayList<>();
    for (long n = from; n <= to; n++) {
      BlockContext block = block(n);
      BlockHeader header = block.getBlockHeader();
      Bytes bloom = header.getLogsBloom().getBytes();
      if (!LogsBloom.mayContain(bloom, emitter.toBytes())) continue;
      if (topics.stream().anyMatch(t -> t != null && !LogsBloom.mayContain(bloom, t))) continue;
      List<TransactionReceipt> receipts = blockchain.getReceiptsByBlockHash(header.getBlockHash()).orElse(List.of());
      var transactions = block.getBlockBody().getTransactions();
      for (int i = 0; i < receipts.size(); i++) {
        Bytes32 tx = Bytes32.wrap(transactions.get(i).getHash().getBytes());
        for (var log : receipts.get(i).getLogs()) {
          if (!FrameHost.fromBesu(log.getLogger()).equals(emitter)) continue;
          List<Bytes32> logTopics = log.getTopics().stream().map(LogTopic::getBytes).map(Bytes32::wrap).toList();
          if (matches(logTopics, topics)) out.add(new LocatedLog(new Log(emitter, logTopics, log.getData()), n, tx));
        }
      }
    }
    return out;
  }

  private static boolean matches(List<Bytes32> logTopics, List<Bytes32> wanted) {
    if (logTopics.size() < wanted.size()) return false;
    for (int i = 0; i < wanted.size(); i++) {
      if (wanted.get(i) != null && !wanted.get(i).equals(logTopics.get(i))) return false;
    }
    return true;
  }

  private BlockContext block(long number) {
    return blockchain.getBlockByNumber(number).orElseThrow(() -> RpcFailure.raise(RpcFailure.Kind.UNKNOWN_BLOCK,
        "block " + number + " is not on this node's chain (head " + head() + ")"));
  }
}

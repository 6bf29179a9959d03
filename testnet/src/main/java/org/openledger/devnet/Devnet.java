package org.openledger.devnet;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.openledger.devnet.chain.BlockProducer;
import org.openledger.devnet.chain.Chain;
import org.openledger.devnet.content.ContentStore;
import org.openledger.devnet.crypto.Recoveries;
import org.openledger.devnet.eth.EthMethods;
import org.openledger.devnet.eth.Limits;
import org.openledger.devnet.genesis.GenesisConfig;
import org.openledger.devnet.rpc.RpcMethod;

/**
 * One devnet node without its HTTP server: the chain in RocksDB, the content store, block
 * production, and the JSON-RPC methods for the server to serve. Closing it stops production and
 * closes the database; pending transactions are dropped (the pool is not persisted).
 */
public final class Devnet implements AutoCloseable {
  /**
   * @param blockInterval time between blocks; {@link Duration#ZERO} seals only on demand (and with automine)
   * @param automine seal a block as soon as a transaction is pending
   */
  public record Options(Path dataDir, GenesisConfig genesis, Duration blockInterval, boolean automine, Limits limits,
      int maxContentBytes, int poolCapacity) {
    public static Options defaults(Path dataDir) {
      return new Options(dataDir, GenesisConfig.defaultDevnet(), Duration.ofSeconds(1), false, Limits.DEFAULT,
          ContentStore.DEFAULT_MAX_BYTES, Chain.DEFAULT_POOL_CAPACITY);
    }

    public Options withGenesis(GenesisConfig g) {
      return new Options(dataDir, g, blockInterval, automine, limits, maxContentBytes, poolCapacity);
    }

    public Options withProduction(Duration interval, boolean auto) {
      return new Options(dataDir, genesis, interval, auto, limits, maxContentBytes, poolCapacity);
    }

    public Options withLimits(Limits l) {
      return new Options(dataDir, genesis, blockInterval, automine, l, maxContentBytes, poolCapacity);
    }
  }

  private final Chain chain;
  private final ContentStore content;
  private final BlockProducer producer;
  private final Map<String, RpcMethod> methods;

  private Devnet(Chain chain, ContentStore content, BlockProducer producer, Map<String, RpcMethod> methods) {
    this.chain = chain;
    this.content = content;
    this.producer = producer;
    this.methods = methods;
  }

  public static Devnet start(Options options) {
    Chain chain = Chain.open(options.dataDir(), options.genesis(), Recoveries.best(), options.poolCapacity(), Clock.systemUTC());
    ContentStore content = new ContentStore(chain.store(), options.maxContentBytes());
    BlockProducer producer = null;
    if (!options.blockInterval().isZero() || options.automine()) {
      producer = new BlockProducer(chain, options.blockInterval(), options.automine()).start();
    }
    return new Devnet(chain, content, producer, EthMethods.of(chain, content, options.limits()));
  }

  public Chain chain() {
    return chain;
  }

  public ContentStore content() {
    return content;
  }

  /** The JSON-RPC methods by name, for {@code JsonRpcServer}. */
  public Map<String, RpcMethod> methods() {
    return methods;
  }

  @Override
  public void close() {
    if (producer != null) producer.close();
    chain.close();
  }
}

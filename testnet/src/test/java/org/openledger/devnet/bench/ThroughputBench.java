package org.openledger.devnet.bench;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.devnet.Devnet;
import org.openledger.devnet.Wallets;
import org.openledger.devnet.crypto.Recoveries;
import org.openledger.devnet.genesis.GenesisConfig;
import org.openledger.devnet.transaction.TransactionDecoder;
import org.openledger.precompiles.Address;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/**
 * In-process throughput: N pre-signed OPEN transfers through admission (decode and sender recovery
 * on the submitting threads, in parallel) and automined blocks (single-threaded execution, one
 * synced RocksDB batch per block), against the single-thread recovery floor measured in the same
 * run on the same transactions. No JSON-RPC or HTTP: the chain's own ceiling.
 *
 * <p>{@code ./mvnw -pl testnet -am -Pbench -DskipTests package exec:exec -Dbench.transfers=40000}
 */
public final class ThroughputBench {
  private static final int SENDERS = 256;

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
    int threads = Runtime.getRuntime().availableProcessors();
    List<Credentials> senders = IntStream.range(0, SENDERS)
        .mapToObj(i -> Credentials.create(ECKeyPair.create(BigInteger.valueOf(0xbe11c4 + i)))).toList();
    GenesisConfig base = GenesisConfig.defaultDevnet();
    Map<Address, BigInteger> alloc = new LinkedHashMap<>(base.alloc());
    for (Credentials c : senders) alloc.put(Wallets.address(c), Wallets.OPEN.multiply(BigInteger.valueOf(1_000)));
    // Big blocks: the base fee then stays near its floor and a block holds what arrived while the last one sealed.
    GenesisConfig genesis = base.withAlloc(alloc).withGasLimit(2_000_000_000L);

    System.out.printf("signing %d transfers from %d senders on %d threads...%n", n, SENDERS, threads);
    byte[][] txs = new byte[n][];
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> fs = new ArrayList<>();
      for (int s = 0; s < SENDERS; s++) {
        int sender = s;
        fs.add(pool.submit(() -> {
          for (int i = sender, nonce = 0; i < n; i += SENDERS, nonce++) {
            txs[i] = Wallets.eip1559(senders.get(sender), nonce, Address.of(0xbeef00 + (i % 1000)), BigInteger.ONE, Bytes.EMPTY, 21_000,
                BigInteger.ZERO, Wallets.GWEI.multiply(BigInteger.valueOf(100)));
          }
        }));
      }
      for (Future<?> f : fs) f.get();
    }

    TransactionDecoder decoder = new TransactionDecoder(1337, Recoveries.best());
    for (int i = 0; i < Math.min(n, 2_000); i++) decoder.decode(txs[i]); // warm-up
    long t0 = System.nanoTime();
    for (byte[] tx : txs) decoder.decode(tx);
    double floor = n / ((System.nanoTime() - t0) / 1e9);

    double pipelined = pipelined(genesis, txs, threads, n);
    double[] phases = phases(genesis, txs, threads, n);
    System.out.printf("recovery: %s, threads: %d, transfers: %,d%n", decoder.recovery().name(), threads, n);
    System.out.printf("reference, single-thread decode+recovery: %,.0f tx/s%n", floor);
    System.out.printf("admission and automined blocks together: %,.0f tx/s = %.2f x reference%n", pipelined, pipelined / floor);
    System.out.printf("admission alone (%d threads):              %,.0f tx/s = %.2f x reference%n", threads, phases[0], phases[0] / floor);
    System.out.printf("sealing alone (execution + RocksDB):      %,.0f tx/s = %.2f x reference%n", phases[1], phases[1] / floor);
  }

  /** Submitting threads and the automining producer at once: what a node under load sustains. */
  private static double pipelined(GenesisConfig genesis, byte[][] txs, int threads, int n) throws Exception {
    Path dir = Files.createTempDirectory("devnet-bench");
    try (Devnet devnet = Devnet.start(Devnet.Options.defaults(dir).withGenesis(genesis).withProduction(Duration.ZERO, true))) {
      long start = System.nanoTime();
      submitAll(devnet, txs, threads);
      while (devnet.chain().pool().size() > 0) Thread.sleep(1);
      return n / ((System.nanoTime() - start) / 1e9);
    } finally {
      delete(dir);
    }
  }

  /** Admission with no producer running, then sealing what was admitted: the two costs apart. */
  private static double[] phases(GenesisConfig genesis, byte[][] txs, int threads, int n) throws Exception {
    Path dir = Files.createTempDirectory("devnet-bench");
    try (Devnet devnet = Devnet.start(Devnet.Options.defaults(dir).withGenesis(genesis).withProduction(Duration.ZERO, false))) {
      long t0 = System.nanoTime();
      submitAll(devnet, txs, threads);
      long t1 = System.nanoTime();
      while (devnet.chain().pool().size() > 0) devnet.chain().seal();
      long t2 = System.nanoTime();
      return new double[] {n / ((t1 - t0) / 1e9), n / ((t2 - t1) / 1e9)};
    } finally {
      delete(dir);
    }
  }

  /** Each thread submits whole senders, so every sender's nonces arrive in order. */
  private static void submitAll(Devnet devnet, byte[][] txs, int threads) throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        fs.add(pool.submit(() -> {
          for (int i = 0; i < txs.length; i++) {
            if ((i % SENDERS) % threads == first) devnet.chain().submit(txs[i]);
          }
        }));
      }
      for (Future<?> f : fs) f.get();
    }
  }

  private static void delete(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}

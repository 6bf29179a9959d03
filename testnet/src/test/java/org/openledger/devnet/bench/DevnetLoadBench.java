package org.openledger.devnet.bench;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.openledger.contracts.Addresses;
import org.openledger.devnet.crash.DevnetProcess;
import org.openledger.devnet.crypto.Recoveries;
import org.openledger.devnet.genesis.GenesisConfig;
import org.openledger.devnet.transaction.Transaction;
import org.openledger.devnet.transaction.TransactionDecoder;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;

/**
 * The devnet under load over JSON-RPC, end to end: a {@code DevnetMain} node (its own JVM, default
 * devnet genesis, automine), a {@link LoadSender} (another JVM) posting pre-signed transactions in
 * batches over several connections, and inclusion counted block by block. In the same run, in
 * this JVM, the single-thread floor of what every transaction costs the node at least: decoding
 * it and recovering its sender with native libsecp256k1. Prints the sustained rate as a multiple
 * of that floor.
 *
 * <p>The load: {@code SENDERS} fresh accounts, funded first by the five development accounts; of
 * every 100 transactions {@code callPercent} are {@code Staking.delegate(address)} calls through
 * the native-contract executor, the rest plain OPEN transfers to 1,000 fresh accounts. All are
 * EIP-1559 with no tip (the base fee is burned) and a 100,000 gwei fee cap, so a base fee driven up
 * by full blocks never strands them.
 *
 * <p>{@code ./mvnw -B -q -pl testnet -am -Pbench -DskipTests verify -Dbench.load.transactions=100000}
 * (arguments: transactions, connections, batch size, percent of calls).
 */
public final class DevnetLoadBench {
  private static final int SENDERS = 256;
  private static final int RECIPIENTS = 1_000;
  private static final BigInteger GWEI = BigInteger.TEN.pow(9);
  private static final BigInteger MAX_FEE = GWEI.multiply(BigInteger.valueOf(100_000));
  private static final long DELEGATE_GAS = 200_000;
  private static final int FLOOR_SAMPLE = 20_000;
  /** The secrets of the five development accounts (docs/devnet.md): public, development only. */
  private static final List<String> DEVELOPMENT_KEYS = List.of(
      "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
      "5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a", "7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
      "47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a");

  private DevnetLoadBench() {}

  record Planned(byte[] raw, Address sender, int connection, boolean call) {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 250;
    int callPercent = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    GenesisConfig genesis = GenesisConfig.defaultDevnet();
    NativeSigner signer = new NativeSigner(genesis.chainId());
    List<NativeSigner.Key> senders = IntStream.range(0, SENDERS).mapToObj(i -> signer.key(BigInteger.valueOf(0xbe11c4 + i))).toList();

    System.out.printf("signing %,d transactions (%d%% Staking.delegate calls) from %d senders...%n", n, callPercent, SENDERS);
    List<byte[]> funding = funding(signer, senders);
    List<Planned> load = load(signer, senders, n, connections, callPercent);

    double floorBefore = floor(genesis, load);
    Path dir = Files.createTempDirectory("devnet-load");
    String result;
    String gasPrice;
    try {
      Path txFile = dir.resolve("load.bin");
      write(txFile, load);
      List<String> nodeJvm = new ArrayList<>(List.of("-Xmx2g"));
      String extra = System.getProperty("bench.node.jvm", "").trim(); // e.g. a -XX:StartFlightRecording=... to profile the node
      if (!extra.isEmpty()) nodeJvm.addAll(List.of(extra.split("\\s+")));
      try (DevnetProcess node = DevnetProcess.start(dir.resolve("data"), 0, true, dir.resolve("node.log"), nodeJvm)) {
        fund(new JsonRpc(node.url()), funding);
        result = send(node.url(), txFile, connections, batch);
        gasPrice = new JsonRpc(node.url()).call("eth_gasPrice").asText();
      }
    } finally {
      delete(dir);
    }
    double floorAfter = floor(genesis, load);

    Map<String, String> r = new HashMap<>();
    for (String kv : result.substring("RESULT ".length()).split(" ")) r.put(kv.split("=")[0], kv.split("=")[1]);
    long included = Long.parseLong(r.get("included"));
    double seconds = Double.parseDouble(r.get("seconds"));
    double steady = Long.parseLong(r.get("steadyTx")) / Double.parseDouble(r.get("steadySeconds"));
    double whole = included / seconds;
    double floor = (floorBefore + floorAfter) / 2;
    double transferShare = 1 - callPercent / 100.0;
    System.out.printf("load: %,d transactions (%d%% Staking.delegate), %d connections, batches of %d, node automine%n", n, callPercent,
        connections, batch);
    System.out.printf("included %,d of %,d in %,d blocks (%.0f per block); %s refused; %s of %s sampled receipts with status 1;"
            + " next base fee %s wei%n", included, n, Long.parseLong(r.get("blocks")), included / Double.parseDouble(r.get("blocks")),
        r.get("errors"), r.get("checkedOk"), r.get("checked"), Long.decode(gasPrice));
    System.out.printf("reference, single-thread decode+recovery (%s): %,.0f tx/s (before %,.0f, after %,.0f)%n",
        Recoveries.best().name(), floor, floorBefore, floorAfter);
    System.out.printf("sustained (10%%-90%% of inclusions): %,.0f tx/s = %.2f x reference (%,.0f transfers/s)%n", steady, steady / floor,
        steady * transferShare);
    System.out.printf("whole run (first send to last block): %,.0f tx/s = %.2f x reference (%,.0f transfers/s); all accepted after %s s%n",
        whole, whole / floor, whole * transferShare, r.get("acceptSeconds"));
    if (included != n || !r.get("errors").equals("0") || !r.get("checked").equals(r.get("checkedOk"))) {
      System.err.println("the run is not valid: not every transaction was included with status 1");
      System.exit(1);
    }
  }

  /** Each development account funds every fifth sender with 10,000 OPEN. */
  private static List<byte[]> funding(NativeSigner signer, List<NativeSigner.Key> senders) {
    List<NativeSigner.Key> development = DEVELOPMENT_KEYS.stream().map(k -> signer.key(new BigInteger(k, 16))).toList();
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < senders.size(); i++) {
      out.add(signer.eip1559(development.get(i % 5), i / 5, GWEI, MAX_FEE, 21_000, senders.get(i).address(),
          BigInteger.TEN.pow(22), new byte[0]));
    }
    return out;
  }

  /** Transaction i is sender (i mod SENDERS)'s nonce i / SENDERS; a sender's transactions all go over one connection. */
  private static List<Planned> load(NativeSigner signer, List<NativeSigner.Key> senders, int n, int connections, int callPercent)
      throws Exception {
    Planned[] out = new Planned[n];
    int threads = Runtime.getRuntime().availableProcessors();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        done.add(pool.submit(() -> {
          for (int i = first; i < n; i += threads) {
            int s = i % SENDERS;
            boolean call = i % 100 < callPercent;
            Address recipient = Address.of(0xbeef0000L + (i * 7L) % RECIPIENTS);
            byte[] raw = call
                ? signer.eip1559(senders.get(s), i / SENDERS, BigInteger.ZERO, MAX_FEE, DELEGATE_GAS, Addresses.STAKING, BigInteger.ZERO,
                    delegate(recipient))
                : signer.eip1559(senders.get(s), i / SENDERS, BigInteger.ZERO, MAX_FEE, 21_000, recipient, BigInteger.valueOf(1 + i % 997),
                    new byte[0]);
            out[i] = new Planned(raw, senders.get(s).address(), s % connections, call);
          }
        }));
      }
      for (Future<?> f : done) f.get();
    }
    return List.of(out);
  }

  private static byte[] delegate(Address to) {
    byte[] data = new byte[36];
    System.arraycopy(Keccak.selector("delegate(address)"), 0, data, 0, 4);
    System.arraycopy(to.toArrayUnsafe(), 0, data, 16, 20);
    return data;
  }

  /** Single-thread decode and sender recovery over a sample, after a warm-up; checks every sender. */
  private static double floor(GenesisConfig genesis, List<Planned> load) {
    TransactionDecoder decoder = new TransactionDecoder(genesis.chainId(), Recoveries.best());
    List<Planned> sample = load.subList(0, Math.min(FLOOR_SAMPLE, load.size()));
    for (int i = 0; i < Math.min(2_000, sample.size()); i++) decoder.decode(sample.get(i).raw());
    long t0 = System.nanoTime();
    for (Planned p : sample) {
      Transaction tx = decoder.decode(p.raw());
      if (!tx.sender().equals(p.sender())) throw new IllegalStateException("signer bug: recovered " + tx.sender() + ", signed by " + p.sender());
    }
    return sample.size() / ((System.nanoTime() - t0) / 1e9);
  }

  private static void fund(JsonRpc rpc, List<byte[]> funding) throws Exception {
    List<Object> requests = new ArrayList<>();
    for (byte[] raw : funding) requests.add(JsonRpc.request(requests.size(), "eth_sendRawTransaction", JsonRpc.hex(raw)));
    for (var answer : rpc.post(JsonRpc.JSON.writeValueAsBytes(requests))) {
      if (answer.has("error")) throw new IllegalStateException("funding refused: " + answer.get("error"));
    }
    String last = JsonRpc.hex(Keccak.hash(funding.getLast()));
    long deadline = System.nanoTime() + 60_000_000_000L;
    for (String hash : funding.stream().map(raw -> JsonRpc.hex(Keccak.hash(raw))).toList()) {
      while (rpc.call("eth_getTransactionReceipt", hash).isNull()) {
        if (System.nanoTime() > deadline) throw new IllegalStateException("funding not included: " + hash + " (last " + last + ")");
        Thread.sleep(10);
      }
    }
  }

  private static String send(String url, Path txFile, int connections, int batch) throws IOException, InterruptedException {
    Process client = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx2g", "-cp",
        System.getProperty("java.class.path"), LoadSender.class.getName(), url, txFile.toString(), Integer.toString(connections),
        Integer.toString(batch))).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (client.waitFor() != 0) throw new IllegalStateException("the load sender failed: " + out);
    return out.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow(() -> new IllegalStateException("no RESULT: " + out));
  }

  private static void write(Path file, List<Planned> load) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      out.writeInt(load.size());
      for (int i = 0; i < load.size(); i++) {
        Planned p = load.get(i);
        out.writeInt(p.connection());
        out.writeBoolean(p.call() || i % 50 == 0);
        out.writeInt(p.raw().length);
        out.write(p.raw());
      }
    }
  }

  private static void delete(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}

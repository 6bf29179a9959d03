package org.openledger.devnet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.openledger.precompiles.Keccak;

/**
 * The load generator of {@link DevnetLoadBench}, a JVM of its own so that it does not share the
 * node's heap, JIT or scheduler: {@code LoadSender URL TX_FILE CONNECTIONS BATCH}. Each connection
 * is a thread that posts JSON-RPC batches of {@code eth_sendRawTransaction} one after the other
 * (batched, not pipelined: the next batch leaves when the last one is answered), so each sender's
 * nonces arrive in order. Another thread counts included transactions block by block
 * ({@code eth_getBlockTransactionCountByNumber}), which is what the rate is made of: a transaction
 * counts when the block holding it is the head, not when it is accepted. Finally every call and
 * every 50th transfer is checked to have a receipt with status 1. Prints one line,
 * {@code RESULT key=value ...}.
 */
public final class LoadSender {
  private static final long STALL_NANOS = 30_000_000_000L;

  private LoadSender() {}

  record Load(List<List<byte[]>> byConnection, List<byte[]> checked, int total) {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    Load load = read(Path.of(args[1]), Integer.parseInt(args[2]));
    int batch = Integer.parseInt(args[3]);
    List<List<byte[]>> bodies = new ArrayList<>();
    for (List<byte[]> txs : load.byConnection()) bodies.add(batches(txs, batch));

    JsonRpc monitor = new JsonRpc(url);
    long firstBlock = JsonRpc.quantity(monitor.call("eth_blockNumber")) + 1;
    LongAdder errors = new LongAdder();
    AtomicReference<String> firstError = new AtomicReference<>();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> senders = new ArrayList<>();
    long[] acceptedAt = new long[1];
    for (List<byte[]> connection : bodies) {
      senders.add(Thread.ofPlatform().start(() -> {
        JsonRpc rpc = new JsonRpc(url);
        try {
          go.await();
          for (byte[] body : connection) {
            for (JsonNode answer : rpc.post(body)) {
              if (answer.has("error")) {
                errors.increment();
                firstError.compareAndSet(null, answer.get("error").toString());
              }
            }
          }
        } catch (IOException | InterruptedException e) {
          firstError.compareAndSet(null, e.toString());
          errors.increment();
        } finally {
          rpc.close();
        }
      }));
    }

    long start = System.nanoTime();
    go.countDown();
    Thread acceptance = Thread.ofPlatform().start(() -> {
      for (Thread t : senders) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      acceptedAt[0] = System.nanoTime();
    });

    // Count inclusions until every transaction is in a block, or nothing moves for STALL_NANOS.
    long included = 0;
    long blocks = 0;
    long next = firstBlock;
    long at10 = -1;
    long at90 = -1;
    long lastProgress = System.nanoTime();
    long end = start;
    while (included < load.total() && System.nanoTime() - lastProgress < STALL_NANOS) {
      long head = JsonRpc.quantity(monitor.call("eth_blockNumber"));
      if (head < next) {
        Thread.sleep(2);
        continue;
      }
      List<Object> requests = new ArrayList<>();
      for (long n = next; n <= head; n++) requests.add(JsonRpc.request(n, "eth_getBlockTransactionCountByNumber", JsonRpc.quantity(n)));
      long now = System.nanoTime();
      for (JsonNode answer : monitor.post(JsonRpc.JSON.writeValueAsBytes(requests))) included += JsonRpc.quantity(answer.get("result"));
      blocks += head - next + 1;
      next = head + 1;
      lastProgress = now;
      end = now;
      if (at10 < 0 && included * 10 >= load.total()) at10 = now;
      if (at90 < 0 && included * 10 >= load.total() * 9L) at90 = now;
    }
    acceptance.join();

    long checked = 0;
    long ok = 0;
    for (int i = 0; i < load.checked().size(); i += 500) {
      List<Object> requests = new ArrayList<>();
      for (byte[] raw : load.checked().subList(i, Math.min(i + 500, load.checked().size()))) {
        requests.add(JsonRpc.request(requests.size(), "eth_getTransactionReceipt", JsonRpc.hex(Keccak.hash(raw))));
      }
      for (JsonNode answer : monitor.post(JsonRpc.JSON.writeValueAsBytes(requests))) {
        checked++;
        JsonNode r = answer.get("result");
        if (r != null && !r.isNull() && r.get("status").asText().equals("0x1")) ok++;
      }
    }
    monitor.close();
    if (firstError.get() != null) System.err.println("first error: " + firstError.get());
    System.out.printf("RESULT total=%d included=%d blocks=%d errors=%d seconds=%.3f acceptSeconds=%.3f steadyTx=%d steadySeconds=%.3f"
            + " checked=%d checkedOk=%d%n", load.total(), included, blocks, errors.sum(), (end - start) / 1e9, (acceptedAt[0] - start) / 1e9,
        at90 - at10 > 0 ? (long) (load.total() * 0.8) : 0, at90 - at10 > 0 ? (at90 - at10) / 1e9 : 0, checked, ok);
  }

  /**
   * The transaction file: an int count, then per transaction its connection, whether its receipt
   * is to be checked (a byte), its length and its bytes, in sending order.
   */
  private static Load read(Path file, int connections) throws IOException {
    List<List<byte[]>> byConnection = new ArrayList<>();
    for (int c = 0; c < connections; c++) byConnection.add(new ArrayList<>());
    List<byte[]> checked = new ArrayList<>();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        int connection = in.readInt();
        boolean check = in.readBoolean();
        byte[] raw = in.readNBytes(in.readInt());
        byConnection.get(connection % connections).add(raw);
        if (check) checked.add(raw);
      }
      return new Load(byConnection, checked, count);
    }
  }

  private static List<byte[]> batches(List<byte[]> txs, int size) throws IOException {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < txs.size(); i += size) {
      List<Map<String, Object>> requests = new ArrayList<>();
      for (int j = i; j < Math.min(i + size, txs.size()); j++) requests.add(JsonRpc.request(j, "eth_sendRawTransaction", JsonRpc.hex(txs.get(j))));
      out.add(JsonRpc.JSON.writeValueAsBytes(requests));
    }
    return out;
  }
}

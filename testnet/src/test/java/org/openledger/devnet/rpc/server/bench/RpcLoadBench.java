package org.openledger.devnet.rpc.server.bench;

import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openledger.telemetry.MetricsRegistry;
import org.openledger.devnet.rpc.server.JsonRpcServer;
import org.openledger.devnet.rpc.server.RpcLimits;

/**
 * Requests per second through {@link JsonRpcServer} for a trivial method, against two references
 * measured in the same run with the same client, body and connections: the raw-socket
 * {@link EchoServer} (the floor) and {@link JdkHttpEcho}, the JDK HTTP server with no JSON (what
 * the transport alone costs). The client is a separate JVM ({@link LoadClient}).
 *
 * <p>{@code ./mvnw -B -q -pl testnet -am -Pbench -DskipTests verify}
 * (args: seconds per run, connections, rounds).
 */
public final class RpcLoadBench {
  private static final String BODY =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"web3_clientVersion\",\"params\":[]}";

  private RpcLoadBench() {}

  record Run(long ok, long failed, double seconds) {
    double perSecond() {
      return ok / seconds;
    }
  }

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    System.out.printf("RPC load: %d keep-alive connections from a separate JVM, %.0f s per run, %d rounds,"
        + " body %d bytes%n", connections, seconds, rounds, BODY.getBytes(StandardCharsets.UTF_8).length);

    List<String> lines = new ArrayList<>();
    double[] ratios = new double[rounds];
    try (EchoServer echo = new EchoServer();
        JdkHttpEcho jdk = new JdkHttpEcho();
        JsonRpcServer rpc = JsonRpcServer.builder(Map.of(
                "web3_clientVersion", params -> TextNode.valueOf("OpenLedger/bench")))
            .bind("127.0.0.1", 0).metrics(new MetricsRegistry())
            .limits(RpcLimits.DEFAULT.withMaxConcurrentRequests(Math.max(256, connections))).build()) {
      rpc.start();
      for (int port : new int[] {echo.port(), jdk.port(), rpc.port()}) {
        load(port, 2, connections); // warm-up: JIT every server before measuring
      }
      // Rounds alternate the servers so that load from elsewhere on the machine hits all of them.
      for (int r = 0; r < rounds; r++) {
        Run base = load(echo.port(), seconds, connections);
        Run bare = load(jdk.port(), seconds, connections);
        Run server = load(rpc.port(), seconds, connections);
        ratios[r] = server.perSecond() / base.perSecond();
        lines.add(String.format("round %d: echo %,9.0f  jdk-http %,9.0f  JsonRpcServer %,9.0f req/s"
                + "  (failed %d/%d/%d)  JsonRpcServer/echo %.2f  JsonRpcServer/jdk-http %.2f",
            r + 1, base.perSecond(), bare.perSecond(), server.perSecond(), base.failed(), bare.failed(),
            server.failed(), ratios[r], server.perSecond() / bare.perSecond()));
      }
    }
    // printed after the servers have logged their shutdown, so the lines stay whole
    lines.forEach(System.out::println);
    Arrays.sort(ratios);
    System.out.printf("median ratio JsonRpcServer / raw socket echo = %.2f%n", ratios[rounds / 2]);
  }

  private static Run load(int port, double seconds, int connections) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process client = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
        LoadClient.class.getName(), "127.0.0.1", Integer.toString(port), Double.toString(seconds),
        Integer.toString(connections), BODY)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (client.waitFor() != 0) {
      throw new IllegalStateException("load client failed: " + out);
    }
    Map<String, Long> fields = new HashMap<>();
    for (String part : out.split(" ")) {
      String[] kv = part.split("=");
      fields.put(kv[0], Long.parseLong(kv[1]));
    }
    return new Run(fields.get("ok"), fields.get("failed"), fields.get("nanos") / 1e9);
  }
}

package org.openledger.devnet.rpc.server.bench;

import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.openledger.devnet.metrics.MetricsRegistry;
import org.openledger.devnet.rpc.server.JsonRpcServer;
import org.openledger.devnet.rpc.server.RpcLimits;

/**
 * Requests per second through {@link JsonRpcServer} for a trivial method, against the raw-socket
 * {@link EchoServer} measured in the same run with the same client, body and connections. The
 * client is a separate JVM ({@link LoadClient}). Both servers get a warm-up run first.
 *
 * <p>{@code ./mvnw -B -q -pl testnet -am -Pbench -DskipTests verify} (args: seconds connections).
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
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    System.out.printf("RPC load: %d keep-alive connections from a separate JVM, %.0f s per run, body %d bytes%n",
        connections, seconds, BODY.getBytes(StandardCharsets.UTF_8).length);

    try (EchoServer echo = new EchoServer();
        JsonRpcServer rpc = JsonRpcServer.builder(Map.of(
                "web3_clientVersion", params -> TextNode.valueOf("OpenLedger/bench")))
            .bind("127.0.0.1", 0).metrics(new MetricsRegistry())
            .limits(RpcLimits.DEFAULT.withMaxConcurrentRequests(Math.max(256, connections))).build()) {
      rpc.start();
      load(echo.port(), 2, connections); // warm-up: JIT both servers before measuring
      load(rpc.port(), 2, connections);
      Run base = load(echo.port(), seconds, connections);
      Run server = load(rpc.port(), seconds, connections);
      System.out.printf("raw socket echo   %,10.0f req/s  (failed %d)%n", base.perSecond(), base.failed());
      System.out.printf("JsonRpcServer     %,10.0f req/s  (failed %d)%n", server.perSecond(), server.failed());
      System.out.printf("ratio JsonRpcServer / echo = %.2f%n", server.perSecond() / base.perSecond());
    }
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
    Map<String, Long> fields = new java.util.HashMap<>();
    for (String part : out.split(" ")) {
      String[] kv = part.split("=");
      fields.put(kv[0], Long.parseLong(kv[1]));
    }
    return new Run(fields.get("ok"), fields.get("failed"), fields.get("nanos") / 1e9);
  }
}

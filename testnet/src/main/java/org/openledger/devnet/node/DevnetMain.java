package org.openledger.devnet.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The node as a bare process, for tests and benchmarks that need one to signal or kill (users
 * run {@code openledger devnet start}). Arguments: {@code DATA_DIR [RPC_PORT [BLOCK_MILLIS
 * [automine]]]}; prints {@code READY <rpc url>} once it serves, and closes on SIGTERM.
 */
public final class DevnetMain {
  private DevnetMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: DevnetMain DATA_DIR [RPC_PORT [BLOCK_MILLIS [automine]]]");
      System.exit(64);
    }
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    long blockMillis = args.length > 2 ? Long.parseLong(args[2]) : 1000;
    boolean automine = args.length > 3 && args[3].equals("automine");
    DevnetNode node = DevnetNode.start(DevnetNode.Config.defaults(Path.of(args[0])).withPorts(port, -1)
        .withProduction(Duration.ofMillis(blockMillis), automine)).closeOnSigterm();
    System.out.println("READY " + node.rpcUrl());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}

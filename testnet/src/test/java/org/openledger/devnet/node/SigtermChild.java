package org.openledger.devnet.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/** A stand-in node for {@link ShutdownHooksTest}: registers three resources, then waits for SIGTERM. */
public final class SigtermChild {
  private SigtermChild() {}

  public static void main(String[] args) throws Exception {
    Path log = Path.of(args[0]);
    ShutdownHooks hooks = new ShutdownHooks(Duration.ofSeconds(10)).installOnJvmShutdown();
    for (String name : new String[] {"database", "chain", "rpc"}) {
      hooks.register(name, () -> append(log, name));
    }
    Files.createFile(Path.of(args[1]));
    Thread.sleep(Long.MAX_VALUE);
  }

  private static void append(Path log, String line) {
    try {
      Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

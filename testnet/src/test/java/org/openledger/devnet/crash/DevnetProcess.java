package org.openledger.devnet.crash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openledger.devnet.node.DevnetMain;

/**
 * A {@link DevnetMain} node in a child JVM (the same java and class path as this one), so that it
 * can be SIGKILLed: {@link Process#destroyForcibly()} sends SIGKILL on Linux, which no shutdown
 * hook, finally block or RocksDB close survives. The child's stdout and stderr go to a log file
 * (no pipe to fill); {@link #start} waits for its {@code READY <url>} line.
 */
public final class DevnetProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final String url;
  private final Path log;

  private DevnetProcess(Process process, String url, Path log) {
    this.process = process;
    this.url = url;
    this.log = log;
  }

  /**
   * Starts a node on {@code dataDir} with a free RPC port.
   *
   * @param blockMillis block interval, 0 for none
   * @param jvmOptions extra options for the child JVM (heap, GC, JIT), before the main class
   */
  public static DevnetProcess start(Path dataDir, long blockMillis, boolean automine, Path log, List<String> jvmOptions)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("--enable-native-access=ALL-UNNAMED");
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), DevnetMain.class.getName(), dataDir.toString(), "0",
        Long.toString(blockMillis)));
    if (automine) command.add("automine");
    Files.deleteIfExists(log);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      String ready = readyLine(log);
      if (ready != null) return new DevnetProcess(process, ready.substring("READY ".length()).trim(), log);
      if (!process.isAlive()) throw new IllegalStateException("the node exited with " + process.exitValue() + " before READY:\n" + tail(log));
      Thread.sleep(20);
    }
    process.destroyForcibly().waitFor();
    throw new IllegalStateException("the node printed no READY line within " + START_TIMEOUT + ":\n" + tail(log));
  }

  private static String readyLine(Path log) throws IOException {
    if (!Files.exists(log)) return null;
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (line.startsWith("READY ")) return line;
    }
    return null;
  }

  private static String tail(Path log) throws IOException {
    if (!Files.exists(log)) return "(no output)";
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  public String url() {
    return url;
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL, and waits until the process is gone (its RocksDB lock released). */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("node " + process.pid() + " survived SIGKILL");
  }

  /** SIGTERM (a graceful close), or SIGKILL after 30 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) kill();
  }

  /** The last lines the node wrote, for failure messages. */
  public String logTail() {
    try {
      return tail(log);
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }
}

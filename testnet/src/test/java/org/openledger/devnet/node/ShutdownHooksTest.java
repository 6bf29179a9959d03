package org.openledger.devnet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openledger.devnet.node.ShutdownHooks.Outcome;
import org.openledger.devnet.node.ShutdownHooks.Status;

class ShutdownHooksTest {
  final List<String> closed = Collections.synchronizedList(new ArrayList<>());
  final ShutdownHooks hooks = new ShutdownHooks(Duration.ofSeconds(5));

  AutoCloseable recording(String name) {
    return () -> closed.add(name);
  }

  @Test
  void resourcesCloseInReverseOrderOfRegistration() {
    hooks.register("database", recording("database"));
    hooks.register("chain", recording("chain"));
    hooks.register("rpc", recording("rpc"));
    hooks.close();
    assertThat(closed).containsExactly("rpc", "chain", "database");
  }

  @Test
  void registerReturnsTheResource() {
    AutoCloseable db = recording("database");
    assertThat(hooks.register("database", db)).isSameAs(db);
  }

  @Test
  void aFailingCloseIsReportedAndTheRestStillClose() {
    IllegalStateException failure = new IllegalStateException("disk gone");
    hooks.register("database", recording("database"));
    hooks.register("broken", () -> {
      throw failure;
    });
    hooks.register("rpc", recording("rpc"));

    List<Outcome> outcomes = hooks.closeAll();

    assertThat(closed).containsExactly("rpc", "database");
    assertThat(outcomes).extracting(Outcome::status)
        .containsExactly(Status.CLOSED, Status.FAILED, Status.CLOSED);
    assertThat(outcomes.get(1).error()).isSameAs(failure);
  }

  @Test
  void aHangingCloseTimesOutAndTheRestStillClose() {
    ShutdownHooks quick = new ShutdownHooks(Duration.ofMillis(300));
    CountDownLatch never = new CountDownLatch(1);
    quick.register("database", recording("database"));
    quick.register("stuck", never::await);

    List<Outcome> outcomes = quick.closeAll();

    assertThat(outcomes).extracting(Outcome::name, Outcome::status).containsExactly(
        org.assertj.core.groups.Tuple.tuple("stuck", Status.TIMED_OUT),
        org.assertj.core.groups.Tuple.tuple("database", Status.CLOSED));
    assertThat(closed).containsExactly("database");
  }

  @Test
  void secondCloseDoesNothingAgain() {
    hooks.register("rpc", recording("rpc"));
    List<Outcome> first = hooks.closeAll();
    List<Outcome> second = hooks.closeAll();
    assertThat(closed).containsExactly("rpc");
    assertThat(second).isEqualTo(first);
  }

  @Test
  void registeringAfterShutdownIsRefused() {
    hooks.close();
    assertThatThrownBy(() -> hooks.register("late", recording("late")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("late");
  }

  @Test
  void timeoutMustBePositive() {
    assertThatThrownBy(() -> new ShutdownHooks(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sigtermClosesEveryResourceInReverseOrder(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("closed.txt");
    Path ready = dir.resolve("ready");
    Process node = new ProcessBuilder(
        ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"),
        SigtermChild.class.getName(), log.toString(), ready.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!Files.exists(ready)) {
        assertThat(node.isAlive()).as("child exited early: " + read(dir.resolve("out.txt"))).isTrue();
        assertThat(System.nanoTime()).as("child never got ready").isLessThan(deadline);
        Thread.sleep(20);
      }
      node.destroy(); // SIGTERM on Linux
      assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(node.exitValue()).isEqualTo(143); // 128 + SIGTERM
      assertThat(Files.readAllLines(log)).containsExactly("rpc", "chain", "database");
    } finally {
      node.destroyForcibly();
    }
  }

  static String read(Path p) throws IOException {
    return Files.exists(p) ? Files.readString(p) : "";
  }
}

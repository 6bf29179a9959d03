package org.openledger.console.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SubmissionsTest {
  private final Submissions submissions = new Submissions();

  @Test
  void aKeySubmittedManyTimesAtOnceRunsItsActionOnceAndAllGetItsResult() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    List<CompletableFuture<Object>> clicks = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 8; i++) {
        clicks.add(CompletableFuture.supplyAsync(() -> submissions.once("k", () -> {
          runs.incrementAndGet();
          try {
            release.await();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          return "tx-1";
        }), pool));
      }
      Thread.sleep(100);
      release.countDown();
      for (var c : clicks) assertThat(c.get()).isEqualTo("tx-1");
    }
    assertThat(runs).hasValue(1);
  }

  @Test
  void aFailedSubmitFailsTheSameWayWhenRetriedWithItsKeyAndIsNotRunAgain() {
    AtomicInteger runs = new AtomicInteger();
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> submissions.once("bad", () -> {
        runs.incrementAndGet();
        throw ApiError.badInput("deposit is required");
      })).isInstanceOf(ApiError.class).hasMessage("deposit is required");
    }
    assertThat(runs).hasValue(1);
  }

  @Test
  void differentKeysAreDifferentSubmits() {
    AtomicInteger runs = new AtomicInteger();
    submissions.once("a", runs::incrementAndGet);
    submissions.once("b", runs::incrementAndGet);
    assertThat(runs).hasValue(2);
  }
}

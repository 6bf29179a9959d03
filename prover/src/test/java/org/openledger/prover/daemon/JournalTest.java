package org.openledger.prover.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openledger.prover.daemon.Journal.Entry;
import org.openledger.prover.daemon.Journal.Stage;

class JournalTest {
  @TempDir Path dir;

  private static final BigInteger ONE = BigInteger.ONE, BIG = BigInteger.TWO.pow(255).add(BigInteger.TEN);

  @Test
  void recordsSurviveReopening() throws IOException {
    Path f = dir.resolve("journal");
    try (Journal j = Journal.open(f)) {
      j.record(new Entry(ONE, Stage.CLAIMING, 10, ""));
      j.record(new Entry(BIG, Stage.PROVING, 11, "0xabc"));
      j.scanned(12);
    }
    try (Journal j = Journal.open(f)) {
      assertThat(j.latest(ONE)).isEqualTo(new Entry(ONE, Stage.CLAIMING, 10, ""));
      assertThat(j.latest(BIG)).isEqualTo(new Entry(BIG, Stage.PROVING, 11, "0xabc"));
      assertThat(j.scannedTo()).isEqualTo(12);
    }
  }

  @Test
  void theLatestRecordOfARequestWins() throws IOException {
    try (Journal j = Journal.open(dir.resolve("journal"))) {
      j.record(new Entry(ONE, Stage.CLAIMING, 10, ""));
      j.record(new Entry(ONE, Stage.PROVING, 11, "h"));
      j.record(new Entry(ONE, Stage.DONE, 20, "settled"));
      assertThat(j.latest(ONE).stage()).isEqualTo(Stage.DONE);
      assertThat(j.unfinished()).isEmpty();
    }
  }

  @Test
  void unfinishedListsRequestsNotDone() throws IOException {
    try (Journal j = Journal.open(dir.resolve("journal"))) {
      j.record(new Entry(ONE, Stage.CLAIMING, 10, ""));
      j.record(new Entry(BigInteger.TWO, Stage.DONE, 10, "lost to another prover"));
      assertThat(j.unfinished()).extracting(Entry::requestId).containsExactly(ONE);
    }
  }

  @Test
  void aTornLastRecordIsCutOffAndEarlierOnesKept() throws IOException {
    Path f = dir.resolve("journal");
    try (Journal j = Journal.open(f)) {
      j.record(new Entry(ONE, Stage.CLAIMING, 10, ""));
      j.record(new Entry(BigInteger.TWO, Stage.PROVING, 11, "proof"));
    }
    long size = Files.size(f);
    try (var ch = java.nio.channels.FileChannel.open(f, StandardOpenOption.WRITE)) {
      ch.truncate(size - 3); // a crash in the middle of the second write
    }
    try (Journal j = Journal.open(f)) {
      assertThat(j.latest(ONE)).isNotNull();
      assertThat(j.latest(BigInteger.TWO)).isNull();
      j.record(new Entry(BigInteger.TWO, Stage.CLAIMING, 12, "")); // appends after the cut, readable again
    }
    try (Journal j = Journal.open(f)) {
      assertThat(j.latest(BigInteger.TWO).stage()).isEqualTo(Stage.CLAIMING);
    }
  }

  @Test
  void aCorruptRecordBeforeTheEndRefusesToOpen() throws IOException {
    Path f = dir.resolve("journal");
    try (Journal j = Journal.open(f)) {
      for (int i = 1; i <= 3; i++) j.record(new Entry(BigInteger.valueOf(i), Stage.CLAIMING, i, "x".repeat(20)));
    }
    byte[] bytes = Files.readAllBytes(f);
    bytes[20] ^= 1; // inside the first record's payload
    Files.write(f, bytes);
    assertThatThrownBy(() -> Journal.open(f)).isInstanceOf(IOException.class).hasMessageContaining("corrupt at byte 0");
  }

  @Test
  void aZeroFilledTailIsCutOff() throws IOException {
    Path f = dir.resolve("journal");
    try (Journal j = Journal.open(f)) {
      j.record(new Entry(ONE, Stage.CLAIMING, 10, ""));
    }
    Files.write(f, new byte[64], StandardOpenOption.APPEND); // the file grew, its data never arrived
    try (Journal j = Journal.open(f)) {
      assertThat(j.latest(ONE).stage()).isEqualTo(Stage.CLAIMING);
    }
    assertThat(Files.size(f)).isLessThan(64);
  }

  @Test
  void longNotesAreRefused() throws IOException {
    try (Journal j = Journal.open(dir.resolve("journal"))) {
      assertThatThrownBy(() -> j.record(new Entry(ONE, Stage.DONE, 1, "x".repeat(5000)))).isInstanceOf(IllegalArgumentException.class);
      assertThat(j.latest(ONE)).isNull();
    }
  }
}

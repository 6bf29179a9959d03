package org.openledger.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openledger.cli.eval.LdsCommandTest.Run;

class MlpLdsCommandTest {

  @Test
  void helpSaysWhatTheMlpScorersAre() {
    Run r = LdsCommandTest.run("mlp-lds", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("784→64→10", "K-FAC", "--contributors", "--all-pairs", "gradient-dot");
  }

  @Test
  void aSmallRunPrintsBothLevelsForEveryScorerAndWritesCsv(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("mlp.csv");
    Run r = LdsCommandTest.run("mlp-lds", "--train", "120", "--test", "5", "--contributors", "6", "--subsets", "4",
        "--k", "16", "--epochs", "2", "--threads", "1", "--csv", csv.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("K-FAC basis", "gradient-dot", "example LDS", "contributor LDS", "basis k=16:");
    // K-FAC float and int16, then gradient-dot
    assertThat(Files.readAllLines(csv)).hasSize(1 + 3);
  }

  @Test
  void tooFewSubsetsIsAUserErrorWithTheFix() {
    Run r = LdsCommandTest.run("mlp-lds", "--subsets", "2");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("--subsets must be at least 3");
  }
}

package org.openledger.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LdsCommandTest {

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = new CommandLine(new EvalCommand()).execute(args);
      return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void helpSaysWhatLdsMeasuresAndTheTargets() {
    Run r = run("lds", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Does influence predict what retraining shows?", "Spearman", "--contributors", "--quantization",
        "≥ 0.92", "24 KB");
  }

  @Test
  void aSmallRunPrintsEveryScorerAndWritesCsvAndPng(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("lds.csv");
    Path png = dir.resolve("lds.png");
    Run r = run("lds", "--pool", "--train", "150", "--test", "8", "--contributors", "5", "--subsets", "6", "--k", "16,32",
        "--quantization", "float,int16", "--threads", "1", "--csv", csv.toString(), "--png", png.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("exact", "gradient-dot", "basis", "chain (exact integer)", "example LDS", "contributor LDS", "proof bytes (M=16)");
    // exact and gradient-dot, then per k: basis float and int16, and the chain's integer scores
    assertThat(Files.readAllLines(csv)).hasSize(1 + 2 + 2 * 3).first().asString().startsWith("scorer,k,quantization");
    assertThat(ImageIO.read(png.toFile()).getWidth()).isPositive();
  }

  @Test
  void aMissingDataDirectoryIsAUserError() {
    Run r = run("lds", "--data-dir", "/nonexistent");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("no Fashion-MNIST in /nonexistent");
  }

  @Test
  void anUnknownQuantizationIsAUserError() {
    Run r = run("lds", "--quantization", "int4", "--train", "100", "--pool");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("unknown quantization 'int4'");
  }
}

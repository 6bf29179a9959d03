package org.openledger.cli.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.openledger.cli.UserError;
import org.openledger.cli.chain.Output;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.FashionMnist.Split;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.LdsEvaluation.Row;
import picocli.CommandLine.Option;

/** What the LDS commands share (a picocli mixin): the data they read, the seed and threads, and the table, CSV and plot they write. */
public final class LdsReport {
  @Option(names = "--data-dir", description = "Fashion-MNIST gzip IDX files (default: Debian's /usr/share/datasets/fashion-mnist, "
      + "else the 2,000/500 subset shipped in the jar, with a message).")
  Path dataDir;

  @Option(names = "--seed", defaultValue = "1", description = "Seeds the contributor shares and the subsets (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", description = "Retrainings run at once (default: available processors).")
  Integer threads;

  @Option(names = "--csv", description = "Also write the table as CSV to this file.")
  Path csv;

  @Option(names = "--png", description = "Also plot LDS against k to this PNG file.")
  Path png;

  @Option(names = "--json", description = "Print the table as JSON.")
  boolean json;

  int threads() {
    return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
  }

  LabelledImages[] load(int train, int test, PrintStream err) {
    return load(dataDir, train, test, err);
  }

  /** Prints the table (JSON with --json), then writes the CSV and the plot when asked. */
  void report(List<Row> rows, PrintStream err, Runnable afterTable) {
    table(rows).print(System.out, json);
    if (!json) afterTable.run();
    try {
      if (csv != null) {
        writeCsv(rows, csv);
        err.println("wrote " + csv);
      }
      if (png != null) {
        LdsPlot.write(rows, png);
        err.println("wrote " + png);
      }
    } catch (IOException e) {
      throw new UserError("cannot write output: " + e.getMessage(), e);
    }
  }

  /**
   * The first {@code train} / {@code test} examples of Fashion-MNIST from {@code dataDir} (null:
   * Debian's package, else the shipped subset with a message).
   */
  static LabelledImages[] load(Path dataDir, int train, int test, PrintStream err) {
    Path dir = dataDir != null ? dataDir : FashionMnist.DEBIAN_DIR;
    LabelledImages fullTrain;
    LabelledImages fullTest;
    if (Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz"))) {
      try {
        fullTrain = FashionMnist.load(dir, Split.TRAIN);
        fullTest = FashionMnist.load(dir, Split.TEST);
      } catch (IOException e) {
        throw new UserError("cannot read Fashion-MNIST from " + dir + ": " + e.getMessage(), e);
      } catch (UncheckedIOException e) {
        throw new UserError("cannot read Fashion-MNIST from " + dir + ": " + e.getCause().getMessage(), e);
      }
    } else if (dataDir != null) {
      throw new UserError("no Fashion-MNIST in " + dataDir + " (expected train-images-idx3-ubyte.gz and the other three files)");
    } else {
      err.println("Debian's dataset-fashion-mnist is not installed (" + FashionMnist.DEBIAN_DIR
          + "): using the shipped subset of " + FashionMnist.SHIPPED_TRAIN + " train / " + FashionMnist.SHIPPED_TEST + " test");
      fullTrain = FashionMnist.shipped(Split.TRAIN);
      fullTest = FashionMnist.shipped(Split.TEST);
    }
    if (train > fullTrain.size() || test > fullTest.size() || train < 2 || test < 1) {
      throw new UserError("--train must be in 2.." + fullTrain.size() + " and --test in 1.." + fullTest.size() + " for this data");
    }
    return new LabelledImages[] {fullTrain.first(train), fullTest.first(test)};
  }

  /** One line per scorer: LDS at both levels and the proof size its basis costs. */
  static Output table(List<Row> rows) {
    Output table = new Output("scorer", "k", "quantization", "example LDS", "contributor LDS", "proof bytes (M=16)");
    for (Row r : rows) {
      table.row(r.scorer(), r.k() == 0 ? "-" : r.k(), r.k() == 0 ? "-" : r.quantization().label(),
          lds(r.exampleLds()), lds(r.contributorLds()), r.proofBytes() == 0 ? "-" : String.format("%,d", r.proofBytes()));
    }
    return table;
  }

  static void writeCsv(List<Row> rows, Path file) throws IOException {
    StringBuilder sb = new StringBuilder("scorer,k,quantization,example_lds,contributor_lds,proof_bytes_m16\n");
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, "%s,%d,%s,%.6f,%.6f,%d%n", r.scorer(), r.k(),
          r.k() == 0 ? "" : r.quantization().label(), r.exampleLds(), r.contributorLds(), r.proofBytes()));
    }
    Files.writeString(file, sb);
  }

  private static String lds(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
  }
}

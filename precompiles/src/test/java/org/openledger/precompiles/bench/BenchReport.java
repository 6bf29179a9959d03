package org.openledger.precompiles.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the JMH benchmarks of this package and prints throughput with error bars, then the ratios
 * that are the actual result: a native call against its own keccak hashing, and web3j's ABI codec
 * against ours, each pair measured in the same run on the same machine. Throughput is given by
 * wall-clock time (JMH's score) and by CPU time ({@link CpuTimeProfiler}), which other processes on a
 * shared machine disturb far less.
 *
 * <p>{@code ./mvnw -q -B -pl precompiles -Pbench test-compile exec:exec} runs everything with
 * 1 fork, 25 × 1 s warmup and 5 × 1 s measurement per benchmark (about 8.5 minutes). Arguments are
 * JMH's own command-line options, passed as one string in {@code -Dbench.args=...} (split on
 * whitespace here), and override those defaults; e.g. {@code -Dbench.args="TypicalCall -i 10"}.
 * With no benchmark pattern, every benchmark in this package runs. (Not with {@code -am}: that
 * also runs {@code exec:exec} in the parent pom, which has no executable configured, and fails.)
 */
public final class BenchReport {
  private static final String PACKAGE = BenchReport.class.getPackageName();

  /**
   * 25 × 1 s, not 3: on a shared 2-core machine, where a benchmark's JVM got 0.3-0.5 CPU seconds
   * per second, the JIT had not finished with web3j's codec nor the executor after 3 s, and
   * web3j's list decoder was still getting faster after 15 s.
   */
  private static final int WARMUP_ITERATIONS = 25;

  private BenchReport() {}

  /** A pair whose cost ratio is reported: {@code numerator} costs {@code ratio} times {@code denominator}. */
  private record Ratio(String label, String numerator, String denominator) {}

  private static final List<Ratio> RATIOS = List.of(
      new Ratio("native call / its own keccak (1 x 64 B)", "TypicalCallBenchmark.sign", "TypicalCallBenchmark.keccakOfCall"),
      new Ratio("web3j / ours, encode sign(bytes32,string)", "AbiCodecBenchmark.web3jEncodeSign", "AbiCodecBenchmark.oursEncodeSign"),
      new Ratio("web3j / ours, decode sign(bytes32,string)", "AbiCodecBenchmark.web3jDecodeSign", "AbiCodecBenchmark.oursDecodeSign"),
      new Ratio("web3j / ours, encode (address,uint256[],bytes)[16]", "AbiCodecBenchmark.web3jEncodeList", "AbiCodecBenchmark.oursEncodeList"),
      new Ratio("web3j / ours, decode (address,uint256[],bytes)[16]", "AbiCodecBenchmark.web3jDecodeList", "AbiCodecBenchmark.oursDecodeList"),
      new Ratio("web3j hex API / ours, encode sign", "AbiCodecBenchmark.web3jHexEncodeSign", "AbiCodecBenchmark.oursEncodeSign"),
      new Ratio("web3j hex API / ours, decode sign", "AbiCodecBenchmark.web3jHexDecodeSign", "AbiCodecBenchmark.oursDecodeSign"),
      new Ratio("web3j hex API / ours, encode list", "AbiCodecBenchmark.web3jHexEncodeList", "AbiCodecBenchmark.oursEncodeList"),
      new Ratio("web3j hex API / ours, decode list", "AbiCodecBenchmark.web3jHexDecodeList", "AbiCodecBenchmark.oursDecodeList"));

  public static void main(String[] args) throws RunnerException, CommandLineOptionException, IOException {
    // exec:exec hands ${bench.args} over as a single argument
    String joined = String.join(" ", args).trim();
    CommandLineOptions cmd = new CommandLineOptions(joined.isEmpty() ? new String[0] : joined.split("\\s+"));
    if (cmd.shouldHelp()) {
      cmd.showHelp();
      return;
    }
    ChainedOptionsBuilder options = new OptionsBuilder()
        .parent(cmd)
        .forks(cmd.getForkCount().orElse(1))
        .warmupIterations(cmd.getWarmupIterations().orElse(WARMUP_ITERATIONS))
        .warmupTime(cmd.getWarmupTime().orElse(TimeValue.seconds(1)))
        .measurementIterations(cmd.getMeasurementIterations().orElse(5))
        .measurementTime(cmd.getMeasurementTime().orElse(TimeValue.seconds(1)))
        .mode(Mode.Throughput)
        .timeUnit(TimeUnit.SECONDS)
        .verbosity(cmd.verbosity().orElse(VerboseMode.NORMAL))
        .shouldFailOnError(true)
        .addProfiler(CpuTimeProfiler.class);
    // a fixed heap, so a benchmark's numbers do not depend on heap growth during the run; JMH 1.37
    // uses sun.misc.Unsafe, which JDK 25 warns about in every fork. -jvmArgsAppend adds to these.
    List<String> jvmArgs = new ArrayList<>(List.of("-Xms1g", "-Xmx1g", "--sun-misc-unsafe-memory-access=allow"));
    if (cmd.getJvmArgsAppend().hasValue()) jvmArgs.addAll(cmd.getJvmArgsAppend().get());
    options.jvmArgsAppend(jvmArgs.toArray(String[]::new));
    // the profile's default bench.args is this package's name, a pattern that includes them all
    if (cmd.getIncludes().isEmpty()) options.include(PACKAGE.replace(".", "\\.") + "\\..*");

    snapshotClassDirectories();
    String loadBefore = loadAverage();
    Collection<RunResult> results = new Runner(options.build()).run();
    String loadAfter = loadAverage();

    Map<String, Scores> scores = new LinkedHashMap<>();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      scores.put(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1), new Scores(
          r.getPrimaryResult(), r.getSecondaryResults().get(CpuTimeProfiler.THROUGHPUT), r.getSecondaryResults().get(CpuTimeProfiler.SHARE)));
    }
    System.out.println();
    System.out.print(report(scores, loadBefore, loadAfter));
    System.out.print(otherSecondaryResults(results));
  }

  /** Results of profilers asked for in -Dbench.args (e.g. {@code -prof gc}'s allocation per operation). */
  private static String otherSecondaryResults(Collection<RunResult> results) {
    StringBuilder out = new StringBuilder();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
        if (e.getKey().equals(CpuTimeProfiler.THROUGHPUT) || e.getKey().equals(CpuTimeProfiler.SHARE)) continue;
        out.append(String.format(Locale.ROOT, "  %-40s %-28s %,16.2f %s%n",
            name, e.getKey(), e.getValue().getScore(), e.getValue().getScoreUnit()));
      }
    }
    return out.isEmpty() ? "" : "\nOther profiler results:\n" + out;
  }

  /** One benchmark's throughput by wall-clock time and by CPU time, and the CPU it got per wall second. */
  private record Scores(Result<?> wall, Result<?> cpu, Result<?> share) {}

  static String report(Map<String, Scores> scores, String loadBefore, String loadAfter) {
    StringBuilder out = new StringBuilder();
    out.append("== OpenLedger precompiles benchmark report ==\n");
    out.append(String.format(Locale.ROOT, "machine: %d cores, %s; %s %s%n",
        Runtime.getRuntime().availableProcessors(), cpuModel(),
        System.getProperty("java.vm.name"), System.getProperty("java.runtime.version")));
    out.append("load average (1/5/15 min) before: ").append(loadBefore).append(", after: ").append(loadAfter).append('\n');
    out.append('\n');

    int width = 2 + scores.keySet().stream().mapToInt(String::length).max().orElse(20);
    out.append(String.format(Locale.ROOT, "%-" + width + "s %13s %7s %13s %7s %8s%n",
        "Benchmark", "ops/s (wall)", "± %", "ops/cpu-s", "± %", "cpu-s/s"));
    for (Map.Entry<String, Scores> e : scores.entrySet()) {
      Scores s = e.getValue();
      out.append(String.format(Locale.ROOT, "%-" + width + "s %,13.0f %7s %13s %7s %8s%n",
          e.getKey(), s.wall().getScore(), percentOf(s.wall()),
          s.cpu() == null ? "n/a" : String.format(Locale.ROOT, "%,.0f", s.cpu().getScore()), percentOf(s.cpu()),
          s.share() == null ? "n/a" : String.format(Locale.ROOT, "%.2f", s.share().getScore())));
    }
    out.append("""
        ops/s (wall): JMH's throughput. ops/cpu-s: operations per second of CPU time used by the
        benchmark's JVM (all its threads: benchmark, GC, JIT), robust to other processes taking
        the CPU. cpu-s/s: CPU seconds the JVM got per wall second. ± %: JMH's 99.9% confidence
        half-width over the measurement iterations, relative to the mean.

        """);

    List<String> lines = new ArrayList<>();
    for (Ratio ratio : RATIOS) {
      Scores num = scores.get(ratio.numerator());
      Scores den = scores.get(ratio.denominator());
      if (num == null || den == null) continue;
      lines.add(String.format(Locale.ROOT, "  %-52s %18s %18s%n", ratio.label(), costRatio(num.cpu(), den.cpu()), costRatio(num.wall(), den.wall())));
    }
    if (!lines.isEmpty()) {
      out.append("Cost ratios (cost = 1 / throughput; ± from the two relative errors in quadrature):\n");
      out.append(String.format(Locale.ROOT, "  %-52s %18s %18s%n", "", "by CPU time", "by wall time"));
      lines.forEach(out::append);
    } else {
      out.append("No ratio: no pair of benchmarks ran (see the patterns in -Dbench.args).\n");
    }
    return out.toString();
  }

  /** How many times {@code num}'s cost per operation is {@code den}'s: ops(den) / ops(num). */
  private static String costRatio(Result<?> num, Result<?> den) {
    if (num == null || den == null) return "n/a";
    double value = den.getScore() / num.getScore();
    double rel = Math.hypot(relative(num), relative(den));
    return Double.isNaN(rel)
        ? String.format(Locale.ROOT, "%.2f x", value)
        : String.format(Locale.ROOT, "%.2f ± %.2f x", value, value * rel);
  }

  private static double relative(Result<?> r) {
    return r.getScoreError() / r.getScore();
  }

  private static String percentOf(Result<?> r) {
    return r == null || Double.isNaN(r.getScoreError()) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * relative(r));
  }

  /**
   * Points the forks at a copy of the class directories on the classpath, so that every benchmark
   * of the run executes the same code even when someone rebuilds the shared work tree meanwhile
   * (a rebuild during a run made a later fork fail with NoClassDefFoundError). JMH builds each
   * fork's {@code -cp} from {@code java.class.path}.
   */
  private static void snapshotClassDirectories() throws IOException {
    Path snapshot = Files.createTempDirectory("openledger-bench-classes");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(snapshot)));
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path source = Path.of(entry);
      if (!Files.isDirectory(source)) {
        entries.add(entry);
        continue;
      }
      Path copy = snapshot.resolve(Integer.toString(n++));
      try (Stream<Path> tree = Files.walk(source)) {
        for (Path p : (Iterable<Path>) tree::iterator) {
          Path target = copy.resolve(source.relativize(p).toString());
          if (Files.isDirectory(p)) Files.createDirectories(target);
          else Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      entries.add(copy.toString());
    }
    System.setProperty("java.class.path", String.join(File.pathSeparator, entries));
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> tree = Files.walk(root)) {
      tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException ignored) {
      // a temp directory left behind is harmless
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst().orElse("unknown CPU");
    } catch (IOException | RuntimeException e) {
      return System.getProperty("os.arch");
    }
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }
}

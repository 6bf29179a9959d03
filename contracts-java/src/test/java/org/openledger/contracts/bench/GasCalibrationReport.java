package org.openledger.contracts.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openledger.contracts.bench.CalibrationProtocol.Case;
import org.openledger.precompiles.gas.GasSchedule;

/**
 * Gas calibration: runs {@link GasCalibrationBenchmark} for every calibration case (one per
 * external function of every contract), then relates each function's CPU time per call to the gas
 * it is charged ({@code Executor.gasRequirement} for the same calldata), and prints every function's
 * CPU nanoseconds per gas as a ratio to the median over the functions, sorted, flagging those
 * outside [0.5x, 2x] of the median. A ratio above 2 is a function whose CPU work is underpriced
 * relative to the others (a cheap-gas denial-of-service candidate); below 0.5, overpriced.
 *
 * <p>{@code ./mvnw -q -B -pl contracts-java -Pbench test-compile exec:exec} runs all of them in
 * this JVM ({@link #FORKS}), after {@value #PRIME_SECONDS} s of priming with every case, each with
 * {@value #WARMUP_ITERATIONS} x {@value #ITERATION_MILLIS} ms warmup and {@value
 * #MEASUREMENT_ITERATIONS} x {@value #ITERATION_MILLIS} ms measurement: about 8 minutes for the 123
 * functions. Each function's figure is the median over its measurement iterations. {@code
 * -Dbench.args="..."} takes JMH's own options, which override these defaults (e.g. {@code -f 1 -wi
 * 20} for a fresh JVM per function); {@code -p function=<regex>,<regex>} narrows the run to the
 * cases whose names ({@code Contract.function}) match, e.g. {@code
 * -Dbench.args="-p function=Staking\..*,Inference.settle -i 10"}. CPU time is the benchmark JVM's
 * (all threads), per {@link CpuTimePerOpProfiler}; on a shared machine it is the measure to trust,
 * and wall time is printed beside it. Results and their interpretation: {@code docs/gas.md}.
 */
public final class GasCalibrationReport {
  /**
   * 0: every function in this JVM, primed first with all cases ({@link #PRIME_SECONDS}). With a
   * fork per function (JMH's usual {@code -f 1}), a fork spends about 2 s starting and building the
   * state, and the heavy functions needed 5-7 s of warmup on this shared 2-core machine before
   * their time per call settled: about 20 minutes for 123 functions instead of 8.
   */
  static final int FORKS = 0;
  static final int WARMUP_ITERATIONS = 4;
  static final int MEASUREMENT_ITERATIONS = 8;
  static final int ITERATION_MILLIS = 300;
  /** Seconds of round-robin calls over every case before an in-process ({@code -f 0}) run. */
  static final int PRIME_SECONDS = 20;
  /** The band around the median that a function's CPU time per gas must stay in. */
  static final double LOW = 0.5, HIGH = 2.0;
  private static final String PARAM = "function";

  private GasCalibrationReport() {}

  public static void main(String[] args) throws RunnerException, CommandLineOptionException, IOException {
    // exec:exec hands ${bench.args} over as a single argument
    String joined = String.join(" ", args).trim();
    CommandLineOptions cmd = new CommandLineOptions(joined.isEmpty() ? new String[0] : joined.split("\\s+"));
    if (cmd.shouldHelp()) {
      cmd.showHelp();
      return;
    }

    // the same state every fork builds: every case must succeed before anything is measured
    long built = System.nanoTime();
    CalibrationProtocol protocol = CalibrationProtocol.build();
    for (Case c : protocol.cases()) protocol.requireSuccess(c);
    System.out.printf(Locale.ROOT, "prepared state built and %d cases checked in %.1f s%n", protocol.cases().size(),
        (System.nanoTime() - built) / 1e9);

    List<Case> selected = cmd.getParameter(PARAM).hasValue()
        ? protocol.select(new ArrayList<>(cmd.getParameter(PARAM).get()))
        : protocol.cases();
    if (selected.isEmpty()) {
      throw new IllegalArgumentException("-p " + PARAM + "=... matches no case; cases: " + protocol.cases().stream().map(Case::name).toList());
    }

    int warmup = cmd.getWarmupIterations().orElse(WARMUP_ITERATIONS);
    TimeValue warmupTime = cmd.getWarmupTime().orElse(TimeValue.milliseconds(ITERATION_MILLIS));
    int measurement = cmd.getMeasurementIterations().orElse(MEASUREMENT_ITERATIONS);
    TimeValue measurementTime = cmd.getMeasurementTime().orElse(TimeValue.milliseconds(ITERATION_MILLIS));
    int forks = cmd.getForkCount().orElse(FORKS);
    ChainedOptionsBuilder options = new OptionsBuilder()
        .parent(cmd)
        .include(Pattern.quote(GasCalibrationBenchmark.class.getName()) + "\\.call")
        .param(PARAM, selected.stream().map(Case::name).toArray(String[]::new))
        .forks(forks)
        .warmupIterations(warmup)
        .warmupTime(warmupTime)
        .measurementIterations(measurement)
        .measurementTime(measurementTime)
        .mode(Mode.AverageTime)
        .timeUnit(TimeUnit.NANOSECONDS)
        .verbosity(cmd.verbosity().orElse(VerboseMode.NORMAL))
        .shouldFailOnError(true)
        .addProfiler(CpuTimePerOpProfiler.class);
    // a fixed heap, so a function's numbers do not depend on heap growth; JMH 1.37 uses
    // sun.misc.Unsafe, which JDK 25 warns about in every fork. -jvmArgsAppend adds to these.
    List<String> jvmArgs = new ArrayList<>(List.of("-Xms1g", "-Xmx1g", "--sun-misc-unsafe-memory-access=allow"));
    if (cmd.getJvmArgsAppend().hasValue()) jvmArgs.addAll(cmd.getJvmArgsAppend().get());
    options.jvmArgsAppend(jvmArgs.toArray(String[]::new));

    if (forks == 0) {
      // one JVM for every function, as a node runs them all: compile the shared framework with the
      // mixed profile of all cases first, so the first functions measured are not the only ones paying for it
      long primeEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(PRIME_SECONDS);
      long calls = 0;
      while (System.nanoTime() < primeEnd) {
        for (Case c : protocol.cases()) {
          if (!protocol.execute(c).isSuccess()) throw new IllegalStateException(c.name() + " failed while priming");
          calls++;
        }
      }
      System.out.printf(Locale.ROOT, "primed with %,d calls over all cases in %d s%n", calls, PRIME_SECONDS);
    } else {
      snapshotClasspath();
    }
    String loadBefore = loadAverage();
    long start = System.nanoTime();
    Collection<RunResult> results = new Runner(options.build()).run();
    double minutes = (System.nanoTime() - start) / 60e9;
    String loadAfter = loadAverage();

    Map<String, Case> byName = new LinkedHashMap<>();
    for (Case c : selected) byName.put(c.name(), c);
    List<Row> rows = new ArrayList<>();
    for (RunResult r : results) {
      Case c = byName.get(r.getParams().getParam(PARAM));
      List<Double> wall = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      List<Double> share = new ArrayList<>();
      for (BenchmarkResult b : r.getBenchmarkResults()) {
        for (IterationResult i : b.getIterationResults()) {
          wall.add(i.getPrimaryResult().getScore());
          cpu.add(i.getSecondaryResults().get(CpuTimePerOpProfiler.CPU_NS_PER_OP).getScore());
          share.add(i.getSecondaryResults().get(CpuTimePerOpProfiler.SHARE).getScore());
        }
      }
      rows.add(new Row(c, protocol.gas(c), Stats.of(wall), Stats.of(cpu), Stats.of(share).median()));
    }
    String settings = String.format(Locale.ROOT, "%d fork(s); warmup %d x %s; measurement %d x %s; %d functions; run took %.1f min",
        forks, warmup, warmupTime, measurement, measurementTime, rows.size(), minutes);
    System.out.println();
    System.out.print(report(rows, settings, loadBefore, loadAfter));
    System.out.println();
    System.out.print(gasTable(protocol, selected));
  }

  /**
   * One function's measurement: the median over the measurement iterations (robust to the odd
   * iteration disturbed by another process, a collection or a recompilation), and their range.
   */
  record Row(Case c, long gas, Stats wall, Stats cpu, double share) {
    double cpuPerGas() {
      return cpu.median() / gas;
    }

    double wallPerGas() {
      return wall.median() / gas;
    }
  }

  /** Median, minimum and maximum of per-iteration values. */
  record Stats(double median, double min, double max) {
    static Stats of(List<Double> values) {
      double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
      return new Stats(GasCalibrationReport.median(v), Arrays.stream(v).min().orElse(Double.NaN),
          Arrays.stream(v).max().orElse(Double.NaN));
    }

    /** Half the range, relative to the median, in percent. */
    String spread() {
      return String.format(Locale.ROOT, "%.1f", 50 * (max - min) / median);
    }
  }

  static String report(List<Row> rows, String settings, String loadBefore, String loadAfter) {
    StringBuilder out = new StringBuilder();
    out.append("== OpenLedger gas calibration: CPU time per gas, every function ==\n");
    out.append(String.format(Locale.ROOT, "machine: %d cores, %s; %s %s%n", Runtime.getRuntime().availableProcessors(), cpuModel(),
        System.getProperty("java.vm.name"), System.getProperty("java.runtime.version")));
    out.append("settings: ").append(settings).append('\n');
    out.append("load average (1/5/15 min) before: ").append(loadBefore).append(", after: ").append(loadAfter).append("\n\n");

    double median = median(rows.stream().mapToDouble(Row::cpuPerGas).toArray());
    double wallMedian = median(rows.stream().mapToDouble(Row::wallPerGas).toArray());
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingDouble(Row::cpuPerGas).reversed());
    int width = Math.max(8, rows.stream().mapToInt(r -> r.c().name().length()).max().orElse(8));
    String format = "| %3s | %-" + width + "s | %10s | %10s | %10s | %6s | %7s | %12s | %6s | %6s | %-4s |%n";
    out.append(String.format(Locale.ROOT, format, "#", "function", "gas", "wall ns", "CPU ns", "± %", "cpu-s/s",
        "CPU ns/kgas", "ratio", "wall r", "flag"));
    out.append(String.format(Locale.ROOT, format, "--:", "-".repeat(width), "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "----"));
    int n = 0;
    List<String> cheap = new ArrayList<>();
    List<String> dear = new ArrayList<>();
    for (Row r : sorted) {
      double ratio = r.cpuPerGas() / median;
      String flag = ratio > HIGH ? "HIGH" : ratio < LOW ? "low" : "";
      if (ratio > HIGH) cheap.add(String.format(Locale.ROOT, "%s (%.2fx)", r.c().name(), ratio));
      if (ratio < LOW) dear.add(String.format(Locale.ROOT, "%s (%.2fx)", r.c().name(), ratio));
      out.append(String.format(Locale.ROOT, format, ++n, r.c().name(), String.format(Locale.ROOT, "%,d", r.gas()),
          String.format(Locale.ROOT, "%,.0f", r.wall().median()),
          String.format(Locale.ROOT, "%,.0f", r.cpu().median()), r.cpu().spread(),
          String.format(Locale.ROOT, "%.2f", r.share()),
          String.format(Locale.ROOT, "%.2f", 1000 * r.cpuPerGas()),
          String.format(Locale.ROOT, "%.2f", ratio), String.format(Locale.ROOT, "%.2f", r.wallPerGas() / wallMedian), flag));
    }
    out.append(String.format(Locale.ROOT, """

        gas: Executor.gasRequirement for the case's calldata (what the call is charged). wall ns / CPU ns: per call, the
        median over the measurement iterations, by JMH's clock and by the CPU time of the benchmark's JVM (all threads:
        benchmark, GC, JIT). ± %%: half the range (max - min) of CPU ns over the iterations, relative to the median.
        cpu-s/s: CPU seconds the JVM got per wall second. ratio: CPU ns per gas over the median of all functions (wall r:
        the same by wall time).
        median: %.3f CPU ns per 1,000 gas (%.3f wall ns per 1,000 gas) over %d functions.
        """, 1000 * median, 1000 * wallMedian, rows.size()));
    out.append(String.format(Locale.ROOT, "outside [%.1fx, %.1fx] of the median: %d above (CPU work underpriced), %d below (overpriced)%n",
        LOW, HIGH, cheap.size(), dear.size()));
    if (!cheap.isEmpty()) out.append("  above ").append(HIGH).append("x: ").append(String.join(", ", cheap)).append('\n');
    if (!dear.isEmpty()) out.append("  below ").append(LOW).append("x: ").append(String.join(", ", dear)).append('\n');
    return out.toString();
  }

  /**
   * What each function is charged for the benchmark's arguments, itemised by {@link GasSchedule}
   * entry (nested calls included), and how much one more word of calldata adds.
   */
  static String gasTable(CalibrationProtocol protocol, List<Case> cases) {
    StringBuilder out = new StringBuilder("Gas for the benchmark arguments, by GasSchedule v1 entry (nested calls included):\n");
    int width = Math.max(8, cases.stream().mapToInt(c -> c.name().length()).max().orElse(8));
    String format = "| %-" + width + "s | %10s | %8s | %s | %s |%n";
    out.append(String.format(Locale.ROOT, format, "function", "gas", "+/word", "composition", "arguments"));
    out.append(String.format(Locale.ROOT, format, "-".repeat(width), "--:", "--:", "---", "---"));
    for (Case c : cases) {
      long gas = protocol.gas(c);
      long total = requirement(GasSchedule.V1, c, c.calldata());
      if (total != gas) throw new IllegalStateException(c.name() + ": requirement " + total + " is not the executor's " + gas);
      long perWord = requirement(GasSchedule.V1, c, Bytes.concatenate(c.calldata(), Bytes.wrap(new byte[32]))) - gas;
      out.append(String.format(Locale.ROOT, format, c.name(), String.format(Locale.ROOT, "%,d", gas),
          String.format(Locale.ROOT, "%,d", perWord), composition(c), c.arguments()));
    }
    out.append("""

        +/word: gas one more 32-byte word of calldata adds (the per-call calldataWord plus the rule's own per-word charge).
        composition: coefficients of the v1 entries in the requirement (finite differences), e.g. 12 R = 12 x storageRead.
        R storageRead, W storageWrite, S storageKey, VR viewRead, VS viewKey, T transfer, N nestedCall, L logs (topics, data bytes),
        K keccak (words), H hashBlock, MA multiplyAdd, AV abiValue, cd calldataWord.
        """);
    return out.toString();
  }


  /** The requirement as Executor computes it: the per-call base plus the function's rule. */
  static long requirement(GasSchedule s, Case c, Bytes calldata) {
    return s.callBase(calldata.size()) + c.function().gas().gas(s, calldata);
  }

  /** {@code requirement} as a sum of schedule entries: each entry's coefficient by a unit finite difference at v1. */
  static String composition(Case c) {
    long[] v1 = entries(GasSchedule.V1);
    long base = requirement(GasSchedule.V1, c, c.calldata());
    long[] coefficient = new long[v1.length];
    long check = 0;
    for (int i = 0; i < v1.length; i++) {
      long[] bumped = v1.clone();
      bumped[i]++;
      coefficient[i] = requirement(schedule(bumped), c, c.calldata()) - base;
      check += coefficient[i] * v1[i];
    }
    List<String> parts = new ArrayList<>();
    parts.add(coefficient[0] + " call + " + coefficient[1] + " cd");
    if (coefficient[2] != 0) parts.add(coefficient[2] + " R");
    if (coefficient[3] != 0) parts.add(coefficient[3] + " W");
    if (coefficient[4] != 0) parts.add(coefficient[4] + " S");
    if (coefficient[5] != 0) parts.add(coefficient[5] + " VR");
    if (coefficient[6] != 0) parts.add(coefficient[6] + " VS");
    if (coefficient[12] != 0) parts.add(coefficient[12] + " T");
    if (coefficient[13] != 0) parts.add(coefficient[13] + " N");
    if (coefficient[7] != 0) parts.add(coefficient[7] + " L (" + coefficient[8] + " topics, " + coefficient[9] + " B)");
    if (coefficient[10] != 0) parts.add(coefficient[10] + " K (" + coefficient[11] + " words)");
    if (coefficient[14] != 0) parts.add(coefficient[14] + " H");
    if (coefficient[15] != 0) parts.add(coefficient[15] + " MA");
    if (coefficient[16] != 0) parts.add(coefficient[16] + " AV");
    String s = String.join(" + ", parts);
    return check == base ? s : s + " (not linear at v1: " + check + " != " + base + ")";
  }

  private static long[] entries(GasSchedule s) {
    return new long[] {s.call(), s.calldataWord(), s.storageRead(), s.storageWrite(), s.storageKey(), s.viewRead(), s.viewKey(),
        s.logBase(), s.logTopic(), s.logDataByte(), s.keccakBase(), s.keccakWord(), s.transfer(), s.nestedCall(), s.hashBlock(), s.multiplyAdd(), s.abiValue()};
  }

  private static GasSchedule schedule(long[] e) {
    return new GasSchedule("probe", e[0], e[1], e[2], e[3], e[4], e[5], e[6], e[7], e[8], e[9], e[10], e[11], e[12], e[13], e[14], e[15], e[16]);
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /**
   * Points the forks at a copy of the class directories and of this project's jars on the
   * classpath (precompiles from ~/.m2), so that every fork executes the same code even when
   * someone rebuilds or reinstalls meanwhile. JMH builds each fork's {@code -cp} from {@code
   * java.class.path}.
   */
  private static void snapshotClasspath() throws IOException {
    Path snapshot = Files.createTempDirectory("openledger-gas-calibration-classes");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(snapshot)));
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path source = Path.of(entry);
      Path copy = snapshot.resolve(Integer.toString(n++));
      if (Files.isDirectory(source)) {
        try (Stream<Path> tree = Files.walk(source)) {
          for (Path p : (Iterable<Path>) tree::iterator) {
            Path target = copy.resolve(source.relativize(p).toString());
            if (Files.isDirectory(p)) Files.createDirectories(target);
            else Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
          }
        }
        entries.add(copy.toString());
      } else if (Files.isRegularFile(source) && entry.replace(File.separatorChar, '/').contains("/org/openledger/")) {
        Files.createDirectories(copy);
        Path target = copy.resolve(source.getFileName());
        Files.copy(source, target);
        entries.add(target.toString());
      } else {
        entries.add(entry);
      }
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

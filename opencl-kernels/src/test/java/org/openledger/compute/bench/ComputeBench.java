package org.openledger.compute.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.openledger.compute.BackendUnavailableException;
import org.openledger.compute.ComputeBackend;
import org.openledger.compute.cpu.CpuBackend;
import org.openledger.compute.features.FeatureRequest;
import org.openledger.compute.features.LayerBasis;
import org.openledger.compute.features.LayerGradients;
import org.openledger.compute.hash.Keccak256;
import org.openledger.compute.hash.MessageBatch;
import org.openledger.compute.linalg.DoubleMatrix;
import org.openledger.compute.linalg.FloatMatrix;
import org.openledger.compute.opencl.OpenClBackend;
import org.openledger.compute.opencl.OpenClDevice;
import org.openledger.compute.opencl.OpenClDiscovery;
import org.openledger.compute.opencl.OpenClTuning;
import org.openledger.compute.scoring.Int16Matrix;
import org.openledger.compute.scoring.ScoringIndex;
import org.openledger.compute.testing.RandomMatrices;

/**
 * The compute bench: each prover-shaped operation on our backends and on its reference (numpy
 * through Debian's python3, or single-thread Bouncy Castle for keccak), measured in the same run,
 * interleaved round by round, best time of each side. Prints speed ratios (reference time / our time:
 * above 1 means we are faster) against the issue's targets. numpy missing is a failure, not a skip.
 *
 * <p>{@code ./mvnw -pl opencl-kernels -am -Pbench -DskipTests verify} (-Dbench.args="quick" for
 * small shapes, "noopencl" or "nocpu" to skip a backend, "only:kron" or "only:gemm,only:keccak" to run
 * only those operations — gemm, gemm_bt, scoring, eigen, features, kron, keccak — "rounds:6" for more
 * interleaved rounds per CPU operation than the default 3 (each side keeps its best, so more rounds
 * filter out other processes' bursts on a shared machine), and "gemm.ts=32" etc. for OpenCL kernel
 * parameters).
 */
public final class ComputeBench {
  private final String python;
  private final boolean quick;
  private final List<String> only;
  /** Interleaved rounds per measured operation on the CPU backend; "rounds:N" raises it under a loaded machine. */
  private final int cpuRounds;
  private final List<String> rows = new ArrayList<>();
  private int failures;

  private ComputeBench(String python, boolean quick, List<String> only, int cpuRounds) {
    this.python = python;
    this.quick = quick;
    this.only = only;
    this.cpuRounds = cpuRounds;
  }

  /** Whether the operation runs: all of them unless some were named with only:NAME. */
  private boolean wants(String operation) {
    return only.isEmpty() || only.contains(operation);
  }

  public static void main(String[] args) throws Exception {
    // exec passes -Dbench.args as one argument: "quick noopencl" or "quick,noopencl"
    List<String> flags = java.util.Arrays.stream(args).flatMap(a -> java.util.Arrays.stream(a.split("[\\s,]+"))).toList();
    String python = System.getProperty("bench.python", Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3");
    // name=value arguments set OpenCL kernel parameters: gemm.ts=64 -> -Dopenledger.compute.opencl.gemm.ts=64
    flags.stream().filter(f -> f.contains("=")).forEach(f ->
        System.setProperty(OpenClTuning.PREFIX + f.substring(0, f.indexOf('=')), f.substring(f.indexOf('=') + 1)));
    List<String> only = flags.stream().filter(f -> f.startsWith("only:")).map(f -> f.substring(5)).toList();
    int rounds = flags.stream().filter(f -> f.startsWith("rounds:")).map(f -> Integer.parseInt(f.substring(7)))
        .reduce((a, b) -> b).orElse(flags.contains("quick") ? 2 : 3);
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds:N needs N ≥ 1, got " + rounds);
    }
    ComputeBench bench = new ComputeBench(python, flags.contains("quick"), only, rounds);
    bench.requireNumpy();
    System.out.println("CPU: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores; GC: "
        + java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList()
        + "; load average at start: " + loadAverage());
    if (!flags.contains("nocpu")) {
      try (CpuBackend cpu = new CpuBackend()) {
        System.out.println("backend: " + cpu.description());
        bench.run(cpu, "cpu", true);
      }
    }
    if (!flags.contains("noopencl")) {
      List<OpenClDevice> devices;
      try {
        devices = OpenClDiscovery.devices();
      } catch (BackendUnavailableException e) {
        devices = List.of();
        System.out.println("OpenCL: " + e.getMessage());
      }
      for (OpenClDevice device : devices) {
        try (OpenClBackend cl = new OpenClBackend(device, OpenClTuning.fromProperties(System.getProperties()))) {
          System.out.println("backend: " + cl.description());
          bench.run(cl, "opencl#" + device.index(), false);
        }
      }
    }
    System.out.println();
    System.out.printf(Locale.ROOT, "%-14s %-44s %12s %12s %9s %8s%n", "backend", "operation (shape)", "reference s", "ours s", "speed", "target");
    bench.rows.forEach(System.out::println);
    System.out.println("load average at end: " + loadAverage() + " (other processes share these cores; see docs/benchmarks.md)");
    if (bench.failures > 0) {
      System.out.println(bench.failures + " CPU result(s) below target");
    }
  }

  private void run(ComputeBackend backend, String label, boolean targets) throws Exception {
    // Each measurement in its own method: its inputs are garbage before the next one starts, so
    // no collection of an earlier measurement's gigabyte lands inside a later timing.
    int s = quick ? 8 : 1;
    // Targets apply to the CPU backend; an OpenCL device is recorded once (PoCL is slow at this).
    int rounds = targets ? cpuRounds : 1;
    int reps = targets ? 2 : 1;
    if (wants("gemm")) {
      gemm(backend, label, 4096 / s, 784, 1024 / s, rounds, reps, targets ? 0.9 : 0);
    }
    if (wants("gemm_bt")) {
      gemmTransposed(backend, label, 64, 1024, 100_000 / s, rounds, reps, targets ? 0.9 : 0);
    }
    if (wants("scoring")) {
      scoring(backend, label, 64, 1024, 100_000 / s, rounds, reps, targets ? 0.5 : 0);
    }
    if (targets && wants("eigen")) {
      eigen(backend, label, quick ? 512 : 4096, quick ? 2 : Math.max(1, cpuRounds / 3)); // ~12 s a side: a third of the rounds
    }
    if (wants("features")) {
      features(backend, label, 4096 / s, 10, 785, 1024 / s, true, rounds, reps, targets ? 1.0 : 0);
      features(backend, label, 4096 / s, 10, 785, 1024 / s, false, rounds, reps, 0);
    }
    if (wants("kron")) {
      kroneckerFeatures(backend, label, 4096 / s, 64, 785, 16, 32, rounds, reps, targets ? 1.0 : 0);
    }
    if (wants("keccak")) {
      keccak(backend, label, quick ? 1 << 16 : 1 << 20, rounds, reps, targets ? 1.8 : 0, targets);
    }
  }

  private void gemm(ComputeBackend backend, String label, int m, int k, int n, int rounds, int reps, double target)
      throws Exception {
    Random random = new Random(11);
    FloatMatrix a = floats(random, m, k);
    FloatMatrix b = floats(random, k, n);
    compare(label, "sgemm " + m + "x" + k + "x" + n, () -> numpy("gemm", 2, m, k, n), () -> backend.gemm(a, b), rounds, reps, target);
  }

  private void gemmTransposed(ComputeBackend backend, String label, int q, int k, int c, int rounds, int reps, double target)
      throws Exception {
    Random random = new Random(12);
    FloatMatrix psi = floats(random, q, k);
    FloatMatrix u = floats(random, c, k);
    compare(label, "sgemm " + q + "x" + k + "x" + c + " (A·Bᵀ)", () -> numpy("gemm_bt", 2, q, k, c),
        () -> backend.gemmTransposedB(psi, u), rounds, reps, target);
  }

  private void scoring(ComputeBackend backend, String label, int q, int k, int c, int rounds, int reps, double target)
      throws Exception {
    Random random = new Random(13);
    Int16Matrix psi16 = int16(random, q, k);
    Int16Matrix u16 = int16(random, c, k);
    try (ScoringIndex index = backend.prepare(u16)) {
      compare(label, "int16 top-16 " + q + "x" + k + "x" + c + " vs numpy sgemm", () -> numpy("gemm_bt", 2, q, k, c),
          () -> backend.scoreTopM(psi16, index, 16), rounds, reps, target);
    }
    compare(label, "  same, index prepared per call", () -> numpy("gemm_bt", 2, q, k, c),
        () -> backend.scoreTopM(psi16, u16, 16), 1, reps, 0);
  }

  private void eigen(ComputeBackend backend, String label, int n, int rounds) throws Exception {
    DoubleMatrix sym = symmetric(new Random(14), n);
    compare(label, "eigh (dsyevd) " + n, () -> numpy("eigh", 1, n), () -> backend.symmetricEigen(sym), rounds, 1, 0.9);
  }

  /**
   * Logistic regression's dense features. The target row feeds what the prover feeds: output
   * gradients that are softmax residuals (rows summing to zero, which the CPU backend exploits, see
   * {@code ZeroSumRows}), and numpy the same kind of P; the second row, without a target, feeds
   * unstructured Gaussian P to both, the shape-only comparison.
   */
  private void features(ComputeBackend backend, String label, int n, int out, int in, int k, boolean softmax, int rounds,
      int reps, double target) throws Exception {
    Random random = new Random(15);
    FloatMatrix p = softmax ? RandomMatrices.softmaxResiduals(random, n, out) : floats(random, n, out);
    FeatureRequest features = FeatureRequest.linear(
        new LayerGradients(p, floats(random, n, in)), new LayerBasis.Dense(floats(random, k, out * in)));
    String name = "features n=" + n + " " + out + "x" + in + " k=" + k + (softmax ? ", P softmax residuals" : ", P unstructured");
    compare(label, name, () -> numpy(softmax ? "features_softmax" : "features", 2, n, out, in, k),
        () -> backend.projectedGradients(features), rounds, reps, target);
  }

  /**
   * The MLP's first layer (785 → 64) with a K-FAC basis of 16 × 32 Kronecker pairs: against the
   * issue's expression with the same basis written densely ({@code np.kron}), and — without a
   * target, to show where the gain comes from — against numpy given the factored form too.
   */
  private void kroneckerFeatures(ComputeBackend backend, String label, int n, int out, int in, int kOut, int kIn, int rounds,
      int reps, double target) throws Exception {
    Random random = new Random(17);
    FeatureRequest features = FeatureRequest.linear(new LayerGradients(floats(random, n, out), floats(random, n, in)),
        new LayerBasis.Kronecker(floats(random, kOut, out), floats(random, kIn, in)));
    String shape = "n=" + n + " " + out + "x" + in + " k=" + kOut + "⊗" + kIn;
    compare(label, "kron features " + shape, () -> numpy("features_kron", 1, n, out, in, kOut, kIn),
        () -> backend.projectedGradients(features), rounds, reps, target);
    compare(label, "  same vs numpy's factored form", () -> numpy("features_kron_factored", 2, n, out, in, kOut, kIn),
        () -> backend.projectedGradients(features), rounds, reps, 0);
  }

  private void keccak(ComputeBackend backend, String label, int leaves, int rounds, int reps, double target, boolean perThread)
      throws Exception {
    byte[] nodes = new byte[leaves * 64];
    new Random(16).nextBytes(nodes);
    MessageBatch pairs = MessageBatch.merklePairs(nodes);
    compare(label, "keccak " + leaves + " x 64 B vs 1-thread BC", () -> time(() -> bouncyCastleSingleThread(pairs), 2),
        () -> backend.keccak256(pairs), rounds, reps, target);
    if (perThread) {
      // Per-thread speed, to tell parallel scaling apart from a faster permutation: the backend's
      // batch kernel confined to one worker thread, and the single-message Keccak256.
      ForkJoinPool oneWorker = new ForkJoinPool(1);
      try {
        compare(label, "  keccak batch on 1 thread vs 1-thread BC", () -> time(() -> bouncyCastleSingleThread(pairs), 2),
            () -> oneWorker.submit(() -> backend.keccak256(pairs)).join(), rounds, reps, 0);
      } finally {
        oneWorker.shutdown();
      }
      compare(label, "  keccak 1-thread Keccak256 vs 1-thread BC", () -> time(() -> bouncyCastleSingleThread(pairs), 2),
          () -> oursSingleThread(pairs), rounds, reps, 0);
    }
  }

  /** A measurement of the reference in seconds (numpy runs in its own process). */
  private interface Reference {
    double seconds() throws Exception;
  }

  /**
   * Reference and ours alternate for {@code rounds} rounds, each keeping its best time: on a shared
   * machine the minimum is the run least disturbed by other load, for both sides alike.
   */
  private void compare(String label, String operation, Reference reference, Supplier<?> ours, int rounds, int reps, double target)
      throws Exception {
    System.gc();
    double referenceSeconds = Double.MAX_VALUE;
    double mine = Double.MAX_VALUE;
    for (int round = 0; round < rounds; round++) {
      referenceSeconds = Math.min(referenceSeconds, reference.seconds());
      mine = Math.min(mine, time(ours, reps));
    }
    double speed = referenceSeconds / mine;
    String verdict = target == 0 ? "(record)" : String.format(Locale.ROOT, "≥%.1f %s", target, speed >= target ? "ok" : "LOW");
    if (target > 0 && speed < target) {
      failures++;
    }
    String row = String.format(Locale.ROOT, "%-14s %-44s %12.4f %12.4f %8.2fx %s", label, operation, referenceSeconds, mine, speed, verdict);
    System.out.println(row);
    rows.add(row);
  }

  private static double time(Supplier<?> work, int reps) {
    work.get();
    double best = Double.MAX_VALUE;
    for (int i = 0; i < reps; i++) {
      long t = System.nanoTime();
      work.get();
      best = Math.min(best, (System.nanoTime() - t) / 1e9);
    }
    return best;
  }

  private static byte[] oursSingleThread(MessageBatch batch) {
    byte[] out = new byte[batch.count() * 32];
    Keccak256 hasher = new Keccak256();
    for (int i = 0; i < batch.count(); i++) {
      hasher.hash(batch.bytes(), batch.offsets()[i], batch.length(i), out, i * 32);
    }
    return out;
  }

  private static byte[] bouncyCastleSingleThread(MessageBatch batch) {
    byte[] out = new byte[batch.count() * 32];
    KeccakDigest digest = new KeccakDigest(256);
    for (int i = 0; i < batch.count(); i++) {
      digest.update(batch.bytes(), batch.offsets()[i], batch.length(i));
      digest.doFinal(out, i * 32);
    }
    return out;
  }

  private void requireNumpy() throws Exception {
    Process p = new ProcessBuilder(python, "-c", "import numpy").redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("the bench compares against numpy and " + python + " cannot import it ("
          + output.strip() + "): install Debian's python3-numpy (apt-get install python3-numpy), or point -Dbench.python at one");
    }
  }

  /** Runs one numpy operation in a fresh python and returns its best time in seconds. */
  private double numpy(String op, int reps, int... shape) throws Exception {
    Path script = Files.createTempFile("bench_numpy", ".py");
    try (InputStream in = ComputeBench.class.getResourceAsStream("bench_numpy.py")) {
      Files.write(script, in.readAllBytes());
      List<String> command = new ArrayList<>(List.of(python, script.toString(), op, Integer.toString(reps)));
      for (int v : shape) {
        command.add(Integer.toString(v));
      }
      Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("numpy " + op + " failed: " + output);
      }
      return Double.parseDouble(output);
    } finally {
      Files.deleteIfExists(script);
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static FloatMatrix floats(Random random, int rows, int cols) {
    float[] data = new float[rows * cols];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) random.nextGaussian();
    }
    return new FloatMatrix(rows, cols, data);
  }

  private static Int16Matrix int16(Random random, int rows, int cols) {
    short[] data = new short[rows * cols];
    for (int i = 0; i < data.length; i++) {
      data[i] = (short) random.nextInt(1 << 16);
    }
    return new Int16Matrix(rows, cols, data);
  }

  private static DoubleMatrix symmetric(Random random, int n) {
    double[] a = new double[n * n];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c <= r; c++) {
        double v = random.nextGaussian();
        a[r * n + c] = v;
        a[c * n + r] = v;
      }
    }
    return new DoubleMatrix(n, n, a);
  }
}

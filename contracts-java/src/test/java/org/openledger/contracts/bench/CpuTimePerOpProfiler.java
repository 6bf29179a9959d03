package org.openledger.contracts.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU nanoseconds per operation: the CPU time this JVM used during an iteration (all threads:
 * benchmark, GC, JIT) over the operations of the iteration; the approach of the precompiles'
 * {@code CpuTimeProfiler}, as a cost per call rather than a throughput. On a machine shared with
 * other builds, wall-clock time per call mostly measures how much CPU the benchmark was given;
 * CPU time per call measures what a call costs.
 */
public final class CpuTimePerOpProfiler implements InternalProfiler {
  static final String CPU_NS_PER_OP = "cpu.ns/op";
  static final String SHARE = "cpu.share";
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private long cpuStart;
  private long wallStart;

  @Override
  public String getDescription() {
    return "CPU nanoseconds of this JVM (all threads) per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    wallStart = System.nanoTime();
    cpuStart = OS.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    long cpu = OS.getProcessCpuTime() - cpuStart;
    long wall = System.nanoTime() - wallStart;
    // every operation of the iteration, including those while the worker synchronises at its
    // start and end: the CPU window covers those too
    long ops = result.getMetadata().getAllOps();
    return List.of(
        new ScalarResult(CPU_NS_PER_OP, (double) cpu / ops, "cpu-ns/op", AggregationPolicy.AVG),
        new ScalarResult(SHARE, (double) cpu / wall, "cpu-s/s", AggregationPolicy.AVG));
  }
}

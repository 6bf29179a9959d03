package org.openledger.precompiles.bench;

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
 * Measures each iteration's operations against the CPU time this JVM used meanwhile. On a
 * machine shared with other builds, wall-clock throughput mostly measures how much CPU the
 * benchmark was given; CPU-time throughput measures what an operation costs.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  static final String THROUGHPUT = "cpu.throughput";
  static final String SHARE = "cpu.share";
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private long cpuStart;
  private long wallStart;

  @Override
  public String getDescription() {
    return "operations per second of this JVM's CPU time (all threads)";
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
    // all operations of the iteration, including those while the worker threads synchronise
    // at its start and end: the CPU window covers those too
    long ops = result.getMetadata().getAllOps();
    return List.of(
        new ScalarResult(THROUGHPUT, ops / (cpu / 1e9), "ops/cpu-s", AggregationPolicy.AVG),
        new ScalarResult(SHARE, (double) cpu / wall, "cpu-s/s", AggregationPolicy.AVG));
  }
}

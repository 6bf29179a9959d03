package org.openledger.contracts.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openledger.precompiles.executor.Executor;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.host.Host;
import org.openledger.precompiles.host.Message;

/**
 * One native call per invocation: the calibration case named by {@link #function} (e.g. {@code
 * Staking.claimAll}), through {@link Executor#execute} on the prepared protocol state, read-only
 * ({@link ReadOnlyHost}), so every invocation does the same work: fork lookup, gas requirement,
 * dispatch, strict ABI decoding, the function body with every storage access, log, transfer and
 * nested call metered through the journal, output encoding, and the commit (whose writes the host
 * drops). {@link GasCalibrationReport} runs it for every case and relates the CPU time per call to
 * the gas the call is charged.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GasCalibrationBenchmark {
  /** A case name, {@code Contract.function}; {@link GasCalibrationReport} passes the selected ones. */
  @Param({"Staking.clock"})
  public String function;

  private Executor executor;
  private Host host;
  private Message message;

  @Setup(Level.Trial)
  public void setUp() {
    CalibrationProtocol protocol = CalibrationProtocol.build();
    CalibrationProtocol.Case c = protocol.find(function);
    protocol.requireSuccess(c); // fails the run, with the decoded error, if the case does not succeed
    executor = protocol.executor();
    host = protocol.host();
    message = c.message();
    // in one JVM for all functions (the report's default), the previous function's prepared state
    // is garbage now: collect it here rather than during this function's iterations
    System.gc();
  }

  @Benchmark
  public CallResult call() {
    CallResult result = executor.execute(host, message);
    if (result.status() != CallResult.Status.SUCCESS) {
      throw new IllegalStateException(function + " did not succeed: " + result);
    }
    return result; // consumed by JMH's blackhole
  }
}

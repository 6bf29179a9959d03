package org.openledger.contracts.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.util.Locale;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.attribution.AttributedProtocol;
import org.openledger.contracts.attribution.AttributionProof;
import org.openledger.contracts.attribution.AttributionVerifier;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.prover.Provers;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.executor.Executor;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.host.Message;

/**
 * Proof size, gas and in-process verification rate of real v1 proofs at k = 512, M = 16, for
 * n = 100 and 1,000 index leaves: {@code submitProof} through the executor on a read-only copy of
 * the prepared chain (the same call again and again), against references run in the same JVM:
 * hashing the proof's bytes once with keccak, and two views whose price the gas calibration checked
 * (docs/gas.md §4), to compare CPU per gas.
 *
 * <pre>./mvnw -q -B -pl contracts-java -Pbench test-compile exec:exec -Dbench.main=org.openledger.contracts.bench.AttributionProofBench</pre>
 */
public final class AttributionProofBench {
  static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) {
    System.out.println("k = 512, M = 16; CPU ns per call on this thread, median of 7 rounds after warm-up");
    System.out.printf(Locale.ROOT, "%6s %8s %4s %11s %11s %12s %12s %9s %12s %12s%n", "n", "bytes", "p", "submit gas", "verify gas",
        "submit ns", "keccak ns", "ratio", "ns/1k gas", "vs views");
    for (int n : new int[] {100, 1_000}) run(n);
  }

  static void run(int n) {
    AttributedProtocol a = new AttributedProtocol(n, n, 512);
    BigInteger id = a.claimedRequest();
    AttributionProof proof = a.proof(id);
    Bytes bytes = proof.encode();
    Executor executor = a.p.chain.executor();
    ReadOnlyHost host = new ReadOnlyHost(a.p.chain.host);
    long block = a.p.chain.blockNumber();

    Message submit = Message.call(a.p.prover, Addresses.PROVERS, BigInteger.ZERO, Provers.SUBMIT_PROOF.encodeCall(id, bytes), 30_000_000);
    Message claimOf = Message.staticCall(a.p.user, Addresses.PROVERS, Provers.CLAIM_OF.encodeCall(id), 30_000_000);
    Message version = Message.staticCall(a.p.user, Addresses.MODELS, Models.VERSION_VIEW.encodeCall(a.model, BigInteger.ONE), 30_000_000);
    long submitGas = executor.gasRequirement(Addresses.PROVERS, submit.data(), block);
    long verifyGas = AttributionVerifier.gas(GasSchedule.V1, bytes);
    long claimOfGas = executor.gasRequirement(Addresses.PROVERS, claimOf.data(), block);
    long versionGas = executor.gasRequirement(Addresses.MODELS, version.data(), block);

    CallResult r = executor.execute(host, submit);
    if (!r.isSuccess()) throw new IllegalStateException("the proof does not verify: " + a.p.chain.describe(Addresses.PROVERS, r));
    int rounds = 7, calls = 400;
    double submitNs = median(rounds, calls, () -> executor.execute(host, submit));
    double keccakNs = median(rounds, calls, () -> Keccak.hash(bytes.toArrayUnsafe()));
    double claimOfNs = median(rounds, calls * 20, () -> executor.execute(host, claimOf));
    double versionNs = median(rounds, calls * 20, () -> executor.execute(host, version));
    double perGas = submitNs * 1000 / submitGas;
    double viewsPerGas = Math.sqrt((claimOfNs * 1000 / claimOfGas) * (versionNs * 1000 / versionGas));
    System.out.printf(Locale.ROOT, "%6d %8d %4d %,11d %,11d %,12.0f %,12.0f %8.1fx %12.1f %11.2fx%n", n, bytes.size(), proof.multiproof().size(),
        submitGas, verifyGas, submitNs, keccakNs, submitNs / keccakNs, perGas, perGas / viewsPerGas);
    System.out.printf(Locale.ROOT, "       submitProof: %,.0f verifications/s on one core; views: claimOf %.1f, version %.1f CPU ns per 1k gas%n",
        1e9 / submitNs, claimOfNs * 1000 / claimOfGas, versionNs * 1000 / versionGas);
  }

  /** CPU ns per call: the median over {@code rounds} rounds of {@code calls} calls, after as many rounds of warm-up. */
  static double median(int rounds, int calls, Runnable call) {
    double[] perCall = new double[rounds];
    for (int w = 0; w < rounds; w++) for (int i = 0; i < calls; i++) call.run();
    for (int round = 0; round < rounds; round++) {
      long start = CPU.getCurrentThreadCpuTime();
      for (int i = 0; i < calls; i++) call.run();
      perCall[round] = (CPU.getCurrentThreadCpuTime() - start) / (double) calls;
    }
    java.util.Arrays.sort(perCall);
    return perCall[rounds / 2];
  }
}

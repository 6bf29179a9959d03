package org.openledger.contracts.bench;

import static org.openledger.contracts.bench.AttributionProofBench.median;

import java.math.BigInteger;
import java.util.Locale;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Protocol;
import org.openledger.contracts.attribution.AttributedProtocol;
import org.openledger.contracts.attribution.SpanProof;
import org.openledger.contracts.attribution.SpanProofVerifier;
import org.openledger.contracts.attribution.SpanProtocol;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.prover.Provers;
import org.openledger.precompiles.executor.Executor;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.host.Message;

/**
 * CPU per gas of {@code submitProof} with real v2 span proofs (docs/text-attribution.md §6): a
 * two-span proof and the largest one (32 spans × 16 chunks × 4 KiB), each executed again and again
 * on a read-only copy of its prepared chain, against references in the same JVM: a v1 gradient
 * proof (k = 512, M = 16, 1,000 leaves) and the two calibrated views of AttributionProofBench.
 *
 * <pre>./mvnw -q -B -pl contracts-java -Pbench test-compile exec:exec -Dbench.main=org.openledger.contracts.bench.SpanProofBench</pre>
 */
public final class SpanProofBench {

  public static void main(String[] args) {
    System.out.println("CPU ns per call on this thread, median of 7 rounds after warm-up");
    System.out.printf(Locale.ROOT, "%-22s %8s %11s %11s %12s %10s %10s %10s%n", "proof", "bytes", "submit gas", "verify gas", "submit ns",
        "ns/1k gas", "vs views", "vs v1");
    AttributedProtocol v1 = new AttributedProtocol(1_000, 1_000, 512);
    BigInteger v1Id = v1.claimedRequest();
    Case reference = measure("v1 k=512 M=16 n=1000", v1.p, v1.model, v1Id, v1.proof(v1Id).encode(), 400);
    double views = viewsPerGas(v1.p, v1.model, v1Id);
    reference.print(views, reference.perGas());
    SpanProtocol t = new SpanProtocol();
    BigInteger id = t.claimedRequest();
    measure("v2 two spans", t.p, t.model, id, t.proof(id).encode(), 400).print(views, reference.perGas());
    SpanProtocol.Claimed largest = SpanProtocol.largest();
    measure("v2 32x16 spans, 4 KiB", largest.p(), largest.model(), largest.requestId(), largest.proof().encode(), 40).print(views, reference.perGas());
  }

  record Case(String name, int bytes, long submitGas, long verifyGas, double submitNs) {
    double perGas() {
      return submitNs * 1000 / submitGas;
    }

    void print(double viewsPerGas, double v1PerGas) {
      System.out.printf(Locale.ROOT, "%-22s %,8d %,11d %,11d %,12.0f %10.1f %9.2fx %9.2fx%n", name, bytes, submitGas, verifyGas, submitNs, perGas(),
          perGas() / viewsPerGas, perGas() / v1PerGas);
    }
  }

  static Case measure(String name, Protocol p, BigInteger model, BigInteger id, Bytes proof, int calls) {
    Executor executor = p.chain.executor();
    ReadOnlyHost host = new ReadOnlyHost(p.chain.host);
    Message submit = Message.call(p.prover, Addresses.PROVERS, BigInteger.ZERO, Provers.SUBMIT_PROOF.encodeCall(id, proof), 30_000_000);
    long submitGas = executor.gasRequirement(Addresses.PROVERS, submit.data(), p.chain.blockNumber());
    long verifyGas = SpanProofVerifier.isSpanProof(proof) ? SpanProofVerifier.gas(GasSchedule.V1, proof)
        : org.openledger.contracts.attribution.AttributionVerifier.gas(GasSchedule.V1, proof);
    CallResult r = executor.execute(host, submit);
    if (!r.isSuccess()) throw new IllegalStateException(name + " does not verify: " + p.chain.describe(Addresses.PROVERS, r));
    return new Case(name, proof.size(), submitGas, verifyGas, median(7, calls, () -> executor.execute(host, submit)));
  }

  /** The geometric mean CPU ns per 1,000 gas of Provers.claimOf and Models.version, the calibrated views. */
  static double viewsPerGas(Protocol p, BigInteger model, BigInteger id) {
    Executor executor = p.chain.executor();
    ReadOnlyHost host = new ReadOnlyHost(p.chain.host);
    long block = p.chain.blockNumber();
    Message claimOf = Message.staticCall(p.user, Addresses.PROVERS, Provers.CLAIM_OF.encodeCall(id), 30_000_000);
    Message version = Message.staticCall(p.user, Addresses.MODELS, Models.VERSION_VIEW.encodeCall(model, BigInteger.ONE), 30_000_000);
    double claimOfNs = median(7, 8_000, () -> executor.execute(host, claimOf));
    double versionNs = median(7, 8_000, () -> executor.execute(host, version));
    return Math.sqrt((claimOfNs * 1000 / executor.gasRequirement(Addresses.PROVERS, claimOf.data(), block))
        * (versionNs * 1000 / executor.gasRequirement(Addresses.MODELS, version.data(), block)));
  }
}

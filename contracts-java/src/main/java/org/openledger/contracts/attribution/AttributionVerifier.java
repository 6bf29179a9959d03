package org.openledger.contracts.attribution;

import java.math.BigInteger;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.CallContext;
import org.openledger.precompiles.gas.GasSchedule;

/**
 * Checks a Proof of Attribution on-chain, before any OPEN moves (DESIGN §6). The Provers contract
 * calls it when a prover submits a proof; the (contributor, score) list it returns is the only
 * thing settlement pays contributors from.
 *
 * <p>Implementations throw a {@link org.openledger.precompiles.contract.Revert} with a custom error
 * for any proof that does not verify; they read chain state only through the {@link CallContext}.
 */
@FunctionalInterface
public interface AttributionVerifier {

  /** What a proof is bound to, so it cannot be replayed for another chain, contract, model or request. */
  record Binding(long chainId, Address provers, BigInteger requestId, BigInteger modelId, BigInteger version,
                 Bytes32 inputHash, Bytes32 outputHash, Address prover) {}

  /** Contributors with their exact integer scores, as the proof establishes them. */
  record Verified(List<Address> contributors, List<BigInteger> scores) {
    public Verified {
      contributors = List.copyOf(contributors);
      scores = List.copyOf(scores);
      if (contributors.size() != scores.size()) throw new IllegalArgumentException("one score per contributor");
    }
  }

  Verified verify(CallContext ctx, Binding binding, Bytes proof);

  /**
   * The gas budget of verifying a proof of {@code proofBytes} bytes, part of {@code submitProof}'s
   * requirement: a few storage reads and nested view calls (the version's roots) and hashing the
   * proof several times over (leaves and the Merkle multiproof). A verifier's metered work must
   * fit it; the executor halts one that does not. Slot keys are not metered: a verifier must stay
   * within the 8 (its own) and 3 (per nested view) this budget prices.
   */
  static long gas(GasSchedule s, long proofBytes) {
    return 8 * (s.storageRead() + s.storageKey()) + 2 * (s.nestedCall() + s.callBase(68) + s.view(8, 3)) + 4 * s.keccak(proofBytes);
  }
}

package org.openledger.contracts.attribution;

import java.math.BigInteger;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.model.Models;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.abi.AbiCodec;
import org.openledger.precompiles.abi.AbiType;
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
                 Bytes32 inputHash, Bytes32 outputHash, Address prover) {
    private static final AbiType.Tuple TYPES =
        (AbiType.Tuple) AbiType.parse("(uint256,address,uint256,uint256,uint256,bytes32,bytes32,address)");

    /** {@code keccak256(abi.encode(chainId, provers, requestId, modelId, version, inputHash, outputHash, prover))}: what a proof carries. */
    public Bytes32 hash() {
      return Bytes32.wrap(Keccak.hash(AbiCodec.encode(TYPES,
          List.of(BigInteger.valueOf(chainId), provers, requestId, modelId, version, inputHash, outputHash, prover))));
    }
  }

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
   * The gas budget of verifying {@code proof} with {@link IndexProofVerifier}, part of {@code
   * submitProof}'s requirement, a pure function of the proof's bytes: the two nested views on
   * Models (the version, the parameters), the binding hash, decoding, and — when the layout holds
   * together and includes at most M leaves (none included: the multiproof's one hash is the root), the only case in which the verifier gets that far —
   * hashing each leaf, one hash per multiproof step ({@code m + p − 1} at most: each step consumes
   * a multiproof hash or joins two known nodes), the index root, and {@code m · k} multiply-adds of
   * rescoring. A
   * proof whose header does not add up is refused while decoding and pays only for that.
   */
  static long gas(GasSchedule s, Bytes proof) {
    long bytes = proof.size();
    long fixed = Models.VERSION_VIEW.nestedCost(s, BigInteger.ONE, BigInteger.ONE) + Models.PARAMETERS.nestedCost(s)
        + s.hashing(BINDING_BYTES) + s.multiplyAdd() * (bytes / 2);
    if (bytes < AttributionProof.HEADER_BYTES) return fixed;
    long k = ((proof.get(33) & 0xFF) << 8) | (proof.get(34) & 0xFF);
    long mAt = AttributionProof.HEADER_BYTES + 2 * k + 4;
    if (k == 0 || bytes <= mAt) return fixed;
    long m = proof.get((int) mAt) & 0xFF;
    long pAt = mAt + 1 + m * (AttributionProof.LEAF_FIXED_BYTES + 2 * k);
    if (m > AttributionProof.MAX_LEAVES || bytes < pAt + 2) return fixed;
    long p = ((proof.get((int) pAt) & 0xFF) << 8) | (proof.get((int) pAt + 1) & 0xFF);
    if (bytes != AttributionProof.size((int) k, (int) m, (int) p)) return fixed;
    // + one block for keccak(uint32 n ‖ treeRoot)
    return fixed + m * s.hashing(IndexLeaf.bytes((int) k)) + (m + p - 1 + 1) * s.hashBlock() + m * k * s.multiplyAdd();
  }

  /** {@code abi.encode} of a {@link Binding}: eight words. */
  int BINDING_BYTES = 8 * 32;
}

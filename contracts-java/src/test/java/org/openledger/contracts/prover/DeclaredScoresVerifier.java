package org.openledger.contracts.prover;

import java.math.BigInteger;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.attribution.AttributionVerifier;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.abi.AbiCodec;
import org.openledger.precompiles.abi.AbiType;
import org.openledger.precompiles.contract.CallContext;
import org.openledger.precompiles.contract.Declarations;
import org.openledger.precompiles.contract.ErrorSpec;

/**
 * TEST DOUBLE for the Proof-of-Attribution verifier that arrives in issue [7/9]: it accepts a
 * proof {@code abi.encode(bytes32 binding, address[] contributors, uint256[] scores)} whose binding
 * hash matches the request, and trusts the scores. Tests of the settlement pipeline's mechanics
 * (claims, challenge windows, splits, refunds) use it to choose scores freely; production forks use
 * {@link org.openledger.contracts.attribution.IndexProofVerifier}, whose own tests build real proofs.
 */
public final class DeclaredScoresVerifier implements AttributionVerifier {
  static final AbiType.Tuple PROOF = (AbiType.Tuple) AbiType.parse("(bytes32,address[],uint256[])");
  private static final Declarations D = new Declarations("ITestVerifier");
  static final ErrorSpec WRONG_BINDING = D.error("WrongBinding(bytes32 expected, bytes32 got)", "Proof bound to another request.");
  static final ErrorSpec MALFORMED = D.error("MalformedProof()", "Proof does not decode.");

  /** The binding hash a proof must carry: the real verifier's ({@link Binding#hash()}). */
  public static Bytes32 bindingHash(Binding b) {
    return b.hash();
  }

  public static Bytes proof(Binding b, List<Address> contributors, List<BigInteger> scores) {
    return Bytes.wrap(AbiCodec.encode(PROOF, List.of(bindingHash(b), contributors, scores)));
  }

  @Override
  public Verified verify(CallContext ctx, Binding binding, Bytes proof) {
    List<Object> parts;
    try {
      parts = AbiCodec.decode(PROOF, proof);
    } catch (RuntimeException e) {
      throw MALFORMED.revert();
    }
    Bytes32 expected = bindingHash(binding);
    Bytes32 got = Bytes32.wrap((Bytes) parts.get(0));
    if (!expected.equals(got)) throw WRONG_BINDING.revert(expected, got);
    @SuppressWarnings("unchecked")
    List<Address> who = (List<Address>) (List<?>) parts.get(1);
    @SuppressWarnings("unchecked")
    List<BigInteger> scores = (List<BigInteger>) (List<?>) parts.get(2);
    if (who.size() != scores.size()) throw MALFORMED.revert();
    return new Verified(who, scores);
  }
}

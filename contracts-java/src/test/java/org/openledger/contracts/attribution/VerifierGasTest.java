package org.openledger.contracts.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.prover.Provers;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.host.CallResult;

/** The verifier's gas is a function of the proof's bytes, known before it runs, and covers what it meters. */
class VerifierGasTest {
  static final GasSchedule S = GasSchedule.V1;
  final AttributedProtocol a = new AttributedProtocol(3, 100, 32);

  @Test
  void aWellFormedProofPaysForItsLeavesMultiproofStepsAndRescoring() {
    AttributionProof proof = a.proof(a.claimedRequest());
    int m = proof.leaves().size(), p = proof.multiproof().size(), k = proof.k();
    long fixed = Models.VERSION_VIEW.nestedCost(S, BigInteger.ONE, BigInteger.ONE) + Models.PARAMETERS.nestedCost(S) + S.hashing(256)
        + S.multiplyAdd() * (proof.size() / 2);
    assertThat(AttributionVerifier.gas(S, proof.encode()))
        .isEqualTo(fixed + m * S.hashing(IndexLeaf.bytes(k)) + (m + p) * S.hashBlock() + (long) m * k * S.multiplyAdd());
  }

  @Test
  void anEmptyProofPaysForDecodingAndHashingTheIndexRoot() {
    AttributionProof empty = a.emptyProof(a.claimedRequest());
    long fixed = Models.VERSION_VIEW.nestedCost(S, BigInteger.ONE, BigInteger.ONE) + Models.PARAMETERS.nestedCost(S) + S.hashing(256)
        + S.multiplyAdd() * (empty.size() / 2);
    assertThat(AttributionVerifier.gas(S, empty.encode())).isEqualTo(fixed + S.hashBlock());
  }

  @Test
  void aValidEmptySubmissionIsChargedExactlyItsRequirement() {
    BigInteger id = a.claimedRequest();
    Bytes calldata = Provers.SUBMIT_PROOF.encodeCall(id, a.emptyProof(id).encode());
    long requirement = a.p.chain.executor().gasRequirement(Addresses.PROVERS, calldata, a.p.chain.blockNumber());
    CallResult r = a.p.chain.send(a.p.prover, Addresses.PROVERS, BigInteger.ZERO, calldata);
    assertThat(r.isSuccess()).isTrue();
    assertThat(r.gasUsed()).isEqualTo(requirement);
  }

  @Test
  void aProofWhoseHeaderDoesNotAddUpPaysOnlyForDecoding() {
    Bytes proof = a.proof(a.claimedRequest()).encode();
    Bytes trailing = Bytes.concatenate(proof, Bytes.of(0));
    long fixed = Models.VERSION_VIEW.nestedCost(S, BigInteger.ONE, BigInteger.ONE) + Models.PARAMETERS.nestedCost(S) + S.hashing(256);
    assertThat(AttributionVerifier.gas(S, trailing)).isEqualTo(fixed + S.multiplyAdd() * (trailing.size() / 2));
    assertThat(AttributionVerifier.gas(S, proof.slice(0, 20))).isEqualTo(fixed + S.multiplyAdd() * 10);
  }

  @Test
  void aValidSubmissionIsChargedExactlyItsRequirement() {
    BigInteger id = a.claimedRequest();
    Bytes calldata = Provers.SUBMIT_PROOF.encodeCall(id, a.proof(id).encode());
    long requirement = a.p.chain.executor().gasRequirement(Addresses.PROVERS, calldata, a.p.chain.blockNumber());
    CallResult r = a.p.chain.send(a.p.prover, Addresses.PROVERS, BigInteger.ZERO, calldata);
    assertThat(r.isSuccess()).isTrue();
    assertThat(r.gasUsed()).isEqualTo(requirement);
  }

  @Test
  void moreLeavesCostMoreGas() {
    BigInteger id = a.claimedRequest();
    AttributionProof sixteen = a.proof(id);
    AttributionProof one = AttributionProof.build(sixteen.binding(), 0, sixteen.psi(), a.leaves, a.tree, 1);
    assertThat(AttributionVerifier.gas(S, one.encode())).isLessThan(AttributionVerifier.gas(S, sixteen.encode()));
  }
}

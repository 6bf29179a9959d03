package org.openledger.prover.proof;

import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.attribution.AttributionVerifier;

/**
 * Computes the Proof of Attribution for a resulted inference request (docs/attribution.md): loads
 * the version's committed weights, basis and index, recomputes the output from the committed input
 * (inference verification), and builds the proof the Provers contract verifies.
 */
public interface ProofEngine {

  /** What the chain committed for the request's model version. */
  record Version(Bytes32 weightsRoot, Bytes32 basisRoot, Bytes32 indexRoot, int basisRank, int outputFunction) {}

  /** The result of trying to prove a request. */
  sealed interface Outcome {
    /** A proof the verifier accepts, paying {@code contributors} contributors. */
    record Proof(Bytes bytes, int contributors) implements Outcome {}

    /**
     * The host's posted output is not what the committed weights compute from the committed input:
     * no honest prover can prove it, so the request times out and the requester is refunded.
     */
    record WrongOutput(String detail) implements Outcome {}

    /** This engine cannot prove it (unsupported output function, data unavailable, …). */
    record NotProvable(String reason) implements Outcome {}
  }

  Outcome prove(AttributionVerifier.Binding binding, Version version);
}

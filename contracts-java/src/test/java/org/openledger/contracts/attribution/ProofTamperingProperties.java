package org.openledger.contracts.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.prover.Provers;
import org.openledger.precompiles.host.CallResult;

/**
 * No single flipped bit turns a valid proof into another accepted one — except in {@code e_ψ},
 * which the chain does not check (docs §3: it only rescales every score alike, and the declared
 * scores are checked against ψ as given): a flipped {@code e_ψ} either is malformed or pays exactly
 * the same list. Anywhere else a flip changes what the chain recomputes: ψ (every leaf vector has
 * only non-zero coordinates here, so the first leaf's score moves), a leaf, its index, a score, a
 * multiproof hash, the binding, or a length that no longer adds up.
 */
class ProofTamperingProperties {
  static final AttributedProtocol A = new AttributedProtocol(11, 60, 4);
  static final BigInteger ID = A.claimedRequest();
  static final AttributionProof PROOF = A.proof(ID);
  static final Bytes BYTES = PROOF.encode();
  static final int PSI_SHIFT_BYTE = 35;

  @Provide
  Arbitrary<Integer> bitsOutsidePsiShift() {
    return Arbitraries.integers().between(0, 8 * BYTES.size() - 1).filter(bit -> bit / 8 != PSI_SHIFT_BYTE);
  }

  @Property(tries = 1500)
  void anySingleFlippedBitOutsideThePsiShiftIsRefusedAndChangesNothing(@ForAll("bitsOutsidePsiShift") int bit) {
    CallResult r = A.submit(A.p.prover, ID, flipped(bit));
    assertThat(r.status()).as("bit %d: %s", bit, A.p.chain.describe(Addresses.PROVERS, r)).isEqualTo(CallResult.Status.REVERT);
    assertThat(A.lastSubmitChangedNothing).isTrue();
  }

  @Test
  void aFlippedPsiShiftBitIsMalformedOrPaysExactlyTheSameList() {
    for (int b = 0; b < 8; b++) {
      AttributedProtocol fresh = new AttributedProtocol(11, 60, 4);
      BigInteger id = fresh.claimedRequest();
      AttributionProof honest = fresh.proof(id);
      byte[] bytes = honest.encode().toArray();
      bytes[PSI_SHIFT_BYTE] ^= (byte) (1 << b);
      CallResult r = fresh.submit(fresh.p.prover, id, Bytes.wrap(bytes));
      if ((bytes[PSI_SHIFT_BYTE] & 0xFF) > 62) {
        assertThat(IndexProofVerifier.MALFORMED_PROOF.decode(r.output())).containsExactly(BigInteger.valueOf(PSI_SHIFT_BYTE));
      } else {
        assertThat(r.isSuccess()).isTrue();
        List<?> verified = (List<?>) fresh.p.chain.view(Addresses.PROVERS, Provers.VERIFIED_ATTRIBUTION, id);
        assertThat(verified.get(3)).isEqualTo(honest.leaves().stream().map(l -> BigInteger.valueOf(l.score())).toList());
      }
    }
  }

  static Bytes flipped(int bit) {
    byte[] b = BYTES.toArray();
    b[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
    return Bytes.wrap(b);
  }
}

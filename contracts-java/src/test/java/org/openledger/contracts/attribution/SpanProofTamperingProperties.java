package org.openledger.contracts.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.contracts.Addresses;
import org.openledger.precompiles.host.CallResult;

/**
 * No single flipped bit turns a valid span proof into another accepted one — except in a span's
 * end: moving it back to an earlier token boundary still gives a true statement (a shorter stretch
 * that occurs where the proof says), which the chain accepts if it keeps minTokens tokens; that it
 * is not maximal is a challenge's to show (docs/text-attribution.md §6). Anywhere else a flip
 * changes the binding, the input or output (their hashes), a chunk (the corpus root), the
 * multiproof, a start or offset (the bytes no longer match), a slot or count (range, order,
 * layout), and it is refused with nothing changed.
 */
class SpanProofTamperingProperties {
  static final SpanProtocol T = new SpanProtocol();
  static final BigInteger ID = T.claimedRequest();
  static final SpanProof PROOF = T.proof(ID);
  static final Bytes BYTES = PROOF.encode();
  static final Set<Integer> SPAN_END_BYTES = spanEndBytes();

  static Set<Integer> spanEndBytes() {
    Set<Integer> out = new HashSet<>();
    int at = 1 + 32 + 4 + PROOF.input().length + 4 + PROOF.output().length + 4 + 1;
    for (SpanProof.ProvenSpan s : PROOF.spans()) {
      for (int i = 0; i < 4; i++) out.add(at + 4 + i);
      at += 4 + 4 + 1 + 8 * s.occurrences().size();
    }
    return out;
  }

  @Provide
  Arbitrary<Integer> bitsOutsideSpanEnds() {
    return Arbitraries.integers().between(0, 8 * BYTES.size() - 1).filter(bit -> !SPAN_END_BYTES.contains(bit / 8));
  }

  @Property(tries = 1500)
  void anySingleFlippedBitOutsideASpansEndIsRefusedAndChangesNothing(@ForAll("bitsOutsideSpanEnds") int bit) {
    byte[] b = BYTES.toArray();
    b[bit / 8] ^= (byte) (1 << (bit % 8));
    CallResult r = T.submit(ID, Bytes.wrap(b));
    assertThat(r.status()).as("bit %d: %s", bit, T.p.chain.describe(Addresses.PROVERS, r)).isEqualTo(CallResult.Status.REVERT);
    assertThat(T.lastSubmitChangedNothing).isTrue();
  }
}

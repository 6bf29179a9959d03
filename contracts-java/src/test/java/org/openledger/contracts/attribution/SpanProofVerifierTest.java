package org.openledger.contracts.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.attribution.SpanProtocol.FOX;
import static org.openledger.contracts.attribution.SpanProtocol.INPUT;
import static org.openledger.contracts.attribution.SpanProtocol.LEDGER;
import static org.openledger.contracts.attribution.SpanProtocol.OUTPUT;
import static org.openledger.contracts.attribution.SpanProtocol.contributor;
import static org.openledger.contracts.attribution.SpanProtocol.span;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Protocol;
import org.openledger.contracts.inference.Inference;
import org.openledger.contracts.prover.Provers;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.host.CallResult;

/**
 * Text span proofs through the real Provers and Inference contracts (docs/text-attribution.md §5,
 * §6): a valid proof pays exactly by matched length once its challenge window passes; every
 * tampering is refused with its own error and leaves the chain exactly as it was.
 */
class SpanProofVerifierTest {
  final SpanProtocol t = new SpanProtocol();
  final Protocol p = t.p;

  // ------------------------------------------------------------------ the honest path

  @Test
  void aValidSpanProofPaysContributorsByMatchedTokensSplitAmongTheChunksOfEachSpan() {
    BigInteger id = t.claimedRequest();
    SpanProof proof = t.proof(id);
    accepted(t.submit(id, proof));
    p.chain.advance(Provers.CHALLENGE_WINDOW.defaultValue().longValueExact() + 1);
    BigInteger[] before = {p.chain.balance(contributor(0)), p.chain.balance(contributor(1)), p.chain.balance(contributor(2)), p.chain.balance(contributor(3))};
    BigInteger treasuryBefore = p.chain.balance(Addresses.TREASURY);
    p.chain.ok(p.user, Addresses.INFERENCE, Inference.SETTLE, id);

    // fee = ceil((in + out) · 1 OPEN / 1000) + 0.5 OPEN platform; pool = 20 % of the net fee
    BigInteger in = SpanProtocol.tokens(INPUT), out = SpanProtocol.tokens(OUTPUT);
    BigInteger net = in.add(out).multiply(SpanProtocol.RATE).add(BigInteger.valueOf(999)).divide(BigInteger.valueOf(1000));
    BigInteger pool = net.multiply(BigInteger.valueOf(2000)).divide(BigInteger.valueOf(10_000));
    // FOX is 15 tokens in chunks 0 and 1, LEDGER 16 tokens in chunk 2 (§5: c·720,720 / m per chunk)
    BigInteger w0 = BigInteger.valueOf(15 * 720_720L / 2), w2 = BigInteger.valueOf(16 * 720_720L);
    BigInteger total = w0.add(w0).add(w2);
    assertThat(total).isEqualTo(BigInteger.valueOf(720_720L * 31));
    BigInteger share0 = pool.multiply(w0).divide(total), share2 = pool.multiply(w2).divide(total);
    assertThat(p.chain.balance(contributor(0)).subtract(before[0])).isEqualTo(share0);
    assertThat(p.chain.balance(contributor(1)).subtract(before[1])).isEqualTo(share0);
    assertThat(p.chain.balance(contributor(2)).subtract(before[2])).isEqualTo(share2);
    assertThat(p.chain.balance(contributor(3))).isEqualTo(before[3]);
    BigInteger dust = pool.subtract(share0).subtract(share0).subtract(share2);
    // the treasury: half the platform fee, the stakers' part (no stake), and the pool's rounding dust
    BigInteger stakers = net.multiply(BigInteger.valueOf(1000)).divide(BigInteger.valueOf(10_000));
    assertThat(p.chain.balance(Addresses.TREASURY).subtract(treasuryBefore)).isEqualTo(Protocol.open("0.25").add(stakers).add(dust));
    assertThat(p.chain.totalBalances()).isEqualTo(p.chain.supply());
  }

  @Test
  void theVerifiedListIsEachContributorWithItsWeightAscendingByAddress() {
    BigInteger id = t.claimedRequest();
    accepted(t.submit(id, t.proof(id)));
    List<?> verified = (List<?>) p.chain.view(Addresses.PROVERS, Provers.VERIFIED_ATTRIBUTION, id);
    assertThat(verified.get(2)).isEqualTo(List.of(contributor(0), contributor(1), contributor(2)));
    assertThat(verified.get(3)).isEqualTo(List.of(BigInteger.valueOf(15 * 360_360L), BigInteger.valueOf(15 * 360_360L), BigInteger.valueOf(16 * 720_720L)));
  }

  @Test
  void aSpanOverlappingTheLastOneIsCreditedOnlyItsNewTokens() {
    String output = "x the lazy dog. Again the quick brown fox jumps over the lazy dog near the river bank.";
    BigInteger id = t.claimedRequest(INPUT, output);
    List<SpanProof.OpenedChunk> opened = t.corpus.subList(0, 2);
    // FOX (15 tokens, chunks 0 and 1), then "the lazy dog near the river bank" (13 tokens, chunk 0) overlapping FOX's last 5
    String tail = "the lazy dog near the river bank";
    SpanProof.ProvenSpan first = spanAt(output, FOX, output.indexOf(FOX), List.of(0, 1), opened);
    SpanProof.ProvenSpan second = spanAt(output, tail, output.lastIndexOf(tail), List.of(0), opened);
    SpanProof proof = new SpanProof(t.binding(id, INPUT, output).hash(), SpanProtocol.utf8(INPUT), SpanProtocol.utf8(output), 4,
        List.of(first, second), opened, t.tree.multiproof(new int[] {0, 1}));
    accepted(t.submit(id, proof));
    List<?> verified = (List<?>) p.chain.view(Addresses.PROVERS, Provers.VERIFIED_ATTRIBUTION, id);
    // chunk 0: half of FOX's 15 tokens plus the second span's 13 − 5 = 8 new tokens; chunk 1: half of FOX's
    assertThat(verified.get(3)).isEqualTo(List.of(BigInteger.valueOf(15 * 360_360L + 8 * 720_720L), BigInteger.valueOf(15 * 360_360L)));
  }

  /** The span of {@code phrase} at ASCII position {@code at} of {@code output}, found in each listed chunk at its first place. */
  private static SpanProof.ProvenSpan spanAt(String output, String phrase, int at, List<Integer> slots, List<SpanProof.OpenedChunk> opened) {
    SpanProof.ProvenSpan first = span(phrase, phrase, slots, opened);
    return new SpanProof.ProvenSpan(at, at + first.endByte(), first.occurrences());
  }

  @Test
  void anOutputWithNoSpanIsProvenByAProofWithoutSpansAndThePoolGoesToTheTreasury() {
    String output = "Nothing here is long enough to match.";
    BigInteger id = t.claimedRequest(INPUT, output);
    SpanProof proof = new SpanProof(t.binding(id, INPUT, output).hash(), SpanProtocol.utf8(INPUT), SpanProtocol.utf8(output), 4, List.of(),
        List.of(), t.tree.multiproof(new int[0]));
    accepted(t.submit(id, proof));
    List<?> verified = (List<?>) p.chain.view(Addresses.PROVERS, Provers.VERIFIED_ATTRIBUTION, id);
    assertThat(verified.get(2)).isEqualTo(List.of());
  }

  // ------------------------------------------------------------------ refusals

  @Test
  void anAlteredSpanByteInTheChunkIsRefusedAtTheCorpusRoot() {
    BigInteger id = t.claimedRequest();
    SpanProof proof = t.proof(id);
    List<SpanProof.OpenedChunk> chunks = new ArrayList<>(proof.chunks());
    SpanProof.OpenedChunk c = chunks.get(2);
    byte[] text = c.text();
    text[(int) proof.spans().get(1).occurrences().get(0).offset()] = 'C';
    chunks.set(2, new SpanProof.OpenedChunk(c.leafIndex(), c.contributor(), c.contributionId(), c.chunkIndex(), text));
    SpanProof altered = SpanProtocol.with(proof, proof.spans(), chunks, proof.multiproof());
    refused(t.submit(id, altered), SpanProofVerifier.CORPUS_ROOT_MISMATCH, t.tree.indexRoot(), rootOf(altered));
  }

  @Test
  void aSpanWhoseBytesDoNotMatchItsChunkIsRefused() {
    BigInteger id = t.claimedRequest();
    SpanProof proof = t.proof(id);
    SpanProof.ProvenSpan ledger = proof.spans().get(1);
    // the occurrence moved one byte on: the chunk holds "ompletely …" there, not the output's "completely …"
    SpanProof.Occurrence o = ledger.occurrences().get(0);
    SpanProof.ProvenSpan shifted = new SpanProof.ProvenSpan(ledger.startByte(), ledger.endByte(), List.of(new SpanProof.Occurrence(o.slot(), o.offset() + 1)));
    refused(t.submit(id, SpanProtocol.with(proof, List.of(proof.spans().get(0), shifted), proof.chunks(), proof.multiproof())),
        SpanProofVerifier.SPAN_NOT_IN_CHUNK, BigInteger.ONE, BigInteger.TWO);
  }

  @Test
  void aChunkThatIsNotALeafOfTheCorpusIsRefused() {
    BigInteger id = t.claimedRequest();
    SpanProof proof = t.proof(id);
    List<SpanProof.OpenedChunk> chunks = new ArrayList<>(proof.chunks());
    SpanProof.OpenedChunk c = chunks.get(2);
    // the same text claimed by another contributor: a leaf the corpus does not hold
    chunks.set(2, new SpanProof.OpenedChunk(c.leafIndex(), Address.of(0xbad), c.contributionId(), c.chunkIndex(), c.text()));
    SpanProof wrong = SpanProtocol.with(proof, proof.spans(), chunks, proof.multiproof());
    refused(t.submit(id, wrong), SpanProofVerifier.CORPUS_ROOT_MISMATCH, t.tree.indexRoot(), rootOf(wrong));
  }

  @Test
  void aSpanPointedAtAnOpenedChunkThatDoesNotHoldItIsRefused() {
    BigInteger id = t.claimedRequest();
    SpanProof proof = t.proof(id);
    SpanProof.ProvenSpan ledger = proof.spans().get(1);
    SpanProof.ProvenSpan wrongChunk = new SpanProof.ProvenSpan(ledger.startByte(), ledger.endByte(), List.of(new SpanProof.Occurrence(1, 0)));
    SpanProof.ProvenSpan fox = proof.spans().get(0);
    SpanProof.ProvenSpan foxWithTwo = new SpanProof.ProvenSpan(fox.startByte(), fox.endByte(),
        List.of(fox.occurrences().get(0), fox.occurrences().get(1), new SpanProof.Occurrence(2, 0)));
    refused(t.submit(id, SpanProtocol.with(proof, List.of(foxWithTwo, ledger), proof.chunks(), proof.multiproof())),
        SpanProofVerifier.SPAN_NOT_IN_CHUNK, BigInteger.ZERO, BigInteger.TWO);
    refused(t.submit(id, SpanProtocol.with(proof, List.of(fox, wrongChunk), proof.chunks(), proof.multiproof())),
        SpanProofVerifier.SPAN_NOT_IN_CHUNK, BigInteger.ONE, BigInteger.ONE);
  }

  @Test
  void aProofCarryingAnOutputOtherThanThePostedOneIsRefused() {
    // the host posted an output without the fox; the proof claims an output that repeats it
    String posted = "Yesterday a fox did something, and then: completely different sentence about ledgers, proofs and attribution!";
    BigInteger id = t.claimedRequest(INPUT, posted);
    SpanProof forOther = t.proof(id);
    SpanProof proof = new SpanProof(t.binding(id, INPUT, posted).hash(), forOther.input(), forOther.output(), forOther.leafCount(),
        forOther.spans(), forOther.chunks(), forOther.multiproof());
    refused(t.submit(id, proof), SpanProofVerifier.OUTPUT_MISMATCH, Bytes32.wrap(Keccak.hash(SpanProtocol.utf8(posted))),
        Bytes32.wrap(Keccak.hash(SpanProtocol.utf8(OUTPUT))));
  }

  @Test
  void aSpanReachingPastTheOutputIsRefused() {
    BigInteger id = t.claimedRequest();
    SpanProof proof = t.proof(id);
    int outLen = proof.output().length;
    SpanProof.ProvenSpan beyond = new SpanProof.ProvenSpan(outLen - 3, outLen + 40, proof.spans().get(1).occurrences());
    refused(t.submit(id, SpanProtocol.with(proof, List.of(proof.spans().get(0), beyond), proof.chunks(), proof.multiproof())),
        SpanProofVerifier.SPAN_OUT_OF_OUTPUT, BigInteger.ONE, BigInteger.valueOf(outLen - 3), BigInteger.valueOf(outLen + 40), BigInteger.valueOf(outLen));
  }

  @Test
  void aSpanThatStartsInsideAnOutputTokenIsRefused() {
    BigInteger id = t.claimedRequest();
    SpanProof proof = t.proof(id);
    SpanProof.ProvenSpan fox = proof.spans().get(0);
    // "uick brown …": one byte into "quick"; the chunk bytes at offset + 1 do match
    SpanProof.ProvenSpan inside = new SpanProof.ProvenSpan(fox.startByte() + 1, fox.endByte(),
        fox.occurrences().stream().map(o -> new SpanProof.Occurrence(o.slot(), o.offset() + 1)).toList());
    refused(t.submit(id, SpanProtocol.with(proof, List.of(inside, proof.spans().get(1)), proof.chunks(), proof.multiproof())),
        SpanProofVerifier.SPAN_MISALIGNED, BigInteger.ZERO, BigInteger.valueOf(fox.startByte() + 1));
  }

  @Test
  void aMatchThatIsNotTokenAlignedInsideTheChunkIsRefused() {
    SpanProtocol local = t;
    String output = "he quick brown fox jumps over the lazy dog";
    BigInteger id = local.claimedRequest(INPUT, output);
    List<SpanProof.OpenedChunk> opened = local.corpus.subList(0, 1);
    // the chunk holds "the quick …": "he" starts inside its token "the"
    SpanProof.ProvenSpan s = span(output, output, List.of(0), opened);
    SpanProof proof = new SpanProof(local.binding(id, INPUT, output).hash(), SpanProtocol.utf8(INPUT), SpanProtocol.utf8(output), 4,
        List.of(s), opened, local.tree.multiproof(new int[] {0}));
    refused(local.submit(id, proof), SpanProofVerifier.OCCURRENCE_MISALIGNED, BigInteger.ZERO, BigInteger.ZERO);
  }

  @Test
  void aSpanShorterThanMinTokensIsRefused() {
    BigInteger id = t.claimedRequest();
    SpanProof proof = t.proof(id);
    List<SpanProof.OpenedChunk> opened = proof.chunks();
    SpanProof.ProvenSpan shortSpan = span(OUTPUT, "quick brown fox jumps over", List.of(0, 1), opened); // 9 tokens
    refused(t.submit(id, SpanProtocol.with(proof, List.of(shortSpan, proof.spans().get(1)), opened, proof.multiproof())),
        SpanProofVerifier.SPAN_TOO_SHORT, BigInteger.ZERO, BigInteger.valueOf(9), BigInteger.valueOf(SpanProtocol.MIN_TOKENS));
  }

  @Test
  void spansOutOfOrderOrRepeatedAreRefused() {
    BigInteger id = t.claimedRequest();
    SpanProof proof = t.proof(id);
    List<SpanProof.ProvenSpan> s = proof.spans();
    refused(t.submit(id, SpanProtocol.with(proof, List.of(s.get(1), s.get(0)), proof.chunks(), proof.multiproof())),
        SpanProofVerifier.SPANS_NOT_ASCENDING, BigInteger.ONE);
    refused(t.submit(id, SpanProtocol.with(proof, List.of(s.get(0), s.get(0), s.get(1)), proof.chunks(), proof.multiproof())),
        SpanProofVerifier.SPANS_NOT_ASCENDING, BigInteger.ONE);
  }

  @Test
  void anOccurrenceNamedTwiceOrOutOfOrderIsRefused() {
    BigInteger id = t.claimedRequest();
    SpanProof proof = t.proof(id);
    SpanProof.ProvenSpan fox = proof.spans().get(0);
    SpanProof.ProvenSpan twice = new SpanProof.ProvenSpan(fox.startByte(), fox.endByte(),
        List.of(fox.occurrences().get(0), fox.occurrences().get(0), fox.occurrences().get(1)));
    refused(t.submit(id, SpanProtocol.with(proof, List.of(twice, proof.spans().get(1)), proof.chunks(), proof.multiproof())),
        SpanProofVerifier.OCCURRENCES_NOT_ASCENDING, BigInteger.ZERO, BigInteger.ZERO);
  }

  @Test
  void anOpenedChunkNoSpanNamesIsRefused() {
    BigInteger id = t.claimedRequest();
    SpanProof proof = t.proof(id);
    SpanProof.ProvenSpan fox = proof.spans().get(0);
    SpanProof.ProvenSpan foxInOne = new SpanProof.ProvenSpan(fox.startByte(), fox.endByte(), List.of(fox.occurrences().get(0)));
    refused(t.submit(id, SpanProtocol.with(proof, List.of(foxInOne, proof.spans().get(1)), proof.chunks(), proof.multiproof())),
        SpanProofVerifier.UNUSED_CHUNK, BigInteger.ONE);
  }

  @Test
  void theSameProofSubmittedTwiceIsRefusedAsAlreadyProven() {
    BigInteger id = t.claimedRequest();
    SpanProof proof = t.proof(id);
    accepted(t.submit(id, proof));
    refused(t.submit(id, proof), Provers.ALREADY_PROVEN, id);
  }

  @Test
  void aProofForAnotherRequestIsRefusedByItsBinding() {
    BigInteger first = t.claimedRequest();
    BigInteger second = t.claimedRequest();
    SpanProof forFirst = t.proof(first);
    refused(t.submit(second, forFirst), IndexProofVerifier.WRONG_BINDING, t.binding(second, INPUT, OUTPUT).hash(), forFirst.binding());
  }

  @Test
  void aMisreportedOutputTokenCountMakesTheRequestUnprovable() {
    BigInteger id = t.claimedRequest(INPUT, OUTPUT, SpanProtocol.tokens(INPUT), SpanProtocol.tokens(OUTPUT).add(BigInteger.TEN));
    refused(t.submit(id, t.proof(id)), SpanProofVerifier.TOKEN_COUNT_MISMATCH, BigInteger.ONE, SpanProtocol.tokens(OUTPUT).add(BigInteger.TEN),
        SpanProtocol.tokens(OUTPUT));
  }

  @Test
  void anUnderReportedInputTokenCountMakesTheRequestUnprovable() {
    BigInteger id = t.claimedRequest(INPUT, OUTPUT, BigInteger.ONE, SpanProtocol.tokens(OUTPUT));
    refused(t.submit(id, t.proof(id)), SpanProofVerifier.TOKEN_COUNT_MISMATCH, BigInteger.ZERO, BigInteger.ONE, SpanProtocol.tokens(INPUT));
  }

  @Test
  void aGradientProofForATextSpansVersionIsRefused() {
    BigInteger id = t.claimedRequest();
    // an empty v1 proof carrying the corpus tree's root would otherwise prove "no contributor" without any span search
    AttributionProof empty = new AttributionProof(t.proof(id).binding(), 0, new short[SpanProtocol.MIN_TOKENS], 4, List.of(),
        List.of(t.tree.root()));
    refused(t.submit(id, empty.encode()), SpanProofVerifier.PROOF_KIND_MISMATCH, BigInteger.ONE, BigInteger.TWO);
  }

  @Test
  void aSpanProofForAGradientVersionIsRefused() {
    AttributedProtocol a = new AttributedProtocol(3, 8, 4);
    BigInteger id = a.claimedRequest();
    SpanProof proof = new SpanProof(a.binding(id).hash(), new byte[0], new byte[0], 8, List.of(), List.of(), a.tree.multiproof(new int[0]));
    CallResult r = a.submit(a.p.prover, id, proof.encode());
    assertThat(SpanProofVerifier.PROOF_KIND_MISMATCH.matches(r.output())).as(a.p.chain.describe(Addresses.PROVERS, r)).isTrue();
    assertThat(SpanProofVerifier.PROOF_KIND_MISMATCH.decode(r.output())).containsExactly(BigInteger.TWO, BigInteger.ZERO);
  }

  @Test
  void bytesThatEndEarlyOrRunOnAreMalformedAtTheirOffset() {
    BigInteger id = t.claimedRequest();
    Bytes proof = t.proof(id).encode();
    refused(t.submit(id, proof.slice(0, proof.size() - 1)), SpanProofVerifier.MALFORMED_SPAN_PROOF, BigInteger.valueOf(proof.size() - 32));
    refused(t.submit(id, Bytes.concatenate(proof, Bytes.of(0))), SpanProofVerifier.MALFORMED_SPAN_PROOF, BigInteger.valueOf(proof.size()));
    refused(t.submit(id, Bytes.of(2)), SpanProofVerifier.MALFORMED_SPAN_PROOF, BigInteger.ONE);
  }

  @Test
  void theGasRequirementGrowsWithTheBytesCompared() {
    BigInteger id = t.claimedRequest();
    SpanProof proof = t.proof(id);
    SpanProof oneSpan = SpanProtocol.with(proof, List.of(proof.spans().get(1)), proof.chunks().subList(2, 3), t.tree.multiproof(new int[] {2}));
    long all = SpanProofVerifier.gas(org.openledger.precompiles.gas.GasSchedule.V1, proof.encode());
    long one = SpanProofVerifier.gas(org.openledger.precompiles.gas.GasSchedule.V1, oneSpan.encode());
    assertThat(all).isGreaterThan(one);
    CallResult r = t.submit(id, proof);
    accepted(r);
    System.out.printf("two-span proof: %,d bytes, %,d gas charged%n", proof.size(), r.gasUsed());
    assertThat(r.gasUsed()).isLessThan(org.openledger.contracts.ProtocolChain.GAS);
  }

  @Test
  void theLargestSpanProofIsAcceptedWithinOneBlocksGas() {
    SpanProtocol.Claimed largest = SpanProtocol.largest();
    CallResult r = largest.p().chain.send(largest.p().prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, largest.requestId(), largest.proof().encode());
    assertThat(r.isSuccess()).as(largest.p().chain.describe(Addresses.PROVERS, r)).isTrue();
    System.out.printf("largest span proof: %,d bytes, %,d gas charged%n", largest.proof().size(), r.gasUsed());
    assertThat(r.gasUsed()).isLessThan(org.openledger.contracts.ProtocolChain.GAS);
  }

  // ------------------------------------------------------------------ helpers

  private Bytes32 rootOf(SpanProof proof) {
    long[] indices = proof.chunks().stream().mapToLong(SpanProof.OpenedChunk::leafIndex).toArray();
    Bytes32[] hashes = proof.chunks().stream().map(SpanProof.OpenedChunk::leafHash).toArray(Bytes32[]::new);
    return IndexTree.indexRoot(proof.leafCount(), IndexTree.rootFrom(proof.leafCount(), indices, hashes, proof.multiproof()).orElseThrow());
  }

  private void accepted(CallResult r) {
    assertThat(r.isSuccess()).as(p.chain.describe(Addresses.PROVERS, r)).isTrue();
  }

  private void refused(CallResult r, ErrorSpec error, Object... args) {
    assertThat(r.status()).as(p.chain.describe(Addresses.PROVERS, r)).isEqualTo(CallResult.Status.REVERT);
    assertThat(error.matches(r.output())).as(p.chain.describe(Addresses.PROVERS, r)).isTrue();
    assertThat(error.decode(r.output())).containsExactly(args);
    assertThat(t.lastSubmitChangedNothing).isTrue();
  }
}

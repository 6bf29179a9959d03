package org.openledger.prover.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.prover.text.SpanFinderTest.ALICE;
import static org.openledger.prover.text.SpanFinderTest.BOB;
import static org.openledger.prover.text.SpanFinderTest.CAROL;
import static org.openledger.prover.text.SpanFinderTest.corpus;
import static org.openledger.prover.text.SpanFinderTest.utf8;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Protocol;
import org.openledger.contracts.attribution.AttributionVerifier;
import org.openledger.contracts.attribution.IndexProofVerifier;
import org.openledger.contracts.attribution.SpanProtocol;
import org.openledger.contracts.inference.Inference;
import org.openledger.contracts.prover.Provers;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.host.CallResult;

/**
 * The one-step span challenge ({@code Provers.challengeSpan}, docs/text-attribution.md §6): a span
 * proof that left out a chunk holding a listed span, or cut a span short, is slashed on the
 * evidence of one chunk; the honest proof from {@link SpanFinder} survives every such challenge.
 */
class SpanChallengeTest {
  static final String SHARED = "The lighthouse keeper climbed the spiral stairs every evening at dusk and lit the great lamp.";
  static final String BREAD = "Mix the flour, water, salt and yeast, knead for ten minutes, then leave the dough to rise for an hour.";
  static final String INPUT = "Tell me about lighthouses and bread.";
  static final String OUTPUT = "Each night the lighthouse keeper climbed the spiral stairs every evening at dusk; "
      + "by day he would knead for ten minutes, then leave the dough to rise for an hour.";

  // the lighthouse sentence is in Alice's and Carol's contributions: its span has two chunks (leaves 0 and 2)
  final TextCorpus corpus = corpus(ALICE, SHARED, BOB, BREAD, CAROL, "A quotation: " + SHARED);
  final List<Span> spans = SpanFinder.index(corpus).spans(utf8(OUTPUT));
  final Protocol p = new Protocol(new IndexProofVerifier());
  final BigInteger model = SpanProtocol.deploySpanModel(p, corpus.root(), SpanFinder.DEFAULT_MIN_TOKENS);
  final Address challenger = Address.of(0xc4a1);

  SpanChallengeTest() {
    p.chain.fund(challenger, Protocol.open("1000"));
  }

  @Test
  void aProofThatOmitsAChunkHoldingAListedSpanIsSlashedOnThatChunk() {
    Span lighthouse = spans.get(0);
    int omitted = lighthouse.occurrences().get(1).leaf();
    BigInteger id = claimedRequest();
    Bytes proof = submit(id, List.of(withOccurrences(lighthouse, lighthouse.occurrences().subList(0, 1)), spans.get(1)));
    BigInteger before = p.chain.balance(challenger);

    CallResult r = challenge(id, proof, 0, lighthouse.startByte(), lighthouse.endByte(), omitted, lighthouse.occurrences().get(1).offset());

    assertWon(r, id, before);
  }

  @Test
  void aProofWithASpanCutShortIsSlashedOnTheLongerStretch() {
    Span bread = spans.get(1);
    int shorterEnd = ByteTokenizer.boundaries(utf8(OUTPUT))[bread.endToken() - 2];
    BigInteger id = claimedRequest();
    Bytes proof = submit(id, List.of(spans.get(0),
        new Span(bread.startToken(), bread.endToken() - 2, bread.startByte(), shorterEnd, bread.occurrences(), false)));
    BigInteger before = p.chain.balance(challenger);

    CallResult r = challenge(id, proof, 1, bread.startByte(), bread.endByte(), bread.occurrences().get(0).leaf(), bread.occurrences().get(0).offset());

    assertWon(r, id, before);
  }

  @Test
  void theHonestProofSurvivesAChallengeWhoseBytesDoNotOccurThereAndTheBondGoesToTheProver() {
    Span lighthouse = spans.get(0);
    BigInteger id = claimedRequest();
    Bytes proof = submit(id, spans);
    BigInteger proverBefore = p.chain.balance(p.prover);

    // one token longer than the maximal span: it does not occur in Alice's chunk
    int longerEnd = ByteTokenizer.boundaries(utf8(OUTPUT))[lighthouse.endToken() + 1];
    CallResult r = challenge(id, proof, 0, lighthouse.startByte(), longerEnd, lighthouse.occurrences().get(0).leaf(),
        lighthouse.occurrences().get(0).offset());

    assertThat(r.isSuccess()).as(p.chain.describe(Addresses.PROVERS, r)).isTrue();
    assertThat(claimState(id)).as("the proof stands").isEqualTo(Provers.PROVEN);
    assertThat(p.chain.balance(p.prover).subtract(proverBefore)).isEqualTo(Provers.CHALLENGER_BOND.defaultValue());
  }

  @Test
  void theWatchersAuditFindsEvidenceThatWinsTheChallenge() {
    Span lighthouse = spans.get(0);
    BigInteger id = claimedRequest();
    Bytes proof = submit(id, List.of(withOccurrences(lighthouse, lighthouse.occurrences().subList(1, 2)), spans.get(1)));
    SpanProofAudit audit = new SpanProofAudit(new SpanProofEngine(hash -> {
      throw new org.openledger.prover.proof.ContentSource.Unavailable("not needed");
    }, (m, v) -> corpus));
    var version = new org.openledger.prover.proof.ProofEngine.Version(corpus.root(), ByteTokenizer.COMMITMENT, corpus.root(),
        SpanFinder.DEFAULT_MIN_TOKENS, org.openledger.contracts.model.Models.OUTPUT_TEXT_SPANS);
    var f = (org.openledger.prover.proof.ProofAuditor.Finding.SpanLeftOut) audit.audit(
        new AttributionVerifier.Binding(1337, Addresses.PROVERS, id, model, BigInteger.ONE, hash(INPUT), hash(OUTPUT), p.prover), version, proof);
    BigInteger before = p.chain.balance(challenger);

    CallResult r = p.chain.send(challenger, Addresses.PROVERS, Provers.CHALLENGER_BOND.defaultValue(), Provers.CHALLENGE_SPAN, id, proof,
        BigInteger.valueOf(f.span()), BigInteger.valueOf(f.startByte()), BigInteger.valueOf(f.endByte()), BigInteger.valueOf(f.leafIndex()),
        Bytes.wrap(f.leaf()), BigInteger.valueOf(f.offset()), f.leafProof());

    assertWon(r, id, before);
  }

  @Test
  void aChunkTheSpanAlreadyListsIsRefusedAsIncluded() {
    Span lighthouse = spans.get(0);
    BigInteger id = claimedRequest();
    Bytes proof = submit(id, spans);
    Object before = p.chain.host.snapshot();

    CallResult r = challenge(id, proof, 0, lighthouse.startByte(), lighthouse.endByte(), lighthouse.occurrences().get(1).leaf(),
        lighthouse.occurrences().get(1).offset());

    assertRefused(r, Provers.LEAF_INCLUDED, before);
  }

  @Test
  void aStretchThatDoesNotContainTheSpanIsRefusedAsMalformed() {
    Span bread = spans.get(1);
    BigInteger id = claimedRequest();
    Bytes proof = submit(id, spans);
    Object before = p.chain.host.snapshot();

    int inside = ByteTokenizer.boundaries(utf8(OUTPUT))[bread.startToken() + 1];
    CallResult r = challenge(id, proof, 1, inside, bread.endByte(), bread.occurrences().get(0).leaf(), 0);

    assertRefused(r, Provers.MALFORMED_EVIDENCE, before);
  }

  @Test
  void aChunkThatIsNotInTheCorpusIsRefusedAtTheCorpusRoot() {
    Span bread = spans.get(1);
    BigInteger id = claimedRequest();
    Bytes proof = submit(id, spans);
    Object before = p.chain.host.snapshot();
    byte[] forged = corpus.chunk(1).leafBlob().clone();
    forged[forged.length - 1] ^= 1;

    CallResult r = p.chain.send(challenger, Addresses.PROVERS, Provers.CHALLENGER_BOND.defaultValue(), Provers.CHALLENGE_SPAN, id, proof,
        BigInteger.ONE, BigInteger.valueOf(bread.startByte()), BigInteger.valueOf(bread.endByte()), BigInteger.ONE, Bytes.wrap(forged),
        BigInteger.ZERO, corpus.tree().multiproof(new int[] {1}));

    assertRefused(r, Provers.EVIDENCE_MISMATCH, before);
  }

  @Test
  void aGradientVersionCannotBeSpanChallenged() {
    // the span challenge reads text-spans versions only; the classifier challenges refuse span versions the same way
    BigInteger id = claimedRequest();
    Bytes proof = submit(id, spans);
    Object before = p.chain.host.snapshot();

    CallResult r = p.chain.send(challenger, Addresses.PROVERS, Provers.CHALLENGER_BOND.defaultValue(), Provers.CHALLENGE_OMISSION, id, proof,
        BigInteger.ZERO, Bytes.wrap(corpus.chunk(0).leafBlob()), corpus.tree().multiproof(new int[] {0}));

    assertRefused(r, Provers.UNSUPPORTED_CHALLENGE, before);
  }

  // ------------------------------------------------------------------ helpers

  static Span withOccurrences(Span s, List<Occurrence> occurrences) {
    return new Span(s.startToken(), s.endToken(), s.startByte(), s.endByte(), occurrences, false);
  }

  CallResult challenge(BigInteger id, Bytes proof, int span, int startByte, int endByte, int leaf, int offset) {
    return p.chain.send(challenger, Addresses.PROVERS, Provers.CHALLENGER_BOND.defaultValue(), Provers.CHALLENGE_SPAN, id, proof,
        BigInteger.valueOf(span), BigInteger.valueOf(startByte), BigInteger.valueOf(endByte), BigInteger.valueOf(leaf),
        Bytes.wrap(corpus.chunk(leaf).leafBlob()), BigInteger.valueOf(offset), corpus.tree().multiproof(new int[] {leaf}));
  }

  Bytes submit(BigInteger id, List<Span> claimed) {
    Bytes bytes = SpanProofs.build(binding(id), utf8(INPUT), utf8(OUTPUT), corpus, new ArrayList<>(claimed)).encode();
    CallResult r = p.chain.send(p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id, bytes);
    assertThat(r.isSuccess()).as(p.chain.describe(Addresses.PROVERS, r)).isTrue();
    return bytes;
  }

  BigInteger claimedRequest() {
    BigInteger id = (BigInteger) p.chain.ok(p.user, Addresses.INFERENCE, Protocol.open("2"), Inference.REQUEST_FN, model, BigInteger.ONE,
        hash(INPUT), BigInteger.valueOf(ByteTokenizer.count(utf8(INPUT))), BigInteger.valueOf(300));
    p.chain.ok(p.owner, Addresses.INFERENCE, Inference.SUBMIT_RESULT, id, hash(OUTPUT), BigInteger.valueOf(ByteTokenizer.count(utf8(OUTPUT))));
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.CLAIM, id);
    return id;
  }

  Bytes32 binding(BigInteger id) {
    return new AttributionVerifier.Binding(p.chain.host.block().chainId(), Addresses.PROVERS, id, model, BigInteger.ONE, hash(INPUT), hash(OUTPUT),
        p.prover).hash();
  }

  int claimState(BigInteger id) {
    return ((BigInteger) ((List<?>) p.chain.view(Addresses.PROVERS, Provers.CLAIM_OF, id)).get(3)).intValueExact();
  }

  void assertWon(CallResult r, BigInteger id, BigInteger challengerBefore) {
    assertThat(r.isSuccess()).as(p.chain.describe(Addresses.PROVERS, r)).isTrue();
    assertThat(claimState(id)).as("the request reopens").isEqualTo(Provers.NONE);
    assertThat(p.chain.balance(challenger)).as("bond back plus a share of the slashed bond").isGreaterThan(challengerBefore);
  }

  void assertRefused(CallResult r, ErrorSpec error, Object before) {
    assertThat(r.status()).as(p.chain.describe(Addresses.PROVERS, r)).isEqualTo(CallResult.Status.REVERT);
    assertThat(error.matches(r.output())).as(p.chain.describe(Addresses.PROVERS, r)).isTrue();
    assertThat(p.chain.host.snapshot()).isEqualTo(before);
  }

  static Bytes32 hash(String s) {
    return Bytes32.wrap(Keccak.hash(utf8(s)));
  }
}

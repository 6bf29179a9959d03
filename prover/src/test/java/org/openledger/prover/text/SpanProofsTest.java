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
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Protocol;
import org.openledger.contracts.attribution.AttributionVerifier;
import org.openledger.contracts.attribution.IndexProofVerifier;
import org.openledger.contracts.attribution.SpanProof;
import org.openledger.contracts.attribution.SpanProtocol;
import org.openledger.contracts.inference.Inference;
import org.openledger.contracts.prover.Provers;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.host.CallResult;

/** The prover's span proof, from SpanFinder output, verified and paid by the real contracts (docs/text-attribution.md §5, §6). */
class SpanProofsTest {
  static final String ALICE_TEXT = """
      The lighthouse keeper climbed the spiral stairs every evening at dusk, counting one hundred and twelve steps, \
      and lit the great lamp that warned the fishing boats away from the rocks below the cliff.""";
  static final String BOB_TEXT = """
      Bread rises best in a warm kitchen: mix the flour, water, salt and yeast, knead for ten minutes, \
      then leave the dough covered until it has doubled in size, which takes about an hour.""";
  static final String CAROL_TEXT = "Completely unrelated notes about the migration of swallows across the Mediterranean in spring.";

  final TextCorpus corpus = corpus(ALICE, ALICE_TEXT, BOB, BOB_TEXT, CAROL, CAROL_TEXT);
  final SpanFinder finder = SpanFinder.index(corpus);
  final Protocol p = new Protocol(new IndexProofVerifier());
  final BigInteger model = SpanProtocol.deploySpanModel(p, corpus.root(), SpanFinder.DEFAULT_MIN_TOKENS);

  static final String INPUT = "Tell me about lighthouses and bread.";
  static final String OUTPUT = """
      Every evening the keeper climbed the spiral stairs every evening at dusk, counting one hundred and twelve steps. \
      Later he would mix the flour, water, salt and yeast, knead for ten minutes, and sleep.""";

  @Test
  void theProofOfTheFinderSpansIsAcceptedAndPaysAsTheProverWeighedThem() {
    BigInteger id = claimedRequest(INPUT, OUTPUT);
    List<Span> spans = finder.spans(utf8(OUTPUT));
    assertThat(spans).hasSize(2);
    SpanProof proof = SpanProofs.build(binding(id, INPUT, OUTPUT), utf8(INPUT), utf8(OUTPUT), corpus, spans);
    CallResult r = p.chain.send(p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id, proof.encode());
    assertThat(r.isSuccess()).as(p.chain.describe(Addresses.PROVERS, r)).isTrue();

    Map<Address, Long> weights = SpanProofs.weights(spans, corpus);
    List<?> verified = (List<?>) p.chain.view(Addresses.PROVERS, Provers.VERIFIED_ATTRIBUTION, id);
    assertThat(verified.get(2)).isEqualTo(new ArrayList<>(weights.keySet()));
    assertThat(verified.get(3)).isEqualTo(weights.values().stream().map(BigInteger::valueOf).toList());

    p.chain.advance(Provers.CHALLENGE_WINDOW.defaultValue().longValueExact() + 1);
    BigInteger aliceBefore = p.chain.balance(ALICE), bobBefore = p.chain.balance(BOB);
    p.chain.ok(p.user, Addresses.INFERENCE, Inference.SETTLE, id);
    BigInteger fee = (BigInteger) ((List<?>) p.chain.view(Addresses.INFERENCE, Inference.GET_REQUEST, id)).get(14);
    BigInteger pool = fee.subtract(Protocol.open("0.5")).multiply(BigInteger.valueOf(2000)).divide(BigInteger.valueOf(10_000));
    TextAttribution.Split split = TextAttribution.split(pool, weights);
    assertThat(p.chain.balance(ALICE).subtract(aliceBefore)).isEqualTo(split.shares().get(ALICE)).isPositive();
    assertThat(p.chain.balance(BOB).subtract(bobBefore)).isEqualTo(split.shares().get(BOB)).isPositive();
    assertThat(split.shares()).doesNotContainKey(CAROL);
  }

  @Test
  void anOutputThatRepeatsNothingIsProvenWithoutSpansOrChunks() {
    String output = "Swallows are small birds; lighthouses are tall.";
    BigInteger id = claimedRequest(INPUT, output);
    SpanProof proof = SpanProofs.build(binding(id, INPUT, output), utf8(INPUT), utf8(output), corpus, finder.spans(utf8(output)));
    assertThat(proof.spans()).isEmpty();
    assertThat(proof.chunks()).isEmpty();
    CallResult r = p.chain.send(p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id, proof.encode());
    assertThat(r.isSuccess()).as(p.chain.describe(Addresses.PROVERS, r)).isTrue();
  }

  @Test
  void commonSpansAreLeftOutOfTheProof() {
    String line = "the quick brown fox jumps over the lazy dog";
    List<Object> args = new ArrayList<>();
    for (int i = 0; i < 17; i++) args.addAll(List.of(Address.of(0x4000 + i), "copy " + i + ": " + line + " (" + i + ")"));
    args.addAll(List.of(ALICE, ALICE_TEXT));
    TextCorpus c = corpus(args.toArray());
    String output = line + ". The lighthouse keeper climbed the spiral stairs every evening at dusk.";
    List<Span> spans = SpanFinder.index(c).spans(utf8(output));
    assertThat(spans).anyMatch(Span::common);
    SpanProof proof = SpanProofs.build(Bytes32.ZERO, utf8(INPUT), utf8(output), c, spans);
    assertThat(proof.spans()).hasSize((int) spans.stream().filter(s -> !s.common()).count());
    assertThat(proof.weights().keySet()).containsExactly(ALICE);
  }

  @Test
  void theProofPaysAtMostSixteenContributorsTakingSpansInOrder() {
    List<Object> args = new ArrayList<>();
    StringBuilder output = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      String sentence = "sentence number " + (char) ('a' + i) + " is written by one contributor alone and nobody else";
      args.addAll(List.of(Address.of(0x5000 + i), sentence));
      output.append(sentence).append(". ");
    }
    TextCorpus c = corpus(args.toArray());
    List<Span> spans = SpanFinder.index(c).spans(utf8(output.toString()));
    List<Span> kept = SpanProofs.provable(spans, c);
    assertThat(kept).hasSize(Provers.MAX_CONTRIBUTORS).isEqualTo(spans.subList(0, Provers.MAX_CONTRIBUTORS));
  }

  @Test
  void theSpanEngineProvesATextSpansVersionFromTheContentStoreAndTheCorpus() {
    BigInteger id = claimedRequest(INPUT, OUTPUT);
    java.util.Map<Bytes32, byte[]> store = java.util.Map.of(hash(INPUT), utf8(INPUT), hash(OUTPUT), utf8(OUTPUT));
    SpanProofEngine engine = new SpanProofEngine(h -> store.get(h), (m, v) -> corpus);
    var version = new org.openledger.prover.proof.ProofEngine.Version(Protocol.root("weights"), ByteTokenizer.COMMITMENT, corpus.root(),
        SpanFinder.DEFAULT_MIN_TOKENS, org.openledger.contracts.model.Models.OUTPUT_TEXT_SPANS);
    var binding = new AttributionVerifier.Binding(p.chain.host.block().chainId(), Addresses.PROVERS, id, model, BigInteger.ONE, hash(INPUT),
        hash(OUTPUT), p.prover);
    var outcome = SpanProofEngine.or((b, v) -> { throw new AssertionError("not a gradient version"); }, engine).prove(binding, version);
    assertThat(outcome).isInstanceOf(org.openledger.prover.proof.ProofEngine.Outcome.Proof.class);
    var proof = (org.openledger.prover.proof.ProofEngine.Outcome.Proof) outcome;
    assertThat(proof.contributors()).isEqualTo(2);
    CallResult r = p.chain.send(p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id, proof.bytes());
    assertThat(r.isSuccess()).as(p.chain.describe(Addresses.PROVERS, r)).isTrue();
  }

  @Test
  void theSpanEngineWillNotProveAgainstACorpusThatDoesNotRebuildTheRegisteredRoot() {
    BigInteger id = claimedRequest(INPUT, OUTPUT);
    java.util.Map<Bytes32, byte[]> store = java.util.Map.of(hash(INPUT), utf8(INPUT), hash(OUTPUT), utf8(OUTPUT));
    TextCorpus other = corpus(ALICE, ALICE_TEXT, BOB, BOB_TEXT);
    SpanProofEngine engine = new SpanProofEngine(h -> store.get(h), (m, v) -> other);
    var version = new org.openledger.prover.proof.ProofEngine.Version(Protocol.root("weights"), ByteTokenizer.COMMITMENT, corpus.root(),
        SpanFinder.DEFAULT_MIN_TOKENS, org.openledger.contracts.model.Models.OUTPUT_TEXT_SPANS);
    var binding = new AttributionVerifier.Binding(p.chain.host.block().chainId(), Addresses.PROVERS, id, model, BigInteger.ONE, hash(INPUT),
        hash(OUTPUT), p.prover);
    assertThat(engine.prove(binding, version)).isInstanceOfSatisfying(org.openledger.prover.proof.ProofEngine.Outcome.NotProvable.class,
        n -> assertThat(n.reason()).contains("builds corpus root " + other.root().toHexString()));
  }

  private BigInteger claimedRequest(String input, String output) {
    BigInteger id = (BigInteger) p.chain.ok(p.user, Addresses.INFERENCE, Protocol.open("2"), Inference.REQUEST_FN, model, BigInteger.ONE,
        hash(input), BigInteger.valueOf(ByteTokenizer.count(utf8(input))), BigInteger.valueOf(300));
    p.chain.ok(p.owner, Addresses.INFERENCE, Inference.SUBMIT_RESULT, id, hash(output), BigInteger.valueOf(ByteTokenizer.count(utf8(output))));
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.CLAIM, id);
    return id;
  }

  private Bytes32 binding(BigInteger id, String input, String output) {
    return new AttributionVerifier.Binding(p.chain.host.block().chainId(), Addresses.PROVERS, id, model, BigInteger.ONE, hash(input), hash(output),
        p.prover).hash();
  }

  private static Bytes32 hash(String s) {
    return Bytes32.wrap(Keccak.hash(utf8(s)));
  }
}

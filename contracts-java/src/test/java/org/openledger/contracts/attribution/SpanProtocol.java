package org.openledger.contracts.attribution;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Protocol;
import org.openledger.contracts.inference.Inference;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.prover.Provers;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.host.CallResult;

/**
 * The protocol with a deployed, attested text-spans version (output function 2) over a small real
 * corpus: one chunk per contribution, committed in an {@link IndexTree} whose corpus root the
 * version registers, with the ol-bytes-v1 commitment and minTokens 12. Requests carry a real
 * input and output whose token counts the request and result report.
 */
public final class SpanProtocol {
  public static final int MIN_TOKENS = 12;
  /** 1 OPEN per 1,000 tokens each way. */
  public static final BigInteger RATE = Protocol.open("1");

  public final Protocol p = new Protocol(new IndexProofVerifier());
  public final List<SpanProof.OpenedChunk> corpus = new ArrayList<>();
  public final IndexTree tree;
  public final BigInteger model;

  /** The corpus texts, contributor 0x2000 + i owning text i (contribution id i + 1, chunk 0). */
  public static final List<String> TEXTS = List.of(
      "The story goes that the quick brown fox jumps over the lazy dog near the river bank.",
      "In the morning the quick brown fox jumps over the lazy dog again, and then it sleeps.",
      "Here is a completely different sentence about ledgers, proofs and attribution of data to people.",
      "Nothing in this chunk repeats anywhere else in the output at all.");

  public static final String INPUT = "Tell me a story about a fox.";
  /** Repeats "quick … dog" (in chunks 0 and 1, 15 tokens) and "completely … attribution" (chunk 2, 16 tokens). */
  public static final String OUTPUT =
      "Yesterday the quick brown fox jumps over the lazy dog, and then: completely different sentence about ledgers, proofs and attribution!";

  public SpanProtocol() {
    for (int i = 0; i < TEXTS.size(); i++) {
      corpus.add(new SpanProof.OpenedChunk(i, contributor(i), BigInteger.valueOf(i + 1), 0, TEXTS.get(i).getBytes(StandardCharsets.UTF_8)));
    }
    tree = IndexTree.of(corpus.stream().map(SpanProof.OpenedChunk::leafHash).toList());
    model = deploySpanModel(p, tree.indexRoot(), MIN_TOKENS);
  }

  public static Address contributor(int i) {
    return Address.of(0x2000 + i);
  }

  /**
   * Proposes, approves, registers and deploys a text-spans version over {@code corpusRoot} with
   * {@code minTokens}, host the owner, {@link #RATE} each way; the prover bonds 100 OPEN and attests.
   */
  public static BigInteger deploySpanModel(Protocol p, Bytes32 corpusRoot, int minTokens) {
    BigInteger id = (BigInteger) p.chain.ok(p.owner, Addresses.MODELS, Models.PROPOSE, BigInteger.ZERO, List.of(BigInteger.ONE), "storyteller", "ipfs://t");
    p.chain.ok(Addresses.TIMELOCK, Addresses.MODELS, Models.APPROVE, id);
    p.chain.ok(Addresses.SERVICES, Addresses.MODELS, Models.MARK_TRAINING, id);
    List<Object> spec = List.of(Protocol.root("weights"), TextTokenizer.COMMITMENT, corpusRoot, BigInteger.ZERO, BigInteger.ONE,
        BigInteger.valueOf(Models.OUTPUT_TEXT_SPANS), BigInteger.valueOf(Models.TOKEN_MODE_TEXT), BigInteger.ZERO, BigInteger.ZERO, p.owner,
        RATE, RATE, BigInteger.valueOf(minTokens));
    BigInteger version = (BigInteger) p.chain.ok(p.owner, Addresses.MODELS, Models.REGISTER_VERSION, id, spec);
    p.chain.ok(p.prover, Addresses.PROVERS, Protocol.OPEN.multiply(BigInteger.valueOf(100)), Provers.BOND);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.ATTEST, id, version);
    p.chain.ok(Addresses.TIMELOCK, Addresses.MODELS, Models.DEPLOY, id, version);
    return id;
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  public static BigInteger tokens(String s) {
    return BigInteger.valueOf(TextTokenizer.count(utf8(s)));
  }

  /** A request for {@code input} (its true token count) allowing 200 output tokens, the output posted with its true count, claimed by the prover. */
  public BigInteger claimedRequest(String input, String output) {
    return claimedRequest(input, output, tokens(input), tokens(output));
  }

  public BigInteger claimedRequest() {
    return claimedRequest(INPUT, OUTPUT);
  }

  /** As above with the token counts the requester and the host report. */
  public BigInteger claimedRequest(String input, String output, BigInteger inTokens, BigInteger outTokens) {
    BigInteger id = (BigInteger) p.chain.ok(p.user, Addresses.INFERENCE, Protocol.open("2"), Inference.REQUEST_FN, model, BigInteger.ONE,
        Bytes32.wrap(Keccak.hash(utf8(input))), inTokens, BigInteger.valueOf(200));
    p.chain.ok(p.owner, Addresses.INFERENCE, Inference.SUBMIT_RESULT, id, Bytes32.wrap(Keccak.hash(utf8(output))), outTokens);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.CLAIM, id);
    return id;
  }

  public AttributionVerifier.Binding binding(BigInteger requestId, String input, String output) {
    return new AttributionVerifier.Binding(p.chain.host.block().chainId(), Addresses.PROVERS, requestId, model, BigInteger.ONE,
        Bytes32.wrap(Keccak.hash(utf8(input))), Bytes32.wrap(Keccak.hash(utf8(output))), p.prover);
  }

  /** A span of {@code output}: the bytes of {@code phrase} at its first place there, found in each listed chunk at its first place. */
  public static SpanProof.ProvenSpan span(String output, String phrase, List<Integer> slots, List<SpanProof.OpenedChunk> opened) {
    byte[] out = utf8(output), ph = utf8(phrase);
    int start = indexOf(out, ph);
    if (start < 0) throw new IllegalArgumentException("\"" + phrase + "\" is not in the output");
    List<SpanProof.Occurrence> occ = new ArrayList<>();
    for (int slot : slots) {
      int at = indexOf(opened.get(slot).text(), ph);
      if (at < 0) throw new IllegalArgumentException("\"" + phrase + "\" is not in chunk slot " + slot);
      occ.add(new SpanProof.Occurrence(slot, at));
    }
    return new SpanProof.ProvenSpan(start, start + ph.length, occ);
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }

  public static final String FOX = "quick brown fox jumps over the lazy dog";
  public static final String LEDGER = "completely different sentence about ledgers, proofs and attribution";

  /** The honest proof of {@link #OUTPUT}: FOX in chunks 0 and 1, LEDGER in chunk 2 (opened chunks 0, 1, 2). */
  public SpanProof proof(BigInteger requestId) {
    List<SpanProof.OpenedChunk> opened = corpus.subList(0, 3);
    List<SpanProof.ProvenSpan> spans = List.of(span(OUTPUT, FOX, List.of(0, 1), opened), span(OUTPUT, LEDGER, List.of(2), opened));
    return new SpanProof(binding(requestId, INPUT, OUTPUT).hash(), utf8(INPUT), utf8(OUTPUT), corpus.size(), spans, opened,
        tree.multiproof(new int[] {0, 1, 2}));
  }

  /** The proof with other spans, chunks or multiproof (a tampering). */
  static SpanProof with(SpanProof proof, List<SpanProof.ProvenSpan> spans, List<SpanProof.OpenedChunk> chunks, List<Bytes32> multiproof) {
    return new SpanProof(proof.binding(), proof.input(), proof.output(), proof.leafCount(), spans, chunks, multiproof);
  }

  /** A claimed request on its own protocol, with the proof its prover will submit. */
  public record Claimed(Protocol p, BigInteger model, BigInteger requestId, SpanProof proof) {}

  /**
   * The most a span proof can ask of the chain (§6): 16 chunks of 4,095 bytes holding the same
   * text (16 owners), the output that text, and 32 spans, ascending in start and end, each in all
   * 16 chunks — 32 × 16 × ~4 KiB of bytes compared. The request is claimed by the prover.
   */
  public static Claimed largest() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; sb.length() < SpanProof.MAX_CHUNK_BYTES; i++) sb.append("w").append(i % 10).append(' ');
    byte[] text = java.util.Arrays.copyOf(utf8(sb.toString()), SpanProof.MAX_CHUNK_BYTES - 1);
    List<SpanProof.OpenedChunk> chunks = new ArrayList<>();
    for (int i = 0; i < SpanProof.MAX_OCCURRENCES; i++) chunks.add(new SpanProof.OpenedChunk(i, Address.of(0x6000 + i), BigInteger.valueOf(i + 1), 0, text));
    IndexTree tree = IndexTree.of(chunks.stream().map(SpanProof.OpenedChunk::leafHash).toList());
    Protocol p = new Protocol(new IndexProofVerifier());
    BigInteger model = deploySpanModel(p, tree.indexRoot(), MIN_TOKENS);
    Bytes32 inputHash = Bytes32.wrap(Keccak.hash(utf8(INPUT)));
    BigInteger id = (BigInteger) p.chain.ok(p.user, Addresses.INFERENCE, Protocol.open("10"), Inference.REQUEST_FN, model, BigInteger.ONE,
        inputHash, tokens(INPUT), BigInteger.valueOf(5_000));
    p.chain.ok(p.owner, Addresses.INFERENCE, Inference.SUBMIT_RESULT, id, Bytes32.wrap(Keccak.hash(text)), BigInteger.valueOf(TextTokenizer.count(text)));
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.CLAIM, id);
    int[] b = TextTokenizer.boundaries(text);
    List<SpanProof.ProvenSpan> spans = new ArrayList<>();
    for (int k = 0; k < SpanProof.MAX_SPANS; k++) {
      int start = b[2 * k], end = b[b.length - 1 - 2 * (SpanProof.MAX_SPANS - 1 - k)]; // both ascend; every boundary is aligned in every chunk
      spans.add(new SpanProof.ProvenSpan(start, end,
          java.util.stream.IntStream.range(0, SpanProof.MAX_OCCURRENCES).mapToObj(i -> new SpanProof.Occurrence(i, start)).toList()));
    }
    AttributionVerifier.Binding binding = new AttributionVerifier.Binding(p.chain.host.block().chainId(), Addresses.PROVERS, id, model,
        BigInteger.ONE, inputHash, Bytes32.wrap(Keccak.hash(text)), p.prover);
    SpanProof proof = new SpanProof(binding.hash(), utf8(INPUT), text, chunks.size(), spans, chunks,
        tree.multiproof(java.util.stream.IntStream.range(0, chunks.size()).toArray()));
    return new Claimed(p, model, id, proof);
  }

  /** Whether the last {@link #submit} left every account, balance and storage slot as it was. */
  boolean lastSubmitChangedNothing;

  CallResult submit(BigInteger requestId, Bytes proof) {
    Object before = p.chain.host.snapshot();
    CallResult r = p.chain.send(p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, requestId, proof);
    lastSubmitChangedNothing = p.chain.host.snapshot().equals(before);
    return r;
  }

  CallResult submit(BigInteger requestId, SpanProof proof) {
    return submit(requestId, proof.encode());
  }
}

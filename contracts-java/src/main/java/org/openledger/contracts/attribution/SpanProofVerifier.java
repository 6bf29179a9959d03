package org.openledger.contracts.attribution;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.model.Models;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.contract.CallContext;
import org.openledger.precompiles.contract.Declarations;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.gas.GasSchedule;

/**
 * The on-chain verifier of text span proofs (v2, docs/text-attribution.md §6) for model versions
 * whose output function is {@link Models#OUTPUT_TEXT_SPANS}. In this order, each failure one of
 * {@link #ERRORS} (listed in IProvers) that pays nothing: the layout; the binding; that the version
 * is a text-spans version and attested; the input and output against the request's hashes and
 * their token counts against the request's {@code inTokens}/{@code outTokens} (so fees are derived
 * from the committed text, not reported); the opened chunks against the corpus root through the
 * multiproof; then each span (inside the output, on its token boundaries, at least {@code minTokens}
 * tokens, strictly ascending) and each of its occurrences (inside the chunk, equal bytes, aligned
 * in the chunk); every opened chunk is used. It then weighs contributors by §5 from the proof alone.
 *
 * <p>What the chain cannot see from one proof — an omitted chunk or span, a span that is not
 * maximal — is a challenge's to show (§6).
 */
public final class SpanProofVerifier {

  // Declared here, listed in IProvers (Provers includes ERRORS): the interface name is never emitted.
  private static final Declarations D = new Declarations("ISpanProof");

  public static final ErrorSpec MALFORMED_SPAN_PROOF = D.error("MalformedSpanProof(uint256 offset)",
      "The span proof does not follow the v2 layout (docs/text-attribution.md §6): it ends early, runs on, or holds an impossible value at this byte.");
  public static final ErrorSpec PROOF_KIND_MISMATCH = D.error("ProofKindMismatch(uint8 proofVersion, uint8 outputFunction)",
      "Text-spans versions (output function 2) are proven by v2 span proofs only, every other version by v1 gradient proofs.");
  public static final ErrorSpec INPUT_MISMATCH = D.error("InputMismatch(bytes32 expected, bytes32 got)",
      "The proof's input does not hash to the request's inputHash.");
  public static final ErrorSpec OUTPUT_MISMATCH = D.error("OutputMismatch(bytes32 expected, bytes32 got)",
      "The proof's output does not hash to the outputHash the host posted.");
  public static final ErrorSpec TOKEN_COUNT_MISMATCH = D.error("TokenCountMismatch(uint8 which, uint256 reported, uint256 derived)",
      "A reported token count (0 the request's inTokens, 1 the result's outTokens) is not the count of the committed text under the version's tokenizer: the request cannot be proven and refunds at its deadline.");
  public static final ErrorSpec CHUNKS_NOT_ASCENDING = D.error("ChunksNotAscending(uint256 slot)",
      "Opened chunks are listed by strictly ascending leaf index; this one does not follow its predecessor.");
  public static final ErrorSpec CORPUS_ROOT_MISMATCH = D.error("CorpusRootMismatch(bytes32 expected, bytes32 computed)",
      "The opened chunks, leaf count and multiproof do not hash to the version's corpus root: a chunk is altered or not in the corpus.");
  public static final ErrorSpec SPAN_OUT_OF_OUTPUT = D.error("SpanOutOfOutput(uint256 span, uint256 startByte, uint256 endByte, uint256 outputBytes)",
      "A span is empty or reaches past the end of the output.");
  public static final ErrorSpec SPAN_MISALIGNED = D.error("SpanMisaligned(uint256 span, uint256 byteOffset)",
      "A span starts or ends at an output byte that is not a token boundary under the tokenizer.");
  public static final ErrorSpec SPAN_TOO_SHORT = D.error("SpanTooShort(uint256 span, uint256 tokens, uint256 minTokens)",
      "A span holds fewer tokens than the version's minTokens.");
  public static final ErrorSpec SPANS_NOT_ASCENDING = D.error("SpansNotAscending(uint256 span)",
      "Spans ascend strictly in start and in end; this one does not follow its predecessor (it repeats, precedes or lies inside it).");
  public static final ErrorSpec CHUNK_SLOT_OUT_OF_RANGE = D.error("ChunkSlotOutOfRange(uint256 span, uint256 slot, uint256 chunks)",
      "An occurrence names a chunk slot beyond the opened chunks.");
  public static final ErrorSpec OCCURRENCES_NOT_ASCENDING = D.error("OccurrencesNotAscending(uint256 span, uint256 slot)",
      "A span's occurrences name distinct chunks by strictly ascending slot.");
  public static final ErrorSpec OCCURRENCE_OUT_OF_CHUNK = D.error(
      "OccurrenceOutOfChunk(uint256 span, uint256 slot, uint256 offset, uint256 chunkBytes)", "The span would run past the end of the chunk.");
  public static final ErrorSpec SPAN_NOT_IN_CHUNK = D.error("SpanNotInChunk(uint256 span, uint256 slot)",
      "The chunk's bytes at the offset are not the output's span bytes.");
  public static final ErrorSpec OCCURRENCE_MISALIGNED = D.error("OccurrenceMisaligned(uint256 span, uint256 slot)",
      "The match starts or ends inside a token of the chunk (\"the cat\" inside \"bathe cattle\").");
  public static final ErrorSpec UNUSED_CHUNK = D.error("UnusedChunk(uint256 slot)", "An opened chunk is named by no span.");

  /** Every error this verifier reverts with that IProvers does not already list through {@link IndexProofVerifier#ERRORS}. */
  public static final List<ErrorSpec> ERRORS = List.of(MALFORMED_SPAN_PROOF, PROOF_KIND_MISMATCH, INPUT_MISMATCH, OUTPUT_MISMATCH,
      TOKEN_COUNT_MISMATCH, CHUNKS_NOT_ASCENDING, CORPUS_ROOT_MISMATCH, SPAN_OUT_OF_OUTPUT, SPAN_MISALIGNED, SPAN_TOO_SHORT,
      SPANS_NOT_ASCENDING, CHUNK_SLOT_OUT_OF_RANGE, OCCURRENCES_NOT_ASCENDING, OCCURRENCE_OUT_OF_CHUNK, SPAN_NOT_IN_CHUNK,
      OCCURRENCE_MISALIGNED, UNUSED_CHUNK);

  private SpanProofVerifier() {}

  /** Whether {@code proof} claims to be a span proof (its version byte), so Provers sends it here. */
  public static boolean isSpanProof(Bytes proof) {
    return proof.size() > 0 && (proof.get(0) & 0xFF) == SpanProof.VERSION;
  }

  /**
   * Verifies {@code bytes} for the request bound by {@code binding}, whose reported token counts
   * are {@code inTokens} and {@code outTokens}; returns each paid contributor with its §5 weight,
   * ascending by address (none when the output repeats no span).
   */
  public static AttributionVerifier.Verified verify(CallContext ctx, AttributionVerifier.Binding binding, Bytes bytes,
                                                    BigInteger inTokens, BigInteger outTokens) {
    SpanProof proof;
    try {
      proof = SpanProof.decode(bytes);
    } catch (AttributionProof.MalformedException e) {
      throw MALFORMED_SPAN_PROOF.revert(BigInteger.valueOf(e.offset()));
    } catch (AttributionProof.UnsupportedVersionException e) {
      throw IndexProofVerifier.UNSUPPORTED_PROOF_VERSION.revert(BigInteger.valueOf(e.version()));
    }
    Bytes32 expected = binding.hash();
    if (!expected.equals(proof.binding())) throw IndexProofVerifier.WRONG_BINDING.revert(expected, proof.binding());

    List<?> version = (List<?>) ctx.call(Addresses.MODELS, Models.VERSION_VIEW, BigInteger.ZERO, binding.modelId(), binding.version());
    List<?> spec = (List<?>) version.get(0);
    BigInteger outputFunction = (BigInteger) spec.get(Models.VERSION_SPEC_FIELDS.indexOf("uint8 outputFunction"));
    if (outputFunction.intValueExact() != Models.OUTPUT_TEXT_SPANS) {
      throw PROOF_KIND_MISMATCH.revert(BigInteger.valueOf(SpanProof.VERSION), outputFunction);
    }
    Bytes32 corpusRoot = Bytes32.wrap((Bytes) spec.get(Models.VERSION_SPEC_FIELDS.indexOf("bytes32 indexRoot")));
    long minTokens = ((BigInteger) spec.get(Models.VERSION_SPEC_FIELDS.indexOf("uint32 basisRank"))).longValueExact();
    BigInteger attestations = (BigInteger) version.get(1);
    BigInteger required = (BigInteger) ((List<?>) ctx.call(Addresses.MODELS, Models.PARAMETERS, BigInteger.ZERO)).get(2);
    if (attestations.compareTo(required.max(BigInteger.ONE)) < 0) {
      throw IndexProofVerifier.VERSION_NOT_ATTESTED.revert(binding.modelId(), binding.version(), attestations, required);
    }

    byte[] input = proof.inputBytes(), output = proof.outputBytes();
    Bytes32 inputHash = Bytes32.wrap(Keccak.hash(input));
    if (!inputHash.equals(binding.inputHash())) throw INPUT_MISMATCH.revert(binding.inputHash(), inputHash);
    Bytes32 outputHash = Bytes32.wrap(Keccak.hash(output));
    if (!outputHash.equals(binding.outputHash())) throw OUTPUT_MISMATCH.revert(binding.outputHash(), outputHash);
    BigInteger inCount = BigInteger.valueOf(TextTokenizer.count(input));
    if (!inCount.equals(inTokens)) throw TOKEN_COUNT_MISMATCH.revert(BigInteger.ZERO, inTokens, inCount);
    int[] boundaries = TextTokenizer.boundaries(output);
    BigInteger outCount = BigInteger.valueOf(boundaries.length - 1);
    if (!outCount.equals(outTokens)) throw TOKEN_COUNT_MISMATCH.revert(BigInteger.ONE, outTokens, outCount);

    checkChunks(proof, corpusRoot);
    checkSpans(proof, boundaries, minTokens);

    Map<Address, BigInteger> weights = proof.weights();
    return new AttributionVerifier.Verified(new ArrayList<>(weights.keySet()), new ArrayList<>(weights.values()));
  }

  /** The opened chunks, by ascending leaf index below n, against the corpus root. */
  private static void checkChunks(SpanProof proof, Bytes32 corpusRoot) {
    List<SpanProof.OpenedChunk> chunks = proof.chunks();
    long n = proof.leafCount();
    if (n == 0) throw MALFORMED_SPAN_PROOF.revert(BigInteger.valueOf(SpanProof.HEADER_BYTES + 8L + proof.inputBytes().length + proof.outputBytes().length));
    long[] indices = new long[chunks.size()];
    Bytes32[] hashes = new Bytes32[chunks.size()];
    for (int i = 0; i < chunks.size(); i++) {
      SpanProof.OpenedChunk c = chunks.get(i);
      if (c.leafIndex() >= n) throw IndexProofVerifier.LEAF_INDEX_OUT_OF_RANGE.revert(BigInteger.valueOf(c.leafIndex()), BigInteger.valueOf(n));
      if (i > 0 && c.leafIndex() <= indices[i - 1]) throw CHUNKS_NOT_ASCENDING.revert(BigInteger.valueOf(i));
      indices[i] = c.leafIndex();
      hashes[i] = c.leafHash();
    }
    Optional<Bytes32> treeRoot = IndexTree.rootFrom(n, indices, hashes, proof.multiproof());
    if (treeRoot.isEmpty()) throw IndexProofVerifier.MULTIPROOF_SIZE.revert(BigInteger.valueOf(proof.multiproof().size()));
    Bytes32 computed = IndexTree.indexRoot(n, treeRoot.get());
    if (!computed.equals(corpusRoot)) throw CORPUS_ROOT_MISMATCH.revert(corpusRoot, computed);
  }

  /** Each span and each of its occurrences, then that every opened chunk is named. */
  private static void checkSpans(SpanProof proof, int[] boundaries, long minTokens) {
    byte[] output = proof.outputBytes();
    List<SpanProof.OpenedChunk> chunks = proof.chunks();
    boolean[] used = new boolean[chunks.size()];
    long lastStart = -1, lastEnd = -1;
    List<SpanProof.ProvenSpan> spans = proof.spans();
    for (int k = 0; k < spans.size(); k++) {
      SpanProof.ProvenSpan s = spans.get(k);
      BigInteger span = BigInteger.valueOf(k);
      long start = s.startByte(), end = s.endByte();
      if (start >= end || end > output.length) {
        throw SPAN_OUT_OF_OUTPUT.revert(span, BigInteger.valueOf(start), BigInteger.valueOf(end), BigInteger.valueOf(output.length));
      }
      int startToken = Arrays.binarySearch(boundaries, (int) start), endToken = Arrays.binarySearch(boundaries, (int) end);
      if (startToken < 0) throw SPAN_MISALIGNED.revert(span, BigInteger.valueOf(start));
      if (endToken < 0) throw SPAN_MISALIGNED.revert(span, BigInteger.valueOf(end));
      if (endToken - startToken < minTokens) throw SPAN_TOO_SHORT.revert(span, BigInteger.valueOf(endToken - startToken), BigInteger.valueOf(minTokens));
      if (start <= lastStart || end <= lastEnd) throw SPANS_NOT_ASCENDING.revert(span);
      lastStart = start;
      lastEnd = end;
      int length = (int) (end - start);
      long lastSlot = -1;
      for (SpanProof.Occurrence o : s.occurrences()) {
        BigInteger slot = BigInteger.valueOf(o.slot());
        if (o.slot() >= chunks.size()) throw CHUNK_SLOT_OUT_OF_RANGE.revert(span, slot, BigInteger.valueOf(chunks.size()));
        if (o.slot() <= lastSlot) throw OCCURRENCES_NOT_ASCENDING.revert(span, slot);
        lastSlot = o.slot();
        byte[] text = chunks.get((int) o.slot()).bytes();
        if (o.offset() + length > text.length) {
          throw OCCURRENCE_OUT_OF_CHUNK.revert(span, slot, BigInteger.valueOf(o.offset()), BigInteger.valueOf(text.length));
        }
        int at = (int) o.offset();
        if (!Arrays.equals(text, at, at + length, output, (int) start, (int) end)) throw SPAN_NOT_IN_CHUNK.revert(span, slot);
        if (!TextTokenizer.isBoundary(text, 0, text.length, at) || !TextTokenizer.isBoundary(text, 0, text.length, at + length)) {
          throw OCCURRENCE_MISALIGNED.revert(span, slot);
        }
        used[(int) o.slot()] = true;
      }
    }
    for (int i = 0; i < used.length; i++) if (!used[i]) throw UNUSED_CHUNK.revert(BigInteger.valueOf(i));
  }

  /**
   * The gas of verifying {@code proof}, part of {@code submitProof}'s requirement and a pure
   * function of its bytes: the two nested views on Models, the binding hash, then — when the
   * layout holds — hashing the input, the output and every opened leaf blob, one {@code hashBlock}
   * per multiproof step plus the root, one {@code multiplyAdd} per byte tokenized (input and output:
   * a table lookup and a branch per byte) and one {@code calldataWord} per 32-byte word compared
   * ({@code m · ⌈L/32⌉} per span: a comparison costs what copying the word does). A proof that does
   * not decode pays the fixed part only, as it is refused while decoding.
   */
  public static long gas(GasSchedule s, Bytes bytes) {
    long fixed = Models.VERSION_VIEW.nestedCost(s, BigInteger.ONE, BigInteger.ONE) + Models.PARAMETERS.nestedCost(s)
        + s.hashing(AttributionVerifier.BINDING_BYTES) + s.multiplyAdd() * (bytes.size() / 32);
    SpanProof proof;
    try {
      proof = SpanProof.decode(bytes);
    } catch (RuntimeException malformed) {
      return fixed;
    }
    int in = proof.inputBytes().length, out = proof.outputBytes().length;
    long gas = fixed + s.hashing(in) + s.hashing(out) + (long) (in + out) * s.multiplyAdd();
    for (SpanProof.OpenedChunk c : proof.chunks()) gas += s.hashing(SpanProof.leafBlobBytes(c.bytes().length));
    gas += (proof.chunks().size() + proof.multiproof().size()) * s.hashBlock(); // steps (≤ q + p − 1) and the corpus root
    for (SpanProof.ProvenSpan span : proof.spans()) {
      long length = Math.max(0, Math.min(span.endByte(), out) - span.startByte());
      gas += span.occurrences().size() * ((length + 31) / 32) * s.calldataWord();
    }
    return gas;
  }
}

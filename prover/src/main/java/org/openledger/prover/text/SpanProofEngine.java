package org.openledger.prover.text;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.attribution.AttributionVerifier;
import org.openledger.contracts.attribution.SpanProof;
import org.openledger.contracts.model.Models;
import org.openledger.prover.proof.ContentSource;
import org.openledger.prover.proof.ProofEngine;

/**
 * Proves requests of text-spans versions (output function 2, docs/text-attribution.md §6a): fetches
 * the committed input and output, finds the output's maximal spans in the version's corpus and
 * builds the v2 span proof ({@link SpanProofs}). The corpus comes from a {@link Corpora} (the
 * Datanets' accepted text, however the caller reads it) and must rebuild the version's corpus root;
 * the suffix array is built once per corpus root.
 *
 * <p>{@link #or} routes span versions here and every other version to a gradient engine, so one
 * daemon proves both.
 */
public final class SpanProofEngine implements ProofEngine {

  /** The text corpus a version of a model was committed over. */
  @FunctionalInterface
  public interface Corpora {
    TextCorpus corpus(BigInteger modelId, BigInteger version) throws ContentSource.Unavailable;
  }

  private final ContentSource content;
  private final Corpora corpora;
  private final Map<Bytes32, SpanFinder> finders = new ConcurrentHashMap<>();

  public SpanProofEngine(ContentSource content, Corpora corpora) {
    this.content = content;
    this.corpora = corpora;
  }

  /** An engine that proves text-spans versions with {@code spans} and everything else with {@code others}. */
  public static ProofEngine or(ProofEngine others, SpanProofEngine spans) {
    return (binding, version) -> version.outputFunction() == Models.OUTPUT_TEXT_SPANS ? spans.prove(binding, version) : others.prove(binding, version);
  }

  @Override
  public Outcome prove(AttributionVerifier.Binding binding, Version version) {
    if (version.outputFunction() != Models.OUTPUT_TEXT_SPANS) {
      return new Outcome.NotProvable("output function " + version.outputFunction() + " is not text spans (" + Models.OUTPUT_TEXT_SPANS + ")");
    }
    if (!version.basisRoot().equals(ByteTokenizer.COMMITMENT)) {
      return new Outcome.NotProvable("the version commits tokenizer " + version.basisRoot().toHexString() + ", not ol-bytes-v1");
    }
    byte[] input, output;
    SpanFinder finder;
    try {
      input = content.get(binding.inputHash());
      output = content.get(binding.outputHash());
      finder = finder(binding.modelId(), binding.version(), version.indexRoot());
    } catch (ContentSource.Unavailable e) {
      return new Outcome.NotProvable(e.getMessage());
    }
    List<Span> spans = finder.withMinTokens(version.basisRank()).spans(output);
    SpanProof proof = SpanProofs.build(binding.hash(), input, output, finder.corpus(), spans);
    return new Outcome.Proof(proof.encode(), proof.weights().size());
  }

  /** The suffix-array index of the corpus version {@code version} of {@code modelId} committed as {@code corpusRoot}, built once per root. */
  SpanFinder finder(BigInteger modelId, BigInteger version, Bytes32 corpusRoot) throws ContentSource.Unavailable {
    SpanFinder cached = finders.get(corpusRoot);
    if (cached != null) return cached;
    TextCorpus corpus = corpora.corpus(modelId, version);
    if (!corpus.root().equals(corpusRoot)) {
      throw new ContentSource.Unavailable("the accepted text of model " + modelId + " builds corpus root " + corpus.root().toHexString()
          + ", version " + version + " registered " + corpusRoot.toHexString());
    }
    SpanFinder finder = SpanFinder.index(corpus);
    finders.put(corpusRoot, finder);
    return finder;
  }
}

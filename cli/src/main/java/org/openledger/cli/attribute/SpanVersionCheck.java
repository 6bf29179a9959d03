package org.openledger.cli.attribute;

import java.math.BigInteger;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.Session;
import org.openledger.cli.prover.VersionAttester;
import org.openledger.contracts.model.Models;
import org.openledger.prover.eval.Progress;
import org.openledger.prover.proof.ContentSource;
import org.openledger.prover.text.ByteTokenizer;
import org.openledger.prover.text.TextCorpus;

/**
 * An attester's check of a text-spans version (docs/text-attribution.md §6a): rebuild the corpus
 * root from the OLT1 text the model's Datanets had accepted when the version was registered, and
 * match it against the registered {@code indexRoot}; the tokenizer must be ol-bytes-v1. Nothing is
 * trained, so unlike a classifier's rebuild the match is exact.
 *
 * <p>{@link #or} gives the daemon's attester one {@link VersionAttester.Rebuild} for every version:
 * span versions come here, every other one to the classifier rebuild.
 */
public final class SpanVersionCheck implements VersionAttester.Rebuild {
  private final Session session;
  private final Progress progress;

  public SpanVersionCheck(Session session, Progress progress) {
    this.session = session;
    this.progress = progress;
  }

  /** Routes text-spans versions to {@code spans} and every other version to {@code others}, by the version's output function. */
  public static VersionAttester.Rebuild or(VersionAttester.Rebuild others, SpanVersionCheck spans) {
    return (modelId, version) -> spans.isTextSpans(modelId, version) ? spans.mismatch(modelId, version) : others.mismatch(modelId, version);
  }

  boolean isTextSpans(BigInteger modelId, BigInteger version) {
    return session.view(session.models(false).version(modelId, version)).component1().outputFunction.intValueExact() == Models.OUTPUT_TEXT_SPANS;
  }

  /**
   * Empty when the version's corpus root is the one its model's accepted text builds, else why not.
   * Content the store does not have yet is {@link ContentSource.Unavailable} (retried), not a mismatch.
   */
  @Override
  public Optional<String> mismatch(BigInteger modelId, BigInteger version) throws ContentSource.Unavailable {
    var v = session.view(session.models(false).version(modelId, version));
    var spec = v.component1();
    if (spec.outputFunction.intValueExact() != Models.OUTPUT_TEXT_SPANS) {
      return Optional.of("output function " + spec.outputFunction + " is not text spans (" + Models.OUTPUT_TEXT_SPANS + ")");
    }
    Bytes32 tokenizer = Bytes32.wrap(spec.basisRoot);
    if (!tokenizer.equals(ByteTokenizer.COMMITMENT)) {
      return Optional.of("tokenizer " + tokenizer.toHexString() + " is not ol-bytes-v1 " + ByteTokenizer.COMMITMENT.toHexString());
    }
    long registeredAt = v.component3().longValueExact();
    TextContributions.Read read;
    try {
      read = TextContributions.of(session, modelId, registeredAt, progress);
    } catch (UserError e) {
      throw new ContentSource.Unavailable(e.getMessage());
    }
    if (read.texts().isEmpty()) {
      return Optional.of("datanets " + read.datanets() + " had no accepted text contribution by block " + registeredAt + " ("
          + read.accepted() + " accepted, none an OLT1 text), so there is no corpus to pay against");
    }
    TextCorpus corpus = TextCorpus.of(read.texts());
    Bytes32 registered = Bytes32.wrap(spec.indexRoot);
    if (!corpus.root().equals(registered)) {
      return Optional.of("corpus root: registered " + registered.toHexString() + ", the " + read.texts().size() + " texts accepted by block "
          + registeredAt + " build " + corpus.root().toHexString() + " (" + corpus.chunks().size() + " chunks)");
    }
    return Optional.empty();
  }
}

package org.openledger.cli.attribute;

import java.math.BigInteger;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.Session;
import org.openledger.prover.eval.Progress;
import org.openledger.prover.proof.ContentSource;
import org.openledger.prover.text.SpanProofEngine;
import org.openledger.prover.text.TextCorpus;

/**
 * The corpus a text-spans version was committed over, read from the chain and the content store
 * (docs/text-attribution.md §6a): the OLT1 text contributions accepted by the model's Datanets up
 * to the version's registration block ({@link TextContributions}). {@link SpanProofEngine} checks
 * that it rebuilds the registered corpus root; {@link SpanVersionCheck} attests when it does.
 */
public final class VersionCorpora implements SpanProofEngine.Corpora {
  private final Session session;

  public VersionCorpora(Session session) {
    this.session = session;
  }

  /** The block the version was registered in: its corpus is the text accepted up to it. */
  public long registeredAt(BigInteger modelId, BigInteger version) {
    return session.view(session.models(false).version(modelId, version)).component3().longValueExact();
  }

  @Override
  public TextCorpus corpus(BigInteger modelId, BigInteger version) throws ContentSource.Unavailable {
    long registeredAt = registeredAt(modelId, version);
    TextContributions.Read read;
    try {
      read = TextContributions.of(session, modelId, registeredAt, Progress.NONE);
    } catch (UserError e) {
      throw new ContentSource.Unavailable(e.getMessage());
    }
    if (read.texts().isEmpty()) {
      throw new ContentSource.Unavailable("model " + modelId + " has no accepted text contribution up to block " + registeredAt
          + ", when version " + version + " was registered");
    }
    return TextCorpus.of(read.texts());
  }
}

package org.openledger.cli.attribute;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.Session;
import org.openledger.cli.factory.AcceptedContributions;
import org.openledger.prover.factory.TrainingSet;
import org.openledger.prover.proof.ContentSource;
import org.openledger.prover.text.SpanProofEngine;
import org.openledger.prover.text.TextContribution;
import org.openledger.prover.text.TextCorpus;

/**
 * The corpus a text-spans version was committed over, read from the chain and the content store
 * (docs/text-attribution.md §6a): the OLT1 text contributions accepted by the model's Datanets up
 * to the version's registration block — the same as-of rule attesters use for a classifier's
 * training set. {@link SpanProofEngine} checks that it rebuilds the registered corpus root.
 */
public final class VersionCorpora implements SpanProofEngine.Corpora {
  private final Session session;

  public VersionCorpora(Session session) {
    this.session = session;
  }

  @Override
  public TextCorpus corpus(BigInteger modelId, BigInteger version) throws ContentSource.Unavailable {
    long registeredAt = session.view(session.models(false).version(modelId, version)).component3().longValueExact();
    List<TrainingSet.Accepted> accepted;
    try {
      accepted = AcceptedContributions.of(session, modelId, registeredAt);
    } catch (UserError e) {
      throw new ContentSource.Unavailable(e.getMessage());
    }
    List<TextCorpus.Contribution> texts = new ArrayList<>();
    for (TrainingSet.Accepted a : accepted) {
      try {
        texts.add(new TextCorpus.Contribution(a.contributor(), a.contributionId(), TextContribution.decode(a.content())));
      } catch (IllegalArgumentException notText) {
        // an image or other data: not part of a text corpus
      }
    }
    if (texts.isEmpty()) {
      throw new ContentSource.Unavailable("model " + modelId + " has no accepted text contribution up to block " + registeredAt
          + ", when version " + version + " was registered");
    }
    return TextCorpus.of(texts);
  }
}

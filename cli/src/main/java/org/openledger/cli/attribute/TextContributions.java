package org.openledger.cli.attribute;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.cli.chain.ContentStore;
import org.openledger.cli.chain.RpcContentSource;
import org.openledger.cli.chain.Session;
import org.openledger.cli.factory.AcceptedContributions;
import org.openledger.contracts.web3j.Datanets;
import org.openledger.precompiles.Address;
import org.openledger.prover.eval.Progress;
import org.openledger.prover.proof.ContentSource;
import org.openledger.prover.text.TextContribution;
import org.openledger.prover.text.TextCorpus;

/**
 * The text a model's versions are paid against (docs/text-attribution.md §3, §6a): the OLT1 texts
 * accepted by one of the model's Datanets in a block up to {@code asOfBlock}, each fetched from the
 * content store and checked against its accepted content hash. The registrant, the attester and the
 * prover all read it here, so they agree on the corpus by construction — the as-of rule is the one
 * attesters use for a classifier's training set.
 */
public final class TextContributions {
  /** What was read: the texts, and how many accepted contributions were something else (images, other data). */
  public record Read(List<TextCorpus.Contribution> texts, int accepted, List<BigInteger> datanets) {}

  private TextContributions() {}

  /** Reads the model's accepted texts as of {@code asOfBlock}; content missing from the store is {@link ContentSource.Unavailable}. */
  public static Read of(Session s, BigInteger modelId, long asOfBlock, Progress progress) throws ContentSource.Unavailable {
    List<BigInteger> datanets = AcceptedContributions.datanetsOf(s, modelId);
    ContentSource content = new RpcContentSource(new ContentStore(s.node()));
    List<TextCorpus.Contribution> texts = new ArrayList<>();
    int[] accepted = {0};
    AcceptedContributions.forEachAccepted(s, datanets, asOfBlock, progress, (id, c) -> {
      accepted[0]++;
      byte[] bytes;
      try {
        bytes = content.get(Bytes32.wrap(c.contentHash));
      } catch (ContentSource.Unavailable e) {
        throw new ContentSource.Unavailable("accepted contribution " + id + " (datanet " + c.datanetId + ") has no content in the node's "
            + "content store: " + e.getMessage() + " — its contributor must publish it (openledger datanet submit stores it)");
      }
      try {
        texts.add(new TextCorpus.Contribution(Address.fromHex(c.contributor), BigInteger.valueOf(id), TextContribution.decode(bytes)));
      } catch (IllegalArgumentException notText) {
        // an image or other data: not part of a text corpus
      }
    });
    return new Read(List.copyOf(texts), accepted[0], datanets);
  }

  /**
   * Ids of the contributions accepted by the model's datanets in blocks {@code after < b ≤ upTo}: text accepted
   * between reading the corpus and registering would be in the attesters' corpus but not in the registered root.
   */
  public static List<BigInteger> acceptedBetween(Session s, BigInteger modelId, long after, long upTo) {
    Set<BigInteger> wanted = new HashSet<>(AcceptedContributions.datanetsOf(s, modelId));
    Datanets d = s.datanets(false);
    long count = s.view(d.contributionCount()).longValueExact();
    List<BigInteger> out = new ArrayList<>();
    for (long id = count; id >= 1; id--) { // newest first: contributions accepted late are usually the last submitted
      Datanets.Contribution c = s.view(d.contribution(BigInteger.valueOf(id)));
      long at = c.curatedAt.longValueExact();
      if (wanted.contains(c.datanetId) && c.status.intValueExact() == AcceptedContributions.ACCEPTED && at > after && at <= upTo) out.add(BigInteger.valueOf(id));
    }
    return out;
  }
}

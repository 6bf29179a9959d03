package org.openledger.cli.factory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.ContentStore;
import org.openledger.cli.chain.RpcContentSource;
import org.openledger.cli.chain.Session;
import org.openledger.contracts.web3j.Datanets;
import org.openledger.precompiles.Address;
import org.openledger.prover.eval.Progress;
import org.openledger.prover.factory.TrainingSet;
import org.openledger.prover.proof.ContentSource;

/** Reads a model's training data from the chain and the content store: what the trainer and attesters train on. */
public final class AcceptedContributions {
  /** The Datanets contract's status of an accepted contribution. */
  public static final int ACCEPTED = 2;

  private AcceptedContributions() {}

  /**
   * Every contribution accepted by one of the model's datanets in a block up to {@code asOfBlock},
   * with its content fetched and checked against the accepted content hash.
   */
  public static List<TrainingSet.Accepted> of(Session s, BigInteger modelId, long asOfBlock) {
    ContentSource content = new RpcContentSource(new ContentStore(s.node()));
    List<TrainingSet.Accepted> out = new ArrayList<>();
    forEachAccepted(s, datanetsOf(s, modelId), asOfBlock, Progress.NONE, (id, c) -> {
      Bytes32 hash = Bytes32.wrap(c.contentHash);
      try {
        out.add(new TrainingSet.Accepted(BigInteger.valueOf(id), c.datanetId.longValueExact(), Address.fromHex(c.contributor), hash, content.get(hash)));
      } catch (ContentSource.Unavailable e) {
        throw new UserError("accepted contribution " + id + " (datanet " + c.datanetId + ") has no content in the node's content store: "
            + e.getMessage() + " — its contributor must publish it (openledger datanet submit stores it)");
      }
    });
    return out;
  }

  /** The model's datanets, as Models lists them. */
  public static List<BigInteger> datanetsOf(Session s, BigInteger modelId) {
    @SuppressWarnings("unchecked")
    List<Object> listed = (List<Object>) s.view(s.models(false).datanetsOf(modelId));
    return listed.stream().map(o -> o instanceof BigInteger b ? b : ((org.web3j.abi.datatypes.generated.Uint256) o).getValue()).toList();
  }

  /** What {@link #forEachAccepted} hands over: a contribution's id and its Datanets record. */
  @FunctionalInterface
  public interface Visitor<E extends Exception> {
    void accept(long id, Datanets.Contribution contribution) throws E;
  }

  /**
   * Visits, in id order, every contribution one of {@code datanets} accepted in a block up to
   * {@code asOfBlock} (the as-of rule trainers and attesters share); {@code progress} steps once per
   * contribution read.
   */
  public static <E extends Exception> void forEachAccepted(Session s, List<BigInteger> datanets, long asOfBlock, Progress progress, Visitor<E> visit)
      throws E {
    Set<BigInteger> wanted = new HashSet<>(datanets);
    Datanets d = s.datanets(false);
    long count = s.view(d.contributionCount()).longValueExact();
    progress.phase("read contributions", (int) Math.min(Integer.MAX_VALUE, count));
    for (long id = 1; id <= count; id++) {
      Datanets.Contribution c = s.view(d.contribution(BigInteger.valueOf(id)));
      progress.step();
      if (wanted.contains(c.datanetId) && c.status.intValueExact() == ACCEPTED && c.curatedAt.longValueExact() <= asOfBlock) visit.accept(id, c);
    }
  }
}

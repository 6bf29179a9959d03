package org.openledger.cli.prover;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.openledger.cli.chain.Connection;
import org.openledger.cli.chain.ContentStore;
import org.openledger.cli.chain.RpcContentSource;
import org.openledger.cli.chain.Session;
import org.openledger.cli.factory.AcceptedContributions;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.web3j.Models;
import org.openledger.contracts.web3j.Provers;
import org.openledger.prover.factory.TrainingSet;
import org.openledger.prover.proof.IndexAudit;
import org.openledger.prover.proof.VersionArtifacts;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.DefaultBlockParameterNumber;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/** What the devnet tests of the leaf-coordinate game share: tampered versions, the game's events, gas spent, uploads. */
final class LeafGameFixtures {
  private LeafGameFixtures() {}

  /**
   * {@code owner} registers a version of {@code modelId} with {@code base}'s model and basis and the index they give on the
   * data accepted now, except coordinate {@code j} of leaf {@code which(leaves)} moved by {@code steps} (0: an honest version);
   * {@code attester} attests it. Returns the new version.
   */
  static BigInteger tampered(Connection rpc, Session owner, Session attester, BigInteger modelId, BigInteger base,
                             ToIntFunction<List<IndexLeaf>> which, int j, int steps) throws Exception {
    LeafGames.Loaded b = LeafGames.load(owner, new RpcContentSource(new ContentStore(rpc)), modelId, base);
    var set = TrainingSet.of(AcceptedContributions.of(owner, modelId, owner.blockNumber().longValueExact()));
    var index = IndexAudit.expected(b.artifacts(), set);
    assertThat(BigInteger.ONE.shiftLeft(index.shift())).as("the data give the base version's scale").isEqualTo(b.spec().scale);
    List<IndexLeaf> leaves = new ArrayList<>(index.leaves());
    int leaf = which.applyAsInt(leaves);
    IndexLeaf l = leaves.get(leaf);
    short[] u = l.u().clone();
    u[j] += (short) (u[j] > 0 ? -steps : steps);
    leaves.set(leaf, new IndexLeaf(l.contributor(), l.datanetId(), l.contributionsRoot(), u));
    VersionArtifacts t = VersionArtifacts.of(b.artifacts().model(), b.artifacts().rows(), leaves);
    ContentStore store = new ContentStore(rpc);
    for (byte[] blob : t.blobs()) store.put(blob);
    var s = b.spec();
    var spec = new Models.VersionSpec(s.weightsRoot, s.basisRoot, t.indexRoot().toArray(), s.damping, s.scale, s.outputFunction, s.tokenMode,
        s.fixedInTokens, s.fixedOutTokens, s.host, s.inRate, s.outRate, s.basisRank);
    var r = owner.send(owner.models(true).registerVersion(modelId, spec));
    BigInteger version = Models.getVersionRegisteredEvents(r).get(0).version;
    attester.send(attester.provers(true).attest(modelId, version));
    return version;
  }

  /** The games opened against {@code version} of {@code modelId} since {@code from}. */
  static List<Provers.LeafChallengeOpenedEventResponse> opened(Session s, BigInteger modelId, BigInteger version, long from) {
    return EventLogs.read(s, Addresses.PROVERS, Provers.LEAFCHALLENGEOPENED_EVENT, from, s.blockNumber().longValueExact(),
        Arrays.asList(null, LeafGames.topic(modelId), LeafGames.topic(version))).stream().map(Provers::getLeafChallengeOpenedEventFromLog).toList();
  }

  /** What {@code who}'s transactions that emitted a Provers event since {@code from} cost in gas (every leaf-game move emits one). */
  static BigInteger gasSpent(Connection rpc, Session who, long from) throws Exception {
    var filter = new EthFilter(new DefaultBlockParameterNumber(from), DefaultBlockParameterName.LATEST, Addresses.PROVERS.toHexString());
    Set<String> seen = new HashSet<>();
    BigInteger total = BigInteger.ZERO;
    for (var result : rpc.web3j().ethGetLogs(filter).send().getLogs()) {
      String hash = ((Log) result.get()).getTransactionHash();
      if (!seen.add(hash)) continue;
      var receipt = rpc.web3j().ethGetTransactionReceipt(hash).send().getTransactionReceipt().orElseThrow();
      if (receipt.getFrom().equalsIgnoreCase(who.sender())) {
        total = total.add(receipt.getGasUsed().multiply(Numeric.decodeQuantity(receipt.getEffectiveGasPrice())));
      }
    }
    return total;
  }

  /** {@code who} uploads {@code content} into game {@code id} in the daemon's chunks, up to byte {@code until}. */
  static void upload(Session who, BigInteger id, byte[] content, long until) {
    for (long at = 0; at < Math.min(until, content.length); at += LeafChallenger.CHUNK) {
      LeafChallenger.Chunk c = LeafChallenger.chunkAt(content, at);
      who.send(who.provers(true).uploadContribution(id, BigInteger.valueOf(at), c.bytes(), BigInteger.valueOf(c.records())));
    }
  }

  /** The leaf game's response window, blocks. */
  static long window(Session s) {
    return s.view(s.provers(false).leafChallengeParameters()).component1().longValueExact();
  }
}

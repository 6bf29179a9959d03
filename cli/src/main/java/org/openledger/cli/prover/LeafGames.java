package org.openledger.cli.prover;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.Session;
import org.openledger.cli.factory.AcceptedContributions;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.web3j.Provers;
import org.openledger.precompiles.Address;
import org.openledger.prover.daemon.Journal;
import org.openledger.prover.daemon.Journal.Entry;
import org.openledger.prover.daemon.Journal.Stage;
import org.openledger.prover.factory.TrainingSet;
import org.openledger.prover.proof.ContentSource;
import org.openledger.prover.proof.LeafChallengeEvidence;
import org.openledger.prover.proof.ProofEngine;
import org.openledger.prover.proof.VersionArtifacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * What both sides of a leaf-coordinate game (docs/attribution.md §8) read from the chain and
 * compute: the game's position, the version's artifacts and training data, and the evidence for
 * the challenged leaf and coordinate ({@link LeafChallengeEvidence}); and how a move is sent —
 * journaled first, then counted and logged.
 */
final class LeafGames {
  private static final Logger LOG = LoggerFactory.getLogger(LeafGames.class);

  /** Game states, as {@code leafChallenge(gameId).state} reports them. */
  static final int OPEN = 1, DISPUTED = 2, UPLOADING = 3, PICKING = 4, CHALLENGER_WON = 5, CHALLENGER_LOST = 6;

  private LeafGames() {}

  /** One game as {@code leafChallenge} reports it. */
  record Game(BigInteger id, BigInteger modelId, BigInteger version, int leafIndex, int coordinate, Address challenger, Address defender,
              int state, long deadline, int disputed, long uploaded) {
    boolean decided() {
      return state >= CHALLENGER_WON;
    }

    /** Whether a move sent now still lands inside this phase's window (it lands in the next block). */
    boolean inWindow(long head) {
      return head < deadline;
    }
  }

  static Game game(Session s, BigInteger id) {
    var g = s.view(s.provers(false).leafChallenge(id));
    return new Game(id, g.component1(), g.component2(), g.component3().intValueExact(), g.component4().intValueExact(),
        Address.fromHex(g.component5()), Address.fromHex(g.component6()), g.component7().intValueExact(), g.component8().longValueExact(),
        g.component9().intValueExact(), g.component10().longValueExact());
  }

  /** A bisected game's position ({@code depth} 0: a game opened with its contribution list). */
  record Position(long depth, Bytes32 node, BigInteger nodeSum, Bytes32 left, Bytes32 right, BigInteger leftSum, BigInteger rightSum) {
    boolean bisected() {
      return depth > 0;
    }
  }

  static Position position(Session s, BigInteger id) {
    var b = s.view(s.provers(false).leafBisection(id));
    return new Position(b.component1().longValueExact(), Bytes32.wrap(b.component2()), b.component3(), Bytes32.wrap(b.component4()),
        Bytes32.wrap(b.component5()), b.component6(), b.component7());
  }

  /** A version's published artifacts and the contributions its datanets had accepted when it was registered. */
  record Loaded(BigInteger modelId, BigInteger version, org.openledger.contracts.web3j.Models.VersionSpec spec, VersionArtifacts artifacts,
                List<TrainingSet.Accepted> accepted) {}

  /** @throws ContentSource.Unavailable when the version's artifacts are not in the content store (yet) */
  static Loaded load(Session s, ContentSource content, BigInteger modelId, BigInteger version) throws ContentSource.Unavailable {
    var v = s.view(s.models(false).version(modelId, version));
    var spec = v.component1();
    VersionArtifacts artifacts = VersionArtifacts.load(content, new ProofEngine.Version(Bytes32.wrap(spec.weightsRoot), Bytes32.wrap(spec.basisRoot),
        Bytes32.wrap(spec.indexRoot), spec.basisRank.intValueExact(), spec.outputFunction.intValueExact()));
    return new Loaded(modelId, version, spec, artifacts, AcceptedContributions.of(s, modelId, v.component3().longValueExact()));
  }

  /**
   * Why the game cannot be played on this version, or empty: only a whole classifier's versions with a
   * power-of-two scale are challengeable (the contract refuses the rest).
   */
  static Optional<String> unchallengeable(Session s, BigInteger modelId, org.openledger.contracts.web3j.Models.VersionSpec spec) {
    if (spec.outputFunction.intValueExact() != Models.OUTPUT_CLASSIFIER_MARGIN) return Optional.of("not a classifier version");
    if (spec.scale.bitCount() != 1) return Optional.of("its scale " + spec.scale + " is not a power of two");
    if (s.view(s.models(false).model(modelId)).baseModelId.signum() != 0) return Optional.of("an adapter");
    return Optional.empty();
  }

  /** {@code e_U}: the registered scale is {@code 2^e_U}. */
  static int leafShift(org.openledger.contracts.web3j.Models.VersionSpec spec) {
    return spec.scale.bitLength() - 1;
  }

  /** Everything a party computes for coordinate {@code coordinate} of leaf {@code leafIndex}. */
  record Evidence(Loaded version, int leafIndex, int coordinate, LeafChallengeEvidence values) {
    IndexLeaf leaf() {
      return version.artifacts().leaves().get(leafIndex);
    }

    /** The leaf's Merkle proof against the registered index root. */
    List<byte[]> leafProof() {
      return hashes(version.artifacts().tree().multiproof(new int[] {leafIndex}));
    }

    /** Basis row {@code coordinate}'s leaf bytes and its Merkle proof against the registered basis root: the step's evidence. */
    byte[] basisRow() {
      return version.artifacts().rows().get(coordinate).leafBytes();
    }

    List<byte[]> basisProof() {
      return hashes(version.artifacts().basisTree().multiproof(new int[] {coordinate}));
    }
  }

  /** The evidence for one leaf and coordinate of a loaded version, from the leaf's own accepted contributions. */
  static Evidence evidence(Loaded v, int leafIndex, int coordinate) {
    if (leafIndex < 0 || leafIndex >= v.artifacts().leaves().size()) {
      throw new IllegalStateException("leaf " + leafIndex + " is outside the version's " + v.artifacts().leaves().size() + " leaves");
    }
    IndexLeaf leaf = v.artifacts().leaves().get(leafIndex);
    List<TrainingSet.Accepted> mine = v.accepted().stream()
        .filter(a -> a.contributor().equals(leaf.contributor()) && a.datanetId() == leaf.datanetId()).toList();
    if (mine.isEmpty()) throw new IllegalStateException("no accepted contribution of leaf " + leafIndex + "'s contributor " + leaf.contributor());
    var values = LeafChallengeEvidence.of(mine, v.artifacts().model(), v.artifacts().rows().get(coordinate));
    if (!values.tree().root().equals(leaf.contributionsRoot())) {
      throw new IllegalStateException("leaf " + leafIndex + "'s contributionsRoot is not its accepted contributions' tree");
    }
    return new Evidence(v, leafIndex, coordinate, values);
  }

  /** Game {@code g}'s evidence, computed once per run ({@code cache}); after a restart, recomputed from the chain's data. */
  static Evidence evidence(Session s, ContentSource content, java.util.Map<BigInteger, Evidence> cache, Game g) throws ContentSource.Unavailable {
    Evidence e = cache.get(g.id());
    if (e == null) {
      e = evidence(load(s, content, g.modelId(), g.version()), g.leafIndex(), g.coordinate());
      cache.put(g.id(), e);
    }
    return e;
  }

  /** The index of the contribution whose leaf hashes to {@code node}, or empty. */
  static Optional<Integer> contributionAt(Evidence e, Bytes32 node) {
    return e.values().tree().opening(node).filter(o -> o.isContribution()).map(o -> o.contribution());
  }

  /**
   * Sends one move of game {@code game}: the journal records it first (forced to disk), then it is
   * sent, counted ({@code _leaf_moves_total{role,move,outcome}}) and logged.
   */
  static TransactionReceipt move(Session s, Journal journal, BigInteger key, ProverMetrics metrics, String role, String move, BigInteger game,
                                 String detail, RemoteFunctionCall<TransactionReceipt> call) {
    long head = s.blockNumber().longValueExact();
    Entry previous = journal.latest(key);
    String opened = previous == null ? "" : noted(previous, "opened").map(b -> " opened=" + b).orElse(""); // where the game's logs start
    journal.record(new Entry(key, Stage.LEAF_GAME, head, "game=" + game + " role=" + role + " move=" + move + opened + (detail.isEmpty() ? "" : " " + detail)));
    TransactionReceipt r;
    try {
      r = s.send(call);
    } catch (UserError e) {
      metrics.leafMoves.labels(role, move, "failed").inc();
      LOG.warn("event=leaf_game role={} game={} move={} outcome=failed error=\"{}\"", role, game, move, e.getMessage());
      throw e;
    }
    metrics.leafMoves.labels(role, move, "sent").inc();
    LOG.info("event=leaf_game role={} game={} move={} outcome=sent {} gasUsed={}", role, game, move, detail, r.getGasUsed());
    return r;
  }

  /** The game's {@code LeafChallengeDecided}, once it is decided. */
  static Optional<Provers.LeafChallengeDecidedEventResponse> decided(Session s, BigInteger game, long from) {
    long head = s.blockNumber().longValueExact();
    for (Log l : EventLogs.read(s, Addresses.PROVERS, Provers.LEAFCHALLENGEDECIDED_EVENT, from, head, List.of(topic(game)))) {
      return Optional.of(Provers.getLeafChallengeDecidedEventFromLog(l));
    }
    return Optional.empty();
  }

  static String topic(BigInteger value) {
    return Numeric.toHexStringWithPrefixZeroPadded(value, 64);
  }

  /** A {@code name=value} field of a journal note. */
  static Optional<BigInteger> noted(Entry e, String name) {
    for (String field : e.note().split(" ")) {
      if (field.startsWith(name + "=")) return Optional.of(new BigInteger(field.substring(name.length() + 1)));
    }
    return Optional.empty();
  }

  static List<BigInteger> int64s(long[] values) {
    return java.util.Arrays.stream(values).mapToObj(BigInteger::valueOf).toList();
  }

  private static List<byte[]> hashes(List<Bytes32> proof) {
    return proof.stream().map(Bytes32::toArray).toList();
  }
}

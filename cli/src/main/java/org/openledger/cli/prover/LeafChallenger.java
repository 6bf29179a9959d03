package org.openledger.cli.prover;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.Session;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.attribution.KeccakSponge;
import org.openledger.contracts.attribution.SumTree;
import org.openledger.contracts.web3j.Models;
import org.openledger.contracts.web3j.Provers;
import org.openledger.precompiles.Address;
import org.openledger.prover.daemon.Journal;
import org.openledger.prover.daemon.Journal.Entry;
import org.openledger.prover.daemon.Journal.Stage;
import org.openledger.prover.factory.TrainingSet;
import org.openledger.prover.proof.ContentSource;
import org.openledger.prover.proof.IndexAudit;
import org.openledger.prover.proof.IndexAudit.WrongCoordinate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The prover daemon as a leaf-coordinate challenger (docs/attribution.md §8–§9): every registered
 * version's index is recomputed from its own published model and basis on the data its datanets
 * had accepted ({@link IndexAudit}, the index half of the attester's check); a version with a wrong
 * coordinate is challenged at the coordinate the most quantization steps off — with the list
 * opening for a leaf of up to {@link org.openledger.contracts.prover.Provers#MAX_LISTED_CONTRIBUTIONS}
 * contributions, by bisection above — and the game is played to its end: each dispute answered in
 * its window (a split down the contributions tree, or the descent with per-example values), the
 * disputed contribution uploaded in chunks, and the win claimed by timeout when no defender
 * disputes or steps.
 *
 * <p>Restart safety: the intent to open is journaled before the bond is posted, and an intent found
 * unfinished is first looked up on-chain ({@code LeafChallengeOpened} naming this challenger for the
 * version), so a game — and its bond — is never opened twice. Every later move is journaled before
 * it is sent and is chosen from the game's state read from the chain, so a move that landed before
 * a crash moved the game on and is not sent again.
 */
public final class LeafChallenger {
  private static final Logger LOG = LoggerFactory.getLogger(LeafChallenger.class);
  private static final int MAX_ATTEMPTS = 5;
  static final String ROLE = "challenger";
  /** Upload chunk: 736 Keccak blocks, 100,096 bytes, about 15.9 M gas (docs/attribution.md §8). */
  static final int CHUNK = 736 * KeccakSponge.RATE;
  /** An OLI1 contribution's header: magic, rows, cols, classes, count. */
  private static final int HEADER = 4 + 2 + 2 + 1 + 2;

  private final Session session;
  private final Journal journal;
  private final ContentSource content;
  private final ProverMetrics metrics;
  private final long fromBlock;
  private final int listLimit;
  private final boolean challenge;
  private final Address me;
  private final Map<BigInteger, VersionAttester.Version> retry = new LinkedHashMap<>();
  private final Map<BigInteger, Integer> failures = new HashMap<>();
  /** Each game's evidence, computed once per run. */
  private final Map<BigInteger, LeafGames.Evidence> evidence = new HashMap<>();

  /**
   * @param journal this duty's own journal, keyed by version ({@link VersionAttester.Version#key})
   * @param fromBlock versions registered before it are not audited on a fresh journal
   */
  public LeafChallenger(Session session, Journal journal, ContentSource content, ProverMetrics metrics, long fromBlock) {
    this(session, journal, content, metrics, fromBlock, true);
  }

  /** @param challenge whether to open games; without, a wrong index is only logged and counted ({@code --no-challenge}) */
  public LeafChallenger(Session session, Journal journal, ContentSource content, ProverMetrics metrics, long fromBlock, boolean challenge) {
    this(session, journal, content, metrics, fromBlock, challenge, org.openledger.contracts.prover.Provers.MAX_LISTED_CONTRIBUTIONS);
  }

  /** With {@code listLimit}: the most contributions a leaf may have to be opened with its list (the chain's limit, or fewer). */
  LeafChallenger(Session session, Journal journal, ContentSource content, ProverMetrics metrics, long fromBlock, boolean challenge, int listLimit) {
    if (listLimit < 1 || listLimit > org.openledger.contracts.prover.Provers.MAX_LISTED_CONTRIBUTIONS) {
      throw new IllegalArgumentException("list limit " + listLimit);
    }
    this.session = session;
    this.journal = journal;
    this.content = content;
    this.metrics = metrics;
    this.fromBlock = fromBlock;
    this.listLimit = listLimit;
    this.challenge = challenge;
    this.me = Address.fromHex(session.sender());
    for (Entry e : journal.unfinished()) if (e.stage() == Stage.LEAF_OPENING) retry.put(e.requestId(), VersionAttester.Version.of(e.requestId()));
    if (!journal.unfinished().isEmpty()) LOG.info("event=leaf_game role=challenger resume={} scannedTo={}", journal.unfinished().size(), journal.scannedTo());
  }

  /** One pass: audit every version registered since the last pass, then advance every game this challenger plays. Returns the moves sent. */
  public int tick() {
    long latest = session.blockNumber().longValueExact();
    Map<BigInteger, VersionAttester.Version> due = new LinkedHashMap<>(retry);
    long from = Math.max(journal.scannedTo() + 1, fromBlock);
    if (from <= latest) {
      for (Log log : EventLogs.read(session, Addresses.MODELS, Models.VERSIONREGISTERED_EVENT, from, latest, null)) {
        var ev = Models.getVersionRegisteredEventFromLog(log);
        var v = new VersionAttester.Version(ev.modelId, ev.version);
        if (journal.latest(v.key()) == null) due.putIfAbsent(v.key(), v);
      }
    }
    int moves = 0;
    for (Map.Entry<BigInteger, VersionAttester.Version> d : due.entrySet()) {
      try {
        moves += audit(d.getKey(), d.getValue());
        retry.remove(d.getKey());
        failures.remove(d.getKey());
      } catch (UserError | IllegalStateException | ContentSource.Unavailable e) {
        if (giveUp(d.getKey(), e)) retry.remove(d.getKey());
        else retry.put(d.getKey(), d.getValue());
      }
    }
    for (Entry e : journal.unfinished()) {
      if (e.stage() != Stage.LEAF_GAME) continue;
      BigInteger game = LeafGames.noted(e, "game").orElseThrow(() -> new IllegalStateException("journal entry " + e + " names no game"));
      try {
        moves += play(e.requestId(), game);
        failures.remove(e.requestId());
      } catch (UserError | IllegalStateException | ContentSource.Unavailable ex) {
        giveUp(e.requestId(), ex); // a game is never given up while it runs: its bond is at stake
      }
    }
    journal.scanned(latest);
    return moves;
  }

  /** Counts a failure; after {@link #MAX_ATTEMPTS} an audit (not a game) is given up. Returns whether it was. */
  private boolean giveUp(BigInteger key, Exception e) {
    int n = failures.merge(key, 1, Integer::sum);
    VersionAttester.Version v = VersionAttester.Version.of(key);
    LOG.warn("event=leaf_game role=challenger model={} version={} attempt={} error=\"{}\"", v.modelId(), v.version(), n, e.getMessage());
    Entry last = journal.latest(key);
    if (n < MAX_ATTEMPTS || (last != null && last.stage() == Stage.LEAF_GAME)) return false;
    done(key, "gave up after " + n + " attempts: " + e.getMessage());
    failures.remove(key);
    return true;
  }

  private int audit(BigInteger key, VersionAttester.Version v) throws ContentSource.Unavailable {
    Entry last = journal.latest(key);
    if (last != null && last.stage() != Stage.LEAF_OPENING) return 0; // audited, or its game is played by tick
    if (last != null) { // the opening was about to be sent when the daemon stopped: did it land?
      Optional<BigInteger> landed = openedOnChain(v, last.block());
      if (landed.isPresent()) {
        journal.record(new Entry(key, Stage.LEAF_GAME, session.blockNumber().longValueExact(),
            "game=" + landed.get() + " role=challenger move=watch (its opening found on-chain after a restart)"));
        return 0;
      }
    }
    if (session.view(session.provers(false).versionFaulty(v.modelId(), v.version()))) {
      done(key, "already shown faulty");
      return 0;
    }
    var spec = session.view(session.models(false).version(v.modelId(), v.version())).component1();
    Optional<String> why = LeafGames.unchallengeable(session, v.modelId(), spec);
    if (why.isPresent()) {
      done(key, "not challengeable: " + why.get());
      return 0;
    }
    LeafGames.Loaded loaded = LeafGames.load(session, content, v.modelId(), v.version());
    List<WrongCoordinate> wrong;
    try {
      wrong = IndexAudit.wrongCoordinates(loaded.artifacts(), TrainingSet.of(loaded.accepted()), LeafGames.leafShift(spec));
    } catch (ArithmeticException | IllegalArgumentException e) {
      done(key, "no index to compare: " + e.getMessage());
      return 0;
    }
    if (wrong.isEmpty()) {
      metrics.leafAudits.labels("sound").inc();
      LOG.info("event=leaf_game role=challenger verdict=sound model={} version={}", v.modelId(), v.version());
      done(key, "index sound");
      return 0;
    }
    metrics.leafAudits.labels("wrong").inc();
    WrongCoordinate w = wrong.get(0); // the most steps off: the plainest to show
    LOG.warn("event=leaf_game role=challenger verdict=wrong model={} version={} leaf={} coordinate={} registered={} expected={} steps={} wrong={}",
        v.modelId(), v.version(), w.leafIndex(), w.coordinate(), w.registered(), w.expected(), w.steps(), wrong.size());
    LeafGames.Evidence e = LeafGames.evidence(loaded, w.leafIndex(), w.coordinate());
    boolean bisect = e.values().size() > listLimit;
    String kind = bisect ? "bisection" : "list";
    String move = bisect ? "open_bisection" : "open_list";
    if (!challenge) {
      metrics.leafMoves.labels(ROLE, move, "skipped").inc();
      done(key, "leaf " + w.leafIndex() + " coordinate " + w.coordinate() + " wrong by " + w.steps() + " steps, not challenged: --no-challenge");
      return 0;
    }
    journal.record(new Entry(key, Stage.LEAF_OPENING, session.blockNumber().longValueExact(),
        "model=" + v.modelId() + " version=" + v.version() + " leaf=" + w.leafIndex() + " coordinate=" + w.coordinate() + " kind=" + kind));
    BigInteger bond = session.view(session.provers(false).leafChallengeParameters()).component2();
    BigInteger balance = balance();
    if (balance.compareTo(bond) <= 0) { // retried each tick until funded, then given up with the rest of the audit's failures
      throw new UserError("opening the leaf challenge of model " + v.modelId() + " version " + v.version() + " posts leafChallengerBond " + bond
          + " wei plus gas, and " + session.sender() + " holds " + balance + " wei: send it OPEN (the bond is paid from the balance, not the prover bond)");
    }
    Provers p = session.provers(true);
    BigInteger leafCount = BigInteger.valueOf(loaded.artifacts().leaves().size()), leafIndex = BigInteger.valueOf(w.leafIndex()),
        j = BigInteger.valueOf(w.coordinate());
    var call = bisect
        ? p.openLeafBisection(v.modelId(), v.version(), leafCount, leafIndex, j, e.leaf().leafBytes(), e.leafProof(), BigInteger.valueOf(e.values().total()),
            rootOpening(e).preimage(), rootOpening(e).leftSum(), bond)
        : p.openLeafChallenge(v.modelId(), v.version(), leafCount, leafIndex, j, e.leaf().leafBytes(), e.leafProof(), e.values().contributionLeaves(),
            LeafGames.int64s(e.values().partialSums()), bond);
    TransactionReceipt r;
    try {
      r = session.send(call);
    } catch (UserError ex) {
      metrics.leafMoves.labels(ROLE, move, "failed").inc();
      throw ex;
    }
    metrics.leafMoves.labels(ROLE, move, "sent").inc();
    BigInteger game = Provers.getLeafChallengeOpenedEvents(r).get(0).gameId;
    evidence.put(game, e);
    journal.record(new Entry(key, Stage.LEAF_GAME, session.blockNumber().longValueExact(), "game=" + game + " role=challenger move=watch"));
    LOG.info("event=leaf_game role=challenger game={} move={} outcome=sent model={} version={} leaf={} coordinate={} claimedSum={} contributions={} bond={} gasUsed={}",
        game, move, v.modelId(), v.version(), w.leafIndex(), w.coordinate(), e.values().total(), e.values().size(), bond, r.getGasUsed());
    return 1;
  }

  private BigInteger balance() {
    try {
      return session.node().web3j().ethGetBalance(session.sender(), DefaultBlockParameterName.LATEST).send().getBalance();
    } catch (java.io.IOException e) {
      throw new UserError("cannot read the balance of " + session.sender() + " from " + session.node().url() + ": " + e.getMessage());
    }
  }

  private static SumTree.Opening rootOpening(LeafGames.Evidence e) {
    return e.values().tree().opening(e.values().tree().root()).orElseThrow();
  }

  /** Plays game {@code game} as far as it is this challenger's turn; returns the moves sent. */
  private int play(BigInteger key, BigInteger game) throws ContentSource.Unavailable {
    int moves = 0;
    while (true) {
      LeafGames.Game g = LeafGames.game(session, game);
      if (g.decided()) {
        finish(key, g);
        return moves;
      }
      if (!g.challenger().equals(me)) throw new IllegalStateException("game " + game + " is " + g.challenger() + "'s, not this prover's");
      long head = session.blockNumber().longValueExact();
      if (!g.inWindow(head)) {
        // OPEN or PICKING past its window: nobody disputed or stepped, and the win is claimed; past a window of ours the game is lost
        if (g.state() == LeafGames.OPEN || g.state() == LeafGames.PICKING) {
          LeafGames.move(session, journal, key, metrics, ROLE, "timeout", game, "", session.provers(true).timeoutLeafChallenge(game));
          moves++;
          continue;
        }
        return moves; // the defender collects by timeout; the decision is recorded when it lands
      }
      switch (g.state()) {
        case LeafGames.DISPUTED -> answer(key, g);
        case LeafGames.UPLOADING -> upload(key, g);
        default -> {
          return moves; // the defenders' turn
        }
      }
      moves++;
    }
  }

  /** The answer to a dispute: the disputed node's opening in a bisected game, else the descent into the disputed contribution. */
  private void answer(BigInteger key, LeafGames.Game g) throws ContentSource.Unavailable {
    LeafGames.Evidence e = evidenceFor(g);
    LeafGames.Position at = LeafGames.position(session, g.id());
    Provers p = session.provers(true);
    if (at.bisected()) {
      SumTree.Opening o = e.values().tree().opening(at.node())
          .orElseThrow(() -> new IllegalStateException("game " + g.id() + " disputes node " + at.node() + ", which is not in the leaf's contributions tree"));
      if (!o.isContribution()) {
        LeafGames.move(session, journal, key, metrics, ROLE, "split", g.id(), "depth=" + (at.depth() + 1) + " leftSum=" + o.leftSum() + " rightSum=" + o.rightSum(),
            p.splitLeafChallenge(g.id(), o.preimage(), o.leftSum()));
        return;
      }
      LeafGames.move(session, journal, key, metrics, ROLE, "descend", g.id(), "contribution=" + o.contribution(),
          p.descendLeafChallenge(g.id(), List.of(), o.preimage(), List.of(), LeafGames.int64s(e.values().values(o.contribution()))));
      return;
    }
    int i = g.disputed();
    LeafGames.move(session, journal, key, metrics, ROLE, "descend", g.id(), "contribution=" + i,
        p.descendLeafChallenge(g.id(), LeafGames.int64s(e.values().partialSums()), e.values().contributionLeaf(i),
            e.values().contributionProof(i).stream().map(b -> b.toArray()).toList(), LeafGames.int64s(e.values().values(i))));
  }

  /** The next chunk of the disputed contribution, from where the chain's upload stands. */
  private void upload(BigInteger key, LeafGames.Game g) throws ContentSource.Unavailable {
    LeafGames.Evidence e = evidenceFor(g);
    LeafGames.Position at = LeafGames.position(session, g.id());
    int i = at.bisected()
        ? LeafGames.contributionAt(e, at.node()).orElseThrow(() -> new IllegalStateException("game " + g.id() + " descended into an unknown contribution"))
        : g.disputed();
    byte[] whole = e.values().content(i);
    Chunk c = chunkAt(whole, g.uploaded());
    LeafGames.move(session, journal, key, metrics, ROLE, "upload", g.id(), "contribution=" + i + " offset=" + c.offset() + " bytes=" + c.bytes().length
        + " of=" + whole.length, session.provers(true).uploadContribution(g.id(), BigInteger.valueOf(c.offset()), c.bytes(), BigInteger.valueOf(c.records())));
  }

  /** One upload call's arguments: the bytes from {@code offset}, and how many example records they complete. */
  record Chunk(long offset, byte[] bytes, int records) {}

  /** The chunk of {@code content} that starts at {@code offset}: {@link #CHUNK} bytes (whole Keccak blocks), or the rest. */
  static Chunk chunkAt(byte[] content, long offset) {
    int end = (int) Math.min(content.length, offset + CHUNK);
    return new Chunk(offset, java.util.Arrays.copyOfRange(content, (int) offset, end), recordsCompleted(content, offset, end));
  }

  /** How many example records of an OLI1 contribution end inside {@code [from, to)}: what an upload call declares. */
  static int recordsCompleted(byte[] content, long from, long to) {
    ByteBuffer h = ByteBuffer.wrap(content);
    int record = (h.getShort(4) & 0xffff) * (h.getShort(6) & 0xffff) + 1;
    return (int) (completedBy(to, record) - completedBy(from, record));
  }

  private static long completedBy(long end, int record) {
    return end < HEADER ? 0 : (end - HEADER) / record;
  }

  private LeafGames.Evidence evidenceFor(LeafGames.Game g) throws ContentSource.Unavailable {
    return LeafGames.evidence(session, content, evidence, g);
  }


  private void finish(BigInteger key, LeafGames.Game g) {
    boolean won = g.state() == LeafGames.CHALLENGER_WON;
    var decided = LeafGames.decided(session, g.id(), journal.latest(key) == null ? 0 : Math.max(0, journal.latest(key).block() - 1));
    String paid = decided.map(d -> " slashed=" + d.slashed + " toChallenger=" + d.toChallenger + " reason=" + d.reason).orElse("");
    metrics.leafMoves.labels(ROLE, "result", won ? "won" : "lost").inc();
    if (won) LOG.info("event=leaf_game role=challenger game={} result=won model={} version={}{}", g.id(), g.modelId(), g.version(), paid);
    else LOG.warn("event=leaf_game role=challenger game={} result=lost model={} version={}{}", g.id(), g.modelId(), g.version(), paid);
    evidence.remove(g.id());
    done(key, "game=" + g.id() + " " + (won ? "won" : "lost") + paid);
  }

  /** The game this challenger opened against the version at or after {@code since}, if its opening landed. */
  private Optional<BigInteger> openedOnChain(VersionAttester.Version v, long since) {
    long head = session.blockNumber().longValueExact();
    for (Log l : EventLogs.read(session, Addresses.PROVERS, Provers.LEAFCHALLENGEOPENED_EVENT, since, head,
        java.util.Arrays.asList(null, LeafGames.topic(v.modelId()), LeafGames.topic(v.version())))) {
      var ev = Provers.getLeafChallengeOpenedEventFromLog(l);
      if (Address.fromHex(ev.challenger).equals(me)) return Optional.of(ev.gameId);
    }
    return Optional.empty();
  }

  private void done(BigInteger key, String why) {
    VersionAttester.Version v = VersionAttester.Version.of(key);
    journal.record(new Entry(key, Stage.DONE, session.blockNumber().longValueExact(), "model=" + v.modelId() + " version=" + v.version() + " " + why));
  }

  /** Games this challenger is playing (for --once's summary). */
  public List<BigInteger> games() {
    List<BigInteger> out = new ArrayList<>();
    for (Entry e : journal.unfinished()) if (e.stage() == Stage.LEAF_GAME) LeafGames.noted(e, "game").ifPresent(out::add);
    return out;
  }
}

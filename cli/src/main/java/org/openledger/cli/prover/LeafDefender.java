package org.openledger.cli.prover;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.Session;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.web3j.Provers;
import org.openledger.precompiles.Address;
import org.openledger.prover.daemon.Journal;
import org.openledger.prover.daemon.Journal.Entry;
import org.openledger.prover.daemon.Journal.Stage;
import org.openledger.prover.proof.ContentSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The prover daemon as a defender in leaf-coordinate games (docs/attribution.md §8–§9): when its
 * account owns the model or attested the version a game challenges, it recomputes the challenged
 * leaf's per-example values from the chain's data and answers each claim: it disputes the first
 * wrong partial sum (a list opening) or the child whose claimed sum is wrong (each bisection round,
 * {@code SumTree.wrongSide}), and after the upload steps on the first example whose claimed value is
 * wrong; it collects the challenger's bond by timeout when the challenger misses a window. A
 * challenge whose claims are all true is let run — the leaf is wrong and any move would only burn
 * gas. Only the first disputer plays later rounds, so a game another defender took is left to it.
 *
 * <p>Restart safety: every game is journaled when first seen and before every move (keyed by game
 * id), and each move is chosen from the game's state read from the chain, so a move that landed
 * before a crash is not sent again.
 */
public final class LeafDefender {
  private static final Logger LOG = LoggerFactory.getLogger(LeafDefender.class);
  static final String ROLE = "defender";

  private final Session session;
  private final Journal journal;
  private final ContentSource content;
  private final ProverMetrics metrics;
  private final long fromBlock;
  private final Address me;
  private final Map<BigInteger, LeafGames.Evidence> evidence = new HashMap<>();
  private final Map<BigInteger, Integer> failures = new HashMap<>();

  /** @param journal this duty's own journal, keyed by game id */
  public LeafDefender(Session session, Journal journal, ContentSource content, ProverMetrics metrics, long fromBlock) {
    this.session = session;
    this.journal = journal;
    this.content = content;
    this.metrics = metrics;
    this.fromBlock = fromBlock;
    this.me = Address.fromHex(session.sender());
    if (!journal.unfinished().isEmpty()) LOG.info("event=leaf_game role=defender resume={} scannedTo={}", journal.unfinished().size(), journal.scannedTo());
  }

  /** One pass: take up every game opened since the last pass against a version this account answers for, and advance each. Returns the moves sent. */
  public int tick() {
    long latest = session.blockNumber().longValueExact();
    long from = Math.max(journal.scannedTo() + 1, fromBlock);
    if (from <= latest) {
      for (Log log : EventLogs.read(session, Addresses.PROVERS, Provers.LEAFCHALLENGEOPENED_EVENT, from, latest, null)) {
        var ev = Provers.getLeafChallengeOpenedEventFromLog(log);
        if (journal.latest(ev.gameId) != null || Address.fromHex(ev.challenger).equals(me)) continue;
        if (!answersFor(ev.modelId, ev.version)) continue;
        journal.record(new Entry(ev.gameId, Stage.LEAF_GAME, log.getBlockNumber().longValueExact(),
            "game=" + ev.gameId + " role=defender move=watch opened=" + log.getBlockNumber()));
        LOG.info("event=leaf_game role=defender game={} move=watch model={} version={} leaf={} coordinate={} challenger={} claimedSum={}",
            ev.gameId, ev.modelId, ev.version, ev.leafIndex, ev.coordinate, ev.challenger, ev.claimedSum);
      }
    }
    int moves = 0;
    for (Entry e : journal.unfinished()) {
      try {
        moves += defend(e.requestId());
        failures.remove(e.requestId());
      } catch (UserError | IllegalStateException | ContentSource.Unavailable ex) {
        int n = failures.merge(e.requestId(), 1, Integer::sum);
        LOG.warn("event=leaf_game role=defender game={} attempt={} error=\"{}\" — retrying next tick", e.requestId(), n, ex.getMessage());
      }
    }
    journal.scanned(latest);
    return moves;
  }

  /** Whether this account may dispute a game against the version: its model's owner or one of its attesters. */
  private boolean answersFor(BigInteger modelId, BigInteger version) {
    if (Address.fromHex(session.view(session.models(false).model(modelId)).owner).equals(me)) return true;
    return session.view(session.models(false).hasAttested(modelId, version, me.toHexString()));
  }

  private int defend(BigInteger game) throws ContentSource.Unavailable {
    int moves = 0;
    while (true) {
      LeafGames.Game g = LeafGames.game(session, game);
      if (g.decided()) {
        finish(g);
        return moves;
      }
      if (!g.defender().equals(Address.ZERO) && !g.defender().equals(me)) {
        done(game, "defended by " + g.defender());
        return moves;
      }
      long head = session.blockNumber().longValueExact();
      if (!g.inWindow(head)) {
        // the challenger missed its window (dispute answered, upload unfinished): its bond is the defender's, by timeout
        if (g.defender().equals(me) && (g.state() == LeafGames.DISPUTED || g.state() == LeafGames.UPLOADING)) {
          LeafGames.move(session, journal, game, metrics, ROLE, "timeout", game, "", session.provers(true).timeoutLeafChallenge(game));
          moves++;
          continue;
        }
        return moves; // our window passed: the challenger claims its win
      }
      boolean moved = switch (g.state()) {
        case LeafGames.OPEN -> dispute(g);
        case LeafGames.PICKING -> g.defender().equals(me) && step(g);
        default -> false; // the challenger's turn
      };
      if (!moved) return moves;
      moves++;
    }
  }

  /** Disputes the first wrong claim of the opening or of the last split; lets an honest one run. Returns whether it sent a move. */
  private boolean dispute(LeafGames.Game g) throws ContentSource.Unavailable {
    LeafGames.Evidence e = evidenceFor(g);
    LeafGames.Position at = LeafGames.position(session, g.id());
    Optional<Integer> wrong;
    String detail;
    if (at.bisected()) {
      // depth 1 opened the contributions root; each later split opened the node disputed last
      Bytes32 opened = at.depth() == 1 ? e.leaf().contributionsRoot() : at.node();
      wrong = e.values().tree().wrongSide(opened, at.leftSum(), at.rightSum());
      detail = "depth=" + at.depth() + " claimedLeft=" + at.leftSum() + " claimedRight=" + at.rightSum();
    } else {
      long[] claimed = claimedPartialSums(g);
      long[] truth = e.values().partialSums();
      wrong = Optional.empty();
      for (int i = 0; i < truth.length && wrong.isEmpty(); i++) if (i >= claimed.length || claimed[i] != truth[i]) wrong = Optional.of(i);
      detail = wrong.map(i -> "claimed=" + (i < claimed.length ? claimed[i] : "none") + " true=" + truth[i]).orElse("");
    }
    if (wrong.isEmpty()) return letRun(g, "every claimed sum is the true one: the leaf is wrong");
    LeafGames.move(session, journal, g.id(), metrics, ROLE, "dispute", g.id(), "part=" + wrong.get() + " " + detail,
        session.provers(true).disputePartialSum(g.id(), BigInteger.valueOf(wrong.get())));
    return true;
  }

  /** Steps on the first example whose claimed value is wrong; lets an honest descent run. Returns whether it sent a move. */
  private boolean step(LeafGames.Game g) throws ContentSource.Unavailable {
    LeafGames.Evidence e = evidenceFor(g);
    LeafGames.Position at = LeafGames.position(session, g.id());
    int i = at.bisected()
        ? LeafGames.contributionAt(e, at.node()).orElseThrow(() -> new IllegalStateException("game " + g.id() + " descended into an unknown contribution"))
        : g.disputed();
    long[] claimed = claimedValues(g);
    long[] truth = e.values().values(i);
    int wrong = -1;
    for (int x = 0; x < truth.length && wrong < 0; x++) if (x >= claimed.length || claimed[x] != truth[x]) wrong = x;
    if (wrong < 0) return letRun(g, "every value of contribution " + i + " is the true one");
    LeafGames.move(session, journal, g.id(), metrics, ROLE, "step", g.id(),
        "contribution=" + i + " example=" + wrong + " claimed=" + claimed[wrong] + " true=" + truth[wrong],
        session.provers(true).stepLeafChallenge(g.id(), BigInteger.valueOf(wrong), LeafGames.int64s(claimed), e.values().record(i, wrong),
            e.version().artifacts().model().weightsBytes(), e.basisRow(), e.basisProof()));
    return true;
  }

  private boolean letRun(LeafGames.Game g, String why) {
    metrics.leafMoves.labels(ROLE, "let_run", "skipped").inc();
    LOG.info("event=leaf_game role=defender game={} move=let_run model={} version={} reason=\"{}\"", g.id(), g.modelId(), g.version(), why);
    done(g.id(), "let run: " + why);
    return false;
  }

  /** The partial sums the list opening carried (the chain keeps only their hash). */
  private long[] claimedPartialSums(LeafGames.Game g) {
    Log opened = only(g, Provers.LEAFCHALLENGEOPENED_EVENT);
    List<Object> args = EventLogs.callArgs(session, opened.getTransactionHash(), org.openledger.contracts.prover.Provers.OPEN_LEAF_CHALLENGE)
        .orElseThrow(() -> new IllegalStateException("game " + g.id() + " was not opened by a direct openLeafChallenge call; its partial sums are unknown"));
    return longs((List<?>) args.get(8));
  }

  /** The example values the descent carried (the chain keeps only their hash). */
  private long[] claimedValues(LeafGames.Game g) {
    Log descended = only(g, Provers.LEAFCHALLENGEDESCENDED_EVENT);
    List<Object> args = EventLogs.callArgs(session, descended.getTransactionHash(), org.openledger.contracts.prover.Provers.DESCEND_LEAF_CHALLENGE)
        .orElseThrow(() -> new IllegalStateException("game " + g.id() + " was not descended by a direct descendLeafChallenge call; its values are unknown"));
    return longs((List<?>) args.get(4));
  }

  private Log only(LeafGames.Game g, org.web3j.abi.datatypes.Event event) {
    long since = LeafGames.noted(openEntry(g.id()), "opened").map(BigInteger::longValueExact).orElse(fromBlock);
    List<Log> logs = EventLogs.read(session, Addresses.PROVERS, event, since, session.blockNumber().longValueExact(), List.of(LeafGames.topic(g.id())));
    if (logs.isEmpty()) throw new IllegalStateException("no " + event.getName() + " for game " + g.id() + " since block " + since);
    return logs.get(logs.size() - 1);
  }

  /** The journal's first record of a game is replaced by later ones; the opening block is carried in every note. */
  private Entry openEntry(BigInteger game) {
    Entry e = journal.latest(game);
    if (e == null) throw new IllegalStateException("game " + game + " is not in the journal");
    return e;
  }

  private static long[] longs(List<?> words) {
    long[] out = new long[words.size()];
    for (int i = 0; i < out.length; i++) out[i] = ((BigInteger) words.get(i)).longValueExact();
    return out;
  }

  private LeafGames.Evidence evidenceFor(LeafGames.Game g) throws ContentSource.Unavailable {
    return LeafGames.evidence(session, content, evidence, g);
  }


  private void finish(LeafGames.Game g) {
    boolean mine = g.defender().equals(me);
    boolean won = mine && g.state() == LeafGames.CHALLENGER_LOST;
    Entry last = journal.latest(g.id());
    long since = last == null ? fromBlock : LeafGames.noted(last, "opened").map(BigInteger::longValueExact).orElse(fromBlock);
    String how = LeafGames.decided(session, g.id(), since).map(d -> " reason=" + d.reason + " slashed=" + d.slashed).orElse("");
    if (mine) {
      metrics.leafMoves.labels(ROLE, "result", won ? "won" : "lost").inc();
      if (won) LOG.info("event=leaf_game role=defender game={} result=won model={} version={}{}", g.id(), g.modelId(), g.version(), how);
      else LOG.warn("event=leaf_game role=defender game={} result=lost model={} version={}{}", g.id(), g.modelId(), g.version(), how);
    }
    evidence.remove(g.id());
    done(g.id(), (mine ? (won ? "won" : "lost") : "decided without this defender: " + (g.state() == LeafGames.CHALLENGER_WON ? "challenger won" : "challenger lost")) + how);
  }

  private void done(BigInteger game, String why) {
    Entry last = journal.latest(game);
    String opened = last == null ? "" : LeafGames.noted(last, "opened").map(b -> " opened=" + b).orElse("");
    journal.record(new Entry(game, Stage.DONE, session.blockNumber().longValueExact(), "game=" + game + opened + " " + why));
  }
}

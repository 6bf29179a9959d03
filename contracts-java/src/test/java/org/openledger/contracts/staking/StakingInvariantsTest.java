package org.openledger.contracts.staking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.staking.StakingChain.ALICE;
import static org.openledger.contracts.staking.StakingChain.BOB;
import static org.openledger.contracts.staking.StakingChain.CAROL;
import static org.openledger.contracts.staking.StakingChain.DAVE;
import static org.openledger.contracts.staking.StakingChain.INFERENCE;
import static org.openledger.contracts.staking.StakingChain.STAKING;
import static org.openledger.contracts.staking.StakingChain.TIMELOCK;
import static org.openledger.contracts.staking.StakingChain.TREASURY;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.host.Log;
import org.openledger.precompiles.storage.Slot;

/**
 * Random sequences of every staking operation, played against the contract and against a naive
 * reference model side by side. The reference shares each distribution as an exact fraction over
 * the stake active at that moment, and recomputes voting power from scratch. After every step:
 *
 * <ul>
 *   <li>the sum of all balances equals the supply, to the wei (conservation);
 *   <li>the contract holds exactly its principal plus its reward reserve, the reserve covers every
 *       position's pending reward and exceeds their sum by less than a wei per position;
 *   <li>principal, each model's active stake, every account's votes and the total match the reference;
 *   <li>each position's rewards (claimed + pending) never exceed its exact share, and fall short by
 *       at most one wei (and never more than one wei per distribution it shared in);
 *   <li>operations the reference says must fail revert with the predicted error and change nothing.
 * </ul>
 *
 * Distributions come from inference requests that settle no later than their timeout, set equal to
 * the warm-up: a position staked after a request never earns from its settlement. At the end,
 * {@code getPastVotes} and {@code getPastTotalSupply} equal the replayed reference at every past
 * block, and the checkpoints are strictly increasing in block number.
 */
class StakingInvariantsTest {
  static final long WARMUP = 6;
  static final long UNBONDING = 6;
  /** The request timeout the Inference contract would use: at most the warm-up. */
  static final long REQUEST_TIMEOUT = WARMUP;
  static final BigInteger MIN = BigInteger.valueOf(50);
  static final int MODELS = 2;
  static final List<Address> ACTORS = List.of(ALICE, BOB, CAROL, DAVE);
  /** Resolution of the reference's exact shares: 1/Q wei, Q a multiple of the contract's scale. */
  static final BigInteger Q = BigInteger.TEN.pow(60);
  static final BigInteger PLENTY = BigInteger.TEN.pow(30);

  enum Kind { STAKE, ACTIVATE, REQUEST, SETTLE, CLAIM, CLAIM_ALL, UNBOND, WITHDRAW, SLASH, DELEGATE, ADVANCE }

  /** One operation; {@code a}, {@code b}, {@code c} pick actors, positions and variants. */
  record Step(Kind kind, int a, int b, int c, BigInteger amount) {}

  @Provide
  Arbitrary<List<Step>> runs() {
    Arbitrary<Kind> kinds = Arbitraries.frequency(
        Tuple.of(6, Kind.STAKE), Tuple.of(4, Kind.ACTIVATE), Tuple.of(4, Kind.REQUEST), Tuple.of(5, Kind.SETTLE),
        Tuple.of(3, Kind.CLAIM), Tuple.of(2, Kind.CLAIM_ALL), Tuple.of(2, Kind.UNBOND), Tuple.of(3, Kind.WITHDRAW),
        Tuple.of(1, Kind.SLASH), Tuple.of(2, Kind.DELEGATE), Tuple.of(5, Kind.ADVANCE));
    Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1 << 20).withDistribution(RandomDistribution.uniform()).withoutEdgeCases();
    Arbitrary<BigInteger> amounts = Arbitraries.oneOf(
        Arbitraries.bigIntegers().between(BigInteger.ONE, BigInteger.valueOf(2_000)),
        Arbitraries.bigIntegers().between(MIN, BigInteger.TEN.pow(22)).withDistribution(RandomDistribution.uniform()),
        Arbitraries.of(BigInteger.TEN.pow(18), BigInteger.valueOf(3).multiply(BigInteger.TEN.pow(18)), MIN));
    Arbitrary<Step> steps = Combinators.combine(kinds, pick, pick, pick, amounts).as(Step::new);
    return steps.list().ofMinSize(120).ofMaxSize(220);
  }

  @Property(tries = 30)
  void randomSequencesKeepEveryInvariant(@ForAll("runs") List<Step> steps) {
    new Run().play(steps);
  }

  // ================================================================== the run

  /** A position in the reference. */
  static final class Pos {
    final BigInteger id;
    final Address owner;
    final BigInteger model;
    final long stakedAt;
    BigInteger amount;
    int status;
    long activatableAt;
    long withdrawableAt;
    BigInteger claimed = BigInteger.ZERO;
    /** Exact share of every distribution it shared in, bounded below and above, in 1/Q wei. */
    BigInteger low = BigInteger.ZERO;
    BigInteger high = BigInteger.ZERO;
    int distributions;

    Pos(BigInteger id, Address owner, BigInteger model, BigInteger amount, long stakedAt, long warmup) {
      this.id = id;
      this.owner = owner;
      this.model = model;
      this.amount = amount;
      this.stakedAt = stakedAt;
      this.governance = model.signum() == 0;
      this.status = governance ? Staking.ACTIVE : Staking.WARMING;
      this.activatableAt = governance ? stakedAt : stakedAt + warmup;
    }

    final boolean governance;

    boolean bonded() {
      return status == Staking.WARMING || status == Staking.ACTIVE;
    }

    boolean earning() {
      return status == Staking.ACTIVE && !governance;
    }
  }

  record Request(long block, BigInteger model, BigInteger value) {}

  static final class Run {
    final StakingChain s = new StakingChain();
    final List<Pos> positions = new ArrayList<>();
    final Map<Address, Address> delegatee = new HashMap<>();
    final List<Request> requests = new ArrayList<>();
    /** Reference votes (and total, under key ZERO) at the end of each block left. */
    final NavigableMap<Long, Map<Address, BigInteger>> endOfBlock = new TreeMap<>();
    int step;

    Run() {
      for (Address a : ACTORS) s.chain.fund(a, PLENTY);
      s.chain.fund(INFERENCE, PLENTY);
      s.ok(TIMELOCK, Staking.SET_WARMUP_BLOCKS, BigInteger.valueOf(WARMUP));
      s.ok(TIMELOCK, Staking.SET_UNBONDING_BLOCKS, BigInteger.valueOf(UNBONDING));
      s.ok(TIMELOCK, Staking.SET_MIN_STAKE, MIN);
    }

    void play(List<Step> steps) {
      for (Step st : steps) {
        step++;
        apply(st);
        checkBalancesStakesAndVotes();
        if (step % 4 == 0) checkRewards();
      }
      checkRewards();
      checkHistory();
    }

    long now() {
      return s.block();
    }

    Address actor(int n) {
      return ACTORS.get(n % ACTORS.size());
    }

    /**
     * A position id: mostly one where the operation can succeed ({@code likely}), sometimes any
     * position, and now and then one that does not exist.
     */
    BigInteger pickId(int n, java.util.function.Predicate<Pos> likely) {
      if (positions.isEmpty() || n % 16 == 0) return BigInteger.valueOf(positions.size() + 1 + n % 3);
      List<Pos> candidates = positions.stream().filter(likely).toList();
      if (candidates.isEmpty() || n % 4 == 1) return positions.get((n >> 4) % positions.size()).id;
      return candidates.get((n >> 4) % candidates.size()).id;
    }

    Pos pos(BigInteger id) {
      int i = id.intValueExact() - 1;
      return i >= 0 && i < positions.size() ? positions.get(i) : null;
    }

    /** The owner usually; every fifth time somebody picked at random (maybe the owner). */
    Address callerFor(Pos p, Step st) {
      return p == null || st.c() % 5 == 0 ? actor(st.c() / 5) : p.owner;
    }

    void apply(Step st) {
      switch (st.kind()) {
        // a quarter governance-only; one stake in eight of any amount (maybe below the minimum), the others at least the minimum
        case STAKE -> stake(actor(st.a()), BigInteger.valueOf(st.b() % 4 == 0 ? 0 : 1 + st.b() % MODELS),
            st.c() % 8 == 0 ? st.amount() : st.amount().max(MIN));
        case ACTIVATE -> activate(pickId(st.a(), p -> p.status == Staking.WARMING && now() >= p.activatableAt), actor(st.b()));
        case REQUEST -> requests.add(new Request(now(), BigInteger.valueOf(1 + st.a() % MODELS), st.amount()));
        case SETTLE -> settle(st.a());
        case CLAIM -> claim(pickId(st.a(), p -> p.status != Staking.WITHDRAWN), st);
        case CLAIM_ALL -> claimAll(actor(st.a()));
        case UNBOND -> unbond(pickId(st.a(), Pos::bonded), st);
        case WITHDRAW -> withdraw(pickId(st.a(), p -> p.status == Staking.UNBONDING), st);
        case SLASH -> slash(pickId(st.a(), p -> p.status != Staking.WITHDRAWN), st.c());
        case DELEGATE -> delegate(actor(st.a()), actor(st.b()));
        case ADVANCE -> advance(1 + st.a() % 3);
      }
    }

    // ---------------------------------------------------------------- operations

    void stake(Address who, BigInteger model, BigInteger amount) {
      long open = positions.stream().filter(p -> p.owner.equals(who) && p.status != Staking.WITHDRAWN).count();
      ErrorSpec expected = amount.signum() == 0 ? Staking.ZERO_AMOUNT
          : amount.compareTo(MIN) < 0 ? Staking.STAKE_BELOW_MINIMUM
          : open >= Staking.MAX_POSITIONS_PER_OWNER ? Staking.TOO_MANY_POSITIONS
          : null;
      CallResult r = call(who, amount, expected, Staking.STAKE, model);
      if (r == null) return;
      BigInteger id = (BigInteger) Staking.STAKE.decodeOutput(r.output());
      assertThat(id).isEqualTo(BigInteger.valueOf(positions.size() + 1));
      positions.add(new Pos(id, who, model, amount, now(), WARMUP));
    }

    void activate(BigInteger id, Address caller) {
      Pos p = pos(id);
      ErrorSpec expected = p == null ? Staking.UNKNOWN_POSITION
          : p.status != Staking.WARMING ? Staking.WRONG_POSITION_STATUS
          : now() < p.activatableAt ? Staking.WARMUP_NOT_OVER
          : null;
      if (call(caller, BigInteger.ZERO, expected, Staking.ACTIVATE, id) != null) p.status = Staking.ACTIVE;
    }

    void settle(int n) {
      if (requests.isEmpty()) return;
      // mostly the latest request, sometimes an older one (which may have timed out)
      Request req = requests.remove(n % 3 == 0 ? n % requests.size() : requests.size() - 1);
      if (now() > req.block() + REQUEST_TIMEOUT) { // timed out: refunded, never distributed
        Statistics.label("distributions").collect("request timed out");
        return;
      }

      // positions staked after the request: their rewards must not move
      Map<Pos, BigInteger> latecomers = new HashMap<>();
      for (Pos p : positions) {
        if (p.stakedAt > req.block() && p.status != Staking.WITHDRAWN) latecomers.put(p, s.pending(p.id));
      }
      // the reference: exact shares over the stake active now
      BigInteger active = BigInteger.ZERO;
      for (Pos p : positions) if (p.earning() && p.model.equals(req.model())) active = active.add(p.amount);
      if (active.signum() > 0) {
        for (Pos p : positions) {
          if (!p.earning() || !p.model.equals(req.model())) continue;
          assertThat(p.stakedAt).as("a position sharing a request's fee was staked before the request").isLessThanOrEqualTo(req.block());
          BigInteger[] qr = req.value().multiply(p.amount).multiply(Q).divideAndRemainder(active);
          p.low = p.low.add(qr[0]);
          p.high = p.high.add(qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE));
          p.distributions++;
        }
      }
      BigInteger treasury = s.balance(TREASURY);
      CallResult r = call(INFERENCE, req.value(), null, Staking.DISTRIBUTE, req.model());
      List<Object> event = decodeOnly(r, Staking.REWARDS_DISTRIBUTED);
      BigInteger toStakers = (BigInteger) event.get(1);
      BigInteger toTreasury = (BigInteger) event.get(2);
      assertThat(toStakers.add(toTreasury)).isEqualTo(req.value());
      assertThat(s.balance(TREASURY)).isEqualTo(treasury.add(toTreasury));
      if (active.signum() == 0) assertThat(toTreasury).isEqualTo(req.value());
      Statistics.label("distributions").collect(active.signum() == 0 ? "no active stake: all to the treasury"
          : toTreasury.signum() > 0 ? "shared, a rounding wei to the treasury" : "shared by the active stake");
      latecomers.forEach((p, before) -> assertThat(s.pending(p.id)).as("position %s staked after the request", p.id).isEqualTo(before));
    }

    void claim(BigInteger id, Step st) {
      Pos p = pos(id);
      Address caller = callerFor(p, st);
      ErrorSpec expected = p == null ? Staking.UNKNOWN_POSITION
          : !caller.equals(p.owner) ? Staking.NOT_POSITION_OWNER
          : p.status == Staking.WITHDRAWN ? Staking.WRONG_POSITION_STATUS
          : null;
      if (call(caller, BigInteger.ZERO, expected, Staking.CLAIM, id) != null) activateIfMatured(p);
    }

    void claimAll(Address who) {
      BigInteger before = s.balance(who);
      CallResult r = call(who, BigInteger.ZERO, null, Staking.CLAIM_ALL);
      assertThat(s.balance(who)).isEqualTo(before.add((BigInteger) Staking.CLAIM_ALL.decodeOutput(r.output())));
      for (Pos p : positions) if (p.owner.equals(who)) activateIfMatured(p);
    }

    void activateIfMatured(Pos p) {
      if (p.status == Staking.WARMING && now() >= p.activatableAt) p.status = Staking.ACTIVE;
    }

    void unbond(BigInteger id, Step st) {
      Pos p = pos(id);
      Address caller = callerFor(p, st);
      ErrorSpec expected = p == null ? Staking.UNKNOWN_POSITION
          : !caller.equals(p.owner) ? Staking.NOT_POSITION_OWNER
          : !p.bonded() ? Staking.WRONG_POSITION_STATUS
          : null;
      if (call(caller, BigInteger.ZERO, expected, Staking.UNBOND, id) == null) return;
      p.status = Staking.UNBONDING;
      p.withdrawableAt = now() + UNBONDING;
    }

    void withdraw(BigInteger id, Step st) {
      Pos p = pos(id);
      Address caller = callerFor(p, st);
      ErrorSpec expected = p == null ? Staking.UNKNOWN_POSITION
          : !caller.equals(p.owner) ? Staking.NOT_POSITION_OWNER
          : p.status != Staking.UNBONDING ? Staking.WRONG_POSITION_STATUS
          : now() < p.withdrawableAt ? Staking.UNBONDING_NOT_OVER
          : null;
      CallResult r = call(caller, BigInteger.ZERO, expected, Staking.WITHDRAW, id);
      if (r == null) return;
      assertThat(((List<?>) Staking.WITHDRAW.decodeOutput(r.output())).get(0)).isEqualTo(p.amount);
      p.status = Staking.WITHDRAWN;
    }

    void slash(BigInteger id, int variant) {
      Pos p = pos(id);
      int k = variant % 6;
      BigInteger stake = p == null ? BigInteger.TEN : p.amount;
      BigInteger amount = k == 0 ? BigInteger.ZERO
          : k == 5 ? stake.add(BigInteger.ONE)
          : stake.multiply(BigInteger.valueOf(k)).divide(BigInteger.valueOf(4)).max(BigInteger.ONE);
      ErrorSpec expected = amount.signum() == 0 ? Staking.ZERO_AMOUNT
          : p == null ? Staking.UNKNOWN_POSITION
          : p.status == Staking.WITHDRAWN ? Staking.WRONG_POSITION_STATUS
          : amount.compareTo(p.amount) > 0 ? Staking.SLASH_EXCEEDS_STAKE
          : null;
      BigInteger treasury = s.balance(TREASURY);
      if (call(TIMELOCK, BigInteger.ZERO, expected, Staking.SLASH, id, amount) == null) return;
      p.amount = p.amount.subtract(amount);
      assertThat(s.balance(TREASURY)).isEqualTo(treasury.add(amount));
    }

    void delegate(Address who, Address to) {
      call(who, BigInteger.ZERO, null, Staking.DELEGATE, to);
      delegatee.put(who, to);
    }

    void advance(long blocks) {
      endOfBlock.put(now(), referenceVotes());
      s.advance(blocks);
    }

    // ---------------------------------------------------------------- calls

    /**
     * Sends the call and checks the predicted outcome: success (returns the result, after crediting
     * every RewardsClaimed to its position) or a revert with {@code expected} and no change at all
     * (returns null).
     */
    CallResult call(Address from, BigInteger value, ErrorSpec expected, FunctionSpec fn, Object... args) {
      Map<String, Object> before = expected == null ? null : s.chain.host.snapshot();
      CallResult r = s.send(from, value, fn, args);
      String what = "step " + step + ": " + fn.name() + " by " + from + " -> " + s.chain.describe(STAKING, r);
      Statistics.label("outcomes").collect(fn.name(), r.isSuccess() ? "ok" : s.chain.describe(STAKING, r).replaceAll("\\(.*", ""));
      if (expected != null) {
        assertThat(r.status()).as(what).isEqualTo(CallResult.Status.REVERT);
        assertThat(expected.matches(r.output())).as(what + ", expected " + expected.name()).isTrue();
        assertThat(s.chain.host.snapshot()).as(what + " changed nothing").isEqualTo(before);
        return null;
      }
      assertThat(r.status()).as(what).isEqualTo(CallResult.Status.SUCCESS);
      for (Log log : r.logs()) {
        if (log.topics().get(0).equals(Staking.REWARD_DUST_FORFEITED.topic0())) Statistics.label("distributions").collect("sub-wei dust released on withdrawal");
        if (log.topics().get(0).equals(Staking.REWARDS_CLAIMED.topic0())) {
          Pos p = pos(log.topics().get(1).toUnsignedBigInteger());
          p.claimed = p.claimed.add(log.data().toUnsignedBigInteger());
        }
      }
      return r;
    }

    static List<Object> decodeOnly(CallResult r, org.openledger.precompiles.contract.EventSpec event) {
      for (Log log : r.logs()) {
        if (log.topics().get(0).equals(event.topic0())) {
          return org.openledger.precompiles.abi.AbiCodec.decode(event.dataTypes(), log.data().toArrayUnsafe());
        }
      }
      throw new AssertionError("no " + event.name() + " event");
    }

    // ---------------------------------------------------------------- invariants

    Map<Address, BigInteger> referenceVotes() {
      Map<Address, BigInteger> votes = new HashMap<>();
      BigInteger total = BigInteger.ZERO;
      for (Pos p : positions) {
        if (!p.bonded()) continue;
        votes.merge(delegatee.getOrDefault(p.owner, p.owner), p.amount, BigInteger::add);
        total = total.add(p.amount);
      }
      votes.put(Address.ZERO, total); // the total, under the zero address (which never votes)
      return votes;
    }

    void checkBalancesStakesAndVotes() {
      String at = "after step " + step;
      assertThat(s.chain.totalBalances()).as(at + ": conservation").isEqualTo(s.chain.supply());
      BigInteger principal = s.uint(Staking.TOTAL_PRINCIPAL_FN);
      BigInteger reserve = s.uint(Staking.REWARD_RESERVE_FN);
      assertThat(s.balance(STAKING)).as(at + ": balance == principal + reserve").isEqualTo(principal.add(reserve));
      BigInteger refPrincipal = positions.stream().filter(p -> p.status != Staking.WITHDRAWN).map(p -> p.amount).reduce(BigInteger.ZERO, BigInteger::add);
      assertThat(principal).as(at + ": principal").isEqualTo(refPrincipal);
      for (int m = 1; m <= MODELS; m++) {
        BigInteger model = BigInteger.valueOf(m);
        BigInteger active = positions.stream().filter(p -> p.earning() && p.model.equals(model)).map(p -> p.amount).reduce(BigInteger.ZERO, BigInteger::add);
        assertThat(s.activeStake(model)).as(at + ": active stake of model " + m).isEqualTo(active);
      }
      Map<Address, BigInteger> votes = referenceVotes();
      for (Address a : ACTORS) assertThat(s.votes(a)).as(at + ": votes of " + a).isEqualTo(votes.getOrDefault(a, BigInteger.ZERO));
      assertThat(s.uint(Staking.TOTAL_BONDED)).as(at + ": total bonded").isEqualTo(votes.get(Address.ZERO));
    }

    void checkRewards() {
      BigInteger pendingSum = BigInteger.ZERO;
      int open = 0;
      for (Pos p : positions) {
        BigInteger pending = p.status == Staking.WITHDRAWN ? BigInteger.ZERO : s.pending(p.id);
        if (p.status != Staking.WITHDRAWN) open++;
        pendingSum = pendingSum.add(pending);
        BigInteger got = p.claimed.add(pending);
        String what = "after step " + step + ": position " + p.id + " got " + got + " of [" + p.low + ", " + p.high + "]/Q in " + p.distributions;
        assertThat(got.multiply(Q)).as(what + ": never more than its exact share").isLessThanOrEqualTo(p.low);
        assertThat(p.high.subtract(got.multiply(Q))).as(what + ": within a wei per distribution")
            .isLessThanOrEqualTo(Q.multiply(BigInteger.valueOf(p.distributions)));
        BigInteger floor = p.low.divide(Q);
        assertThat(floor.subtract(got)).as(what + ": its exact share rounded down, or one wei less").isLessThanOrEqualTo(BigInteger.ONE);
      }
      BigInteger reserve = s.uint(Staking.REWARD_RESERVE_FN);
      assertThat(reserve).as("the reserve covers every pending reward").isGreaterThanOrEqualTo(pendingSum);
      assertThat(reserve.subtract(pendingSum)).as("and exceeds them by less than a wei per open position")
          .isLessThanOrEqualTo(BigInteger.valueOf(open));
    }

    /** Reference votes at the end of block {@code b} (before the current block): the last block left at or before it. */
    Map<Address, BigInteger> votesAtEndOf(long b) {
      Map.Entry<Long, Map<Address, BigInteger>> e = endOfBlock.floorEntry(b);
      return e == null ? Map.of() : e.getValue();
    }

    void checkHistory() {
      long current = now();
      for (long b = 0; b < current; b++) {
        Map<Address, BigInteger> ref = votesAtEndOf(b);
        for (Address a : ACTORS) {
          assertThat(s.pastVotes(a, b)).as("past votes of %s at block %d", a, b).isEqualTo(ref.getOrDefault(a, BigInteger.ZERO));
        }
        assertThat(s.pastTotal(b)).as("past total at block %d", b).isEqualTo(ref.getOrDefault(Address.ZERO, BigInteger.ZERO));
      }
      Map<Address, BigInteger> latest = referenceVotes();
      for (Address a : ACTORS) {
        long n = s.uint(Staking.NUM_CHECKPOINTS, a).longValueExact();
        long previous = -1;
        for (long i = 0; i < n; i++) {
          List<?> c = (List<?>) s.view(Staking.CHECKPOINTS, a, BigInteger.valueOf(i));
          long block = ((BigInteger) c.get(0)).longValueExact();
          assertThat(block).as("checkpoints of %s strictly increase", a).isGreaterThan(previous);
          Map<Address, BigInteger> ref = block < current ? votesAtEndOf(block) : latest;
          assertThat(c.get(1)).as("checkpoint %d of %s", i, a).isEqualTo(ref.getOrDefault(a, BigInteger.ZERO));
          previous = block;
        }
      }
      Slot total = Staking.TOTAL_CHECKPOINTS;
      long n = word(total).longValueExact();
      long previous = -1;
      for (long i = 0; i < n; i++) {
        long block = word(total.element(i)).and(BigInteger.ONE.shiftLeft(Staking.KEY_BITS).subtract(BigInteger.ONE)).longValueExact();
        assertThat(block).as("total checkpoints strictly increase").isGreaterThan(previous);
        previous = block;
      }
    }

    BigInteger word(Slot slot) {
      Bytes32 w = s.chain.host.storage(STAKING, slot.key());
      return w.toUnsignedBigInteger();
    }
  }
}

package org.openledger.contracts.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.ProtocolChain;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.model.Models.State;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.host.CallResult;

/**
 * Random sequences of every job and round operation, with block advances and governance changes, on the real Models
 * and Services contracts, against a naive model that predicts every outcome. After every step: no OPEN is created or
 * destroyed (sum of all balances == supply, to the wei); Services holds exactly its liabilities (escrowed jobs plus
 * locked round budgets) and reports them; and every account's balance is exactly what the model says it is due —
 * the trainer's rounded-down share of its released jobs, the owners' refunds and unused round slots, the validators'
 * accepted feedback, the treasury's fees and remainders — so nobody is ever paid more than its due.
 */
class ServicesProperties {
  static final Address[] ACTORS = {Address.of(0x2001), Address.of(0x2002), Address.of(0x2003), Address.of(0x2004), Address.of(0x2005)};
  static final BigInteger FUNDS = BigInteger.TEN.pow(30);
  static final BigInteger[] AMOUNTS = {
      BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(3), BigInteger.valueOf(7), BigInteger.TEN, BigInteger.valueOf(999),
      BigInteger.valueOf(12_345), BigInteger.TEN.pow(18), BigInteger.TEN.pow(18).add(BigInteger.ONE), new BigInteger("12345678901234567"),
      new BigInteger("300000000000000000007")};
  static final int[] FEES = {0, 1, 250, 3_333, 9_999, 10_000};
  static final Address SERVICES = Addresses.SERVICES;
  static final Address TREASURY = Addresses.TREASURY;
  static final Address TIMELOCK = Addresses.TIMELOCK;
  static final BigInteger WHOLE = BigInteger.valueOf(10_000);

  enum Kind { OPEN_JOB, ACCEPT, CANCEL, REGISTER, DELIVER, DISPUTE, RESOLVE, RELEASE, REFUND, OPEN_ROUND, SUBMIT, REJECT, CLAIM, CLOSE, ADVANCE, SET_PARAM }

  record Op(Kind kind, int a, int b, int c) {}

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Kind> kinds = Arbitraries.frequency(
        Tuple.of(8, Kind.OPEN_JOB), Tuple.of(8, Kind.ACCEPT), Tuple.of(2, Kind.CANCEL), Tuple.of(3, Kind.REGISTER),
        Tuple.of(10, Kind.DELIVER), Tuple.of(8, Kind.DISPUTE), Tuple.of(5, Kind.RESOLVE), Tuple.of(6, Kind.RELEASE),
        Tuple.of(3, Kind.REFUND), Tuple.of(6, Kind.OPEN_ROUND), Tuple.of(12, Kind.SUBMIT), Tuple.of(6, Kind.REJECT),
        Tuple.of(8, Kind.CLAIM), Tuple.of(5, Kind.CLOSE), Tuple.of(8, Kind.ADVANCE), Tuple.of(2, Kind.SET_PARAM));
    Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1 << 16);
    return Combinators.combine(kinds, pick, pick, pick).as(Op::new).withoutEdgeCases()
        .list().ofMinSize(60).ofMaxSize(200).withSizeDistribution(RandomDistribution.uniform());
  }

  /** Outcomes the runs must reach many times in all, so the invariants are checked on every path. */
  static final List<String> REQUIRED = List.of(
      "open job", "open job: marks training", "open job: not owner", "open job: model not trainable", "accept", "accept: self-dealing",
      "accept: expired", "cancel", "deliver: passed", "deliver: below threshold", "deliver: predates job", "deliver: unknown version",
      "deliver: not trainer", "dispute", "dispute: window closed", "resolve: trainer wins", "resolve: owner wins", "release",
      "release: window open", "refund: timeout", "refund: not expired", "open round", "open round: wrong budget", "submit",
      "submit: full", "submit: duplicate", "submit: ended", "submit: self-dealing", "reject", "reject: window closed", "claim",
      "claim: window open", "claim: not validator", "close", "close: not over", "close: closed", "set parameter");

  @Property(tries = 100, shrinking = ShrinkingMode.BOUNDED)
  @StatisticsReport(onFailureOnly = true)
  void moneyIsConservedTheContractIsSolventAndNobodyIsPaidMoreThanItsDue(@ForAll("operations") List<Op> ops) {
    Sim sim = new Sim();
    for (Op op : ops) {
      sim.step(op);
      sim.checkBalances();
    }
    sim.checkViews();
    for (String outcome : sim.outcomes) Statistics.label("outcome").collect(outcome);
    Statistics.label("outcome").coverage(c -> REQUIRED.forEach(label -> c.check(label).count(n -> n >= 5)));
  }

  // ------------------------------------------------------------------ the model

  static final class ModelS {
    final BigInteger id;
    final Address owner;
    State state;
    final List<Long> registeredAt = new ArrayList<>();

    ModelS(BigInteger id, Address owner, State state) {
      this.id = id;
      this.owner = owner;
      this.state = state;
    }
  }

  static final class JobS {
    final BigInteger id;
    final ModelS model;
    final BigInteger budget;
    final BigInteger minScore;
    final long openedAt;
    final long deadline;
    final int feeBp;
    final long window;
    int state = Services.JOB_OPEN;
    Address trainer;
    long disputeEnds;

    JobS(BigInteger id, ModelS model, BigInteger budget, BigInteger minScore, long openedAt, long deadline, int feeBp, long window) {
      this.id = id;
      this.model = model;
      this.budget = budget;
      this.minScore = minScore;
      this.openedAt = openedAt;
      this.deadline = deadline;
      this.feeBp = feeBp;
      this.window = window;
    }
  }

  static final class RoundS {
    final BigInteger id;
    final ModelS model;
    final BigInteger reward;
    final int max;
    final long endsAt;
    final long window;
    int submitted;
    int rejected;
    int paid;
    boolean closed;
    BigInteger refunded = BigInteger.ZERO;

    RoundS(BigInteger id, ModelS model, BigInteger reward, int max, long endsAt, long window) {
      this.id = id;
      this.model = model;
      this.reward = reward;
      this.max = max;
      this.endsAt = endsAt;
      this.window = window;
    }
  }

  static final class FbS {
    final BigInteger id;
    final RoundS round;
    final Address validator;
    final long submittedAt;
    int state = Services.FEEDBACK_PENDING;

    FbS(BigInteger id, RoundS round, Address validator, long submittedAt) {
      this.id = id;
      this.round = round;
      this.validator = validator;
      this.submittedAt = submittedAt;
    }

    long windowEnds() {
      return submittedAt + round.window;
    }
  }

  static final class Sim {
    final ProtocolChain chain = new ProtocolChain(Map.of(Addresses.MODELS, new Models(), SERVICES, new Services(), Addresses.DATANETS, new org.openledger.contracts.datanet.Datanets()));

    {
      chain.createDatanets(Models.MAX_DATANETS_LIMIT);
    }

    final List<ModelS> models = new ArrayList<>();
    final List<JobS> jobs = new ArrayList<>();
    final List<RoundS> rounds = new ArrayList<>();
    final List<FbS> feedbacks = new ArrayList<>();
    final Map<String, FbS> feedbackOf = new HashMap<>();
    final Map<String, BigInteger> deliveredIn = new HashMap<>();
    final Map<Address, BigInteger> expected = new LinkedHashMap<>();
    BigInteger escrow = BigInteger.ZERO;
    BigInteger locked = BigInteger.ZERO;
    long disputeWindow = 40, rejectionWindow = 15, maxDuration = 200, maxFeedback = 4;
    int feeBp = 250;
    final List<String> outcomes = new ArrayList<>();

    Sim() {
      for (Address a : ACTORS) chain.fund(a, FUNDS);
      chain.fund(TREASURY, BigInteger.ZERO);
      // governance makes the windows short enough for random sequences to cross them
      setParam(Services.DISPUTE_WINDOW, disputeWindow);
      setParam(Services.REJECTION_WINDOW, rejectionWindow);
      setParam(Services.MAX_JOB_DURATION_BLOCKS, maxDuration);
      setParam(Services.MAX_FEEDBACK_PER_ROUND, maxFeedback);
      // two Approved models, one in Evaluation, one Deployed, one still Proposed
      models.add(model(ACTORS[0], State.APPROVED));
      models.add(model(ACTORS[1], State.APPROVED));
      models.add(model(ACTORS[0], State.EVALUATION));
      models.add(model(ACTORS[1], State.DEPLOYED));
      models.add(model(ACTORS[2], State.PROPOSED));
      for (Address a : ACTORS) expected.put(a, chain.balance(a));
      expected.put(TREASURY, chain.balance(TREASURY));
    }

    void setParam(org.openledger.precompiles.storage.Parameter p, long value) {
      chain.ok(TIMELOCK, SERVICES, Services.SET_PARAMETER, p.label(), BigInteger.valueOf(value));
    }

    ModelS model(Address owner, State state) {
      BigInteger id = (BigInteger) chain.ok(owner, Addresses.MODELS, Models.PROPOSE, BigInteger.ZERO, List.of(BigInteger.ONE), "m", "");
      ModelS m = new ModelS(id, owner, State.PROPOSED);
      if (state == State.PROPOSED) return m;
      chain.ok(TIMELOCK, Addresses.MODELS, Models.APPROVE, id);
      m.state = State.APPROVED;
      if (state == State.APPROVED) return m;
      register(m);
      if (state == State.EVALUATION) return m;
      chain.ok(Addresses.PROVERS, Addresses.MODELS, Models.RECORD_ATTESTATION, id, BigInteger.ONE, ACTORS[4]);
      chain.ok(TIMELOCK, Addresses.MODELS, Models.DEPLOY, id, BigInteger.ONE);
      m.state = State.DEPLOYED;
      return m;
    }

    void register(ModelS m) {
      chain.ok(m.owner, Addresses.MODELS, Models.REGISTER_VERSION, m.id, ServicesFixture.versionSpec("w" + m.registeredAt.size()));
      m.registeredAt.add(now());
      if (m.state != State.DEPLOYED) m.state = State.EVALUATION;
    }

    long now() {
      return chain.blockNumber();
    }

    static BigInteger big(long v) {
      return BigInteger.valueOf(v);
    }

    static Bytes32 hash(String s) {
      return Bytes32.wrap(Keccak.hash(s.getBytes(StandardCharsets.UTF_8)));
    }

    void credit(Address to, BigInteger amount) {
      expected.merge(to, amount, BigInteger::add);
    }

    <T> T pick(List<T> all, Predicate<T> preferred, Op op) {
      List<T> candidates = all.stream().filter(preferred).toList();
      if (candidates.isEmpty() || op.c() % 5 == 0) candidates = all;
      return candidates.get(op.b() % candidates.size());
    }

    void step(Op op) {
      Address actor = ACTORS[op.a() % ACTORS.length];
      if (op.a() % 5 == 0) chain.advance(1);
      switch (op.kind()) {
        case OPEN_JOB -> openJob(actor, op);
        case ACCEPT -> accept(actor, op);
        case CANCEL -> cancel(actor, op);
        case REGISTER -> register(pick(models.stream().filter(m -> m.state != State.PROPOSED).toList(), m -> true, op));
        case DELIVER -> deliver(actor, op);
        case DISPUTE -> dispute(actor, op);
        case RESOLVE -> resolve(actor, op);
        case RELEASE -> release(actor, op);
        case REFUND -> refund(actor, op);
        case OPEN_ROUND -> openRound(actor, op);
        case SUBMIT -> submit(actor, op);
        case REJECT -> reject(actor, op);
        case CLAIM -> claim(actor, op);
        case CLOSE -> close(actor, op);
        case ADVANCE -> chain.advance(1 + op.b() % 40);
        case SET_PARAM -> setParameter(actor, op);
      }
    }

    // ---------------------------------------------------------------- jobs

    void openJob(Address actor, Op op) {
      boolean unknown = op.c() % 17 == 0;
      ModelS m = unknown ? null : models.get(op.b() % models.size());
      BigInteger modelId = unknown ? big(99) : m.id;
      Address caller = unknown || op.c() % 4 == 0 ? actor : m.owner;
      BigInteger budget = op.c() % 23 == 0 ? BigInteger.ZERO : AMOUNTS[op.c() % AMOUNTS.length];
      long blocks = op.c() % 29 == 0 ? 0 : op.c() % 31 == 0 ? maxDuration + 1 : 1 + op.c() % 200;
      BigInteger minScore = big(op.b() % 10_000);
      Object[] args = {modelId, hash("dataset"), minScore, big(blocks)};
      if (unknown) {
        expectRefused(caller, budget, Services.OPEN_JOB, args, Services.UNKNOWN_MODEL);
      } else if (!caller.equals(m.owner)) {
        expectRefused(caller, budget, Services.OPEN_JOB, args, Services.NOT_AUTHORIZED);
        outcomes.add("open job: not owner");
      } else if (m.state == State.PROPOSED) {
        expectRefused(caller, budget, Services.OPEN_JOB, args, Services.MODEL_NOT_TRAINABLE);
        outcomes.add("open job: model not trainable");
      } else if (budget.signum() == 0) {
        expectRefused(caller, budget, Services.OPEN_JOB, args, Services.ZERO_BUDGET);
      } else if (blocks == 0 || blocks > maxDuration) {
        expectRefused(caller, budget, Services.OPEN_JOB, args, Services.INVALID_DURATION);
      } else {
        BigInteger id = (BigInteger) expectOk(caller, budget, Services.OPEN_JOB, args);
        assertThat(id).isEqualTo(big(jobs.size() + 1));
        jobs.add(new JobS(id, m, budget, minScore, now(), now() + blocks, feeBp, disputeWindow));
        credit(caller, budget.negate());
        escrow = escrow.add(budget);
        if (m.state == State.APPROVED) {
          m.state = State.TRAINING;
          outcomes.add("open job: marks training");
        }
        outcomes.add("open job");
      }
    }

    JobS job(Op op, Predicate<JobS> preferred) {
      return jobs.isEmpty() ? null : pick(jobs, preferred, op);
    }

    void accept(Address actor, Op op) {
      JobS j = job(op, x -> x.state == Services.JOB_OPEN);
      if (j == null) {
        expectRefused(actor, BigInteger.ZERO, Services.ACCEPT_JOB, args(BigInteger.ONE), Services.UNKNOWN_JOB);
      } else if (actor.equals(j.model.owner)) {
        expectRefused(actor, BigInteger.ZERO, Services.ACCEPT_JOB, args(j.id), Services.SELF_DEALING);
        outcomes.add("accept: self-dealing");
      } else if (j.state != Services.JOB_OPEN) {
        expectRefused(actor, BigInteger.ZERO, Services.ACCEPT_JOB, args(j.id), Services.WRONG_JOB_STATE);
      } else if (now() > j.deadline) {
        expectRefused(actor, BigInteger.ZERO, Services.ACCEPT_JOB, args(j.id), Services.JOB_EXPIRED);
        outcomes.add("accept: expired");
      } else {
        expectOk(actor, BigInteger.ZERO, Services.ACCEPT_JOB, j.id);
        j.trainer = actor;
        j.state = Services.JOB_ACCEPTED;
        outcomes.add("accept");
      }
    }

    void cancel(Address actor, Op op) {
      JobS j = job(op, x -> x.state == Services.JOB_OPEN);
      if (j == null) return;
      Address caller = op.c() % 4 == 0 ? actor : j.model.owner;
      if (!caller.equals(j.model.owner)) {
        expectRefused(caller, BigInteger.ZERO, Services.CANCEL_JOB, args(j.id), Services.NOT_AUTHORIZED);
      } else if (j.state != Services.JOB_OPEN) {
        expectRefused(caller, BigInteger.ZERO, Services.CANCEL_JOB, args(j.id), Services.WRONG_JOB_STATE);
      } else {
        expectOk(caller, BigInteger.ZERO, Services.CANCEL_JOB, j.id);
        refundOwner(j, Services.JOB_REFUNDED);
        outcomes.add("cancel");
      }
    }

    void deliver(Address actor, Op op) {
      JobS j = job(op, x -> x.state == Services.JOB_ACCEPTED);
      if (j == null) return;
      Address caller = j.trainer == null || op.c() % 5 == 0 ? actor : j.trainer;
      int versions = j.model.registeredAt.size();
      boolean latest = op.c() % 7 > 1;
      if (latest && j.state == Services.JOB_ACCEPTED && (versions == 0 || j.model.registeredAt.get(versions - 1) < j.openedAt
          || deliveredIn.containsKey(j.model.id + "/" + versions))) {
        register(j.model); // the owner registers the weights the trainer handed over
        versions++;
      }
      long version = op.c() % 7 == 0 ? 99 : op.c() % 7 == 1 ? 1 : Math.max(1, versions);
      boolean below = op.c() % 3 == 0 && j.minScore.signum() > 0;
      BigInteger score = below ? j.minScore.subtract(BigInteger.ONE) : j.minScore.add(big(op.b() % 100));
      Object[] args = {j.id, big(version), score, hash("eval")};
      String key = j.model.id + "/" + version;
      if (j.state != Services.JOB_ACCEPTED) {
        expectRefused(caller, BigInteger.ZERO, Services.DELIVER, args, Services.WRONG_JOB_STATE);
      } else if (!caller.equals(j.trainer)) {
        expectRefused(caller, BigInteger.ZERO, Services.DELIVER, args, Services.NOT_AUTHORIZED);
        outcomes.add("deliver: not trainer");
      } else if (now() > j.deadline) {
        expectRefused(caller, BigInteger.ZERO, Services.DELIVER, args, Services.JOB_EXPIRED);
      } else if (version > versions) {
        expectRefused(caller, BigInteger.ZERO, Services.DELIVER, args, Services.UNKNOWN_VERSION);
        outcomes.add("deliver: unknown version");
      } else if (j.model.registeredAt.get((int) version - 1) < j.openedAt) {
        expectRefused(caller, BigInteger.ZERO, Services.DELIVER, args, Services.VERSION_PREDATES_JOB);
        outcomes.add("deliver: predates job");
      } else if (deliveredIn.containsKey(key)) {
        expectRefused(caller, BigInteger.ZERO, Services.DELIVER, args, Services.VERSION_ALREADY_DELIVERED);
      } else {
        expectOk(caller, BigInteger.ZERO, Services.DELIVER, args);
        deliveredIn.put(key, j.id);
        if (below) {
          refundOwner(j, Services.JOB_FAILED);
          outcomes.add("deliver: below threshold");
        } else {
          j.state = Services.JOB_DELIVERED;
          j.disputeEnds = now() + j.window;
          outcomes.add("deliver: passed");
        }
      }
    }

    void dispute(Address actor, Op op) {
      JobS j = job(op, x -> x.state == Services.JOB_DELIVERED);
      if (j == null) return;
      Address caller = op.c() % 4 == 0 ? actor : j.model.owner;
      String reason = op.c() % 13 == 0 ? "" : "not reproducible";
      Object[] args = {j.id, reason};
      if (!caller.equals(j.model.owner)) {
        expectRefused(caller, BigInteger.ZERO, Services.DISPUTE, args, Services.NOT_AUTHORIZED);
      } else if (j.state != Services.JOB_DELIVERED) {
        expectRefused(caller, BigInteger.ZERO, Services.DISPUTE, args, Services.WRONG_JOB_STATE);
      } else if (now() > j.disputeEnds) {
        expectRefused(caller, BigInteger.ZERO, Services.DISPUTE, args, Services.DISPUTE_WINDOW_CLOSED);
        outcomes.add("dispute: window closed");
      } else if (reason.isEmpty()) {
        expectRefused(caller, BigInteger.ZERO, Services.DISPUTE, args, Services.INVALID_REASON);
      } else {
        expectOk(caller, BigInteger.ZERO, Services.DISPUTE, args);
        j.state = Services.JOB_DISPUTED;
        outcomes.add("dispute");
      }
    }

    void resolve(Address actor, Op op) {
      JobS j = job(op, x -> x.state == Services.JOB_DISPUTED);
      if (j == null) return;
      Address caller = op.c() % 5 == 0 ? actor : TIMELOCK;
      boolean trainerWins = op.b() % 2 == 0;
      Object[] args = {j.id, trainerWins};
      if (!caller.equals(TIMELOCK)) {
        expectRefused(caller, BigInteger.ZERO, Services.RESOLVE_DISPUTE, args, Services.NOT_AUTHORIZED);
      } else if (j.state != Services.JOB_DISPUTED) {
        expectRefused(caller, BigInteger.ZERO, Services.RESOLVE_DISPUTE, args, Services.WRONG_JOB_STATE);
      } else {
        expectOk(caller, BigInteger.ZERO, Services.RESOLVE_DISPUTE, args);
        if (trainerWins) {
          payTrainer(j);
          outcomes.add("resolve: trainer wins");
        } else {
          refundOwner(j, Services.JOB_REFUNDED);
          outcomes.add("resolve: owner wins");
        }
      }
    }

    void release(Address actor, Op op) {
      JobS j = job(op, x -> x.state == Services.JOB_DELIVERED);
      if (j == null) return;
      if (j.state != Services.JOB_DELIVERED) {
        expectRefused(actor, BigInteger.ZERO, Services.RELEASE, args(j.id), Services.WRONG_JOB_STATE);
      } else if (now() <= j.disputeEnds) {
        expectRefused(actor, BigInteger.ZERO, Services.RELEASE, args(j.id), Services.DISPUTE_WINDOW_OPEN);
        outcomes.add("release: window open");
      } else {
        expectOk(actor, BigInteger.ZERO, Services.RELEASE, j.id);
        payTrainer(j);
        outcomes.add("release");
      }
    }

    void refund(Address actor, Op op) {
      JobS j = job(op, x -> x.state == Services.JOB_OPEN || x.state == Services.JOB_ACCEPTED);
      if (j == null) return;
      if (j.state != Services.JOB_OPEN && j.state != Services.JOB_ACCEPTED) {
        expectRefused(actor, BigInteger.ZERO, Services.REFUND_JOB, args(j.id), Services.WRONG_JOB_STATE);
      } else if (now() <= j.deadline) {
        expectRefused(actor, BigInteger.ZERO, Services.REFUND_JOB, args(j.id), Services.JOB_NOT_EXPIRED);
        outcomes.add("refund: not expired");
      } else {
        expectOk(actor, BigInteger.ZERO, Services.REFUND_JOB, j.id);
        refundOwner(j, Services.JOB_REFUNDED);
        outcomes.add("refund: timeout");
      }
    }

    void payTrainer(JobS j) {
      BigInteger toTrainer = j.budget.multiply(big(10_000 - j.feeBp)).divide(WHOLE);
      credit(j.trainer, toTrainer);
      credit(TREASURY, j.budget.subtract(toTrainer));
      escrow = escrow.subtract(j.budget);
      j.state = Services.JOB_RELEASED;
    }

    void refundOwner(JobS j, int finalState) {
      credit(j.model.owner, j.budget);
      escrow = escrow.subtract(j.budget);
      j.state = finalState;
    }

    // ---------------------------------------------------------------- rounds

    void openRound(Address actor, Op op) {
      boolean unknown = op.c() % 17 == 0;
      ModelS m = unknown ? null : models.get(op.b() % models.size());
      BigInteger modelId = unknown ? big(99) : m.id;
      Address caller = unknown || op.c() % 4 == 0 ? actor : m.owner;
      BigInteger reward = op.c() % 19 == 0 ? BigInteger.ZERO : AMOUNTS[op.c() % AMOUNTS.length];
      long max = op.b() % 23 == 0 ? 0 : 1 + op.b() % 5;
      long duration = op.c() % 29 == 0 ? 0 : 1 + (op.b() / 7) % 120;
      BigInteger budget = reward.multiply(big(max));
      BigInteger value = op.c() % 11 == 0 ? budget.add(BigInteger.ONE) : budget;
      Object[] args = {modelId, reward, big(max), big(duration)};
      if (unknown) {
        expectRefused(caller, value, Services.OPEN_ROUND, args, Services.UNKNOWN_MODEL);
      } else if (!caller.equals(m.owner)) {
        expectRefused(caller, value, Services.OPEN_ROUND, args, Services.NOT_AUTHORIZED);
      } else if (m.state != State.EVALUATION && m.state != State.DEPLOYED) {
        expectRefused(caller, value, Services.OPEN_ROUND, args, Services.MODEL_NOT_IN_FEEDBACK_PHASE);
      } else if (reward.signum() == 0) {
        expectRefused(caller, value, Services.OPEN_ROUND, args, Services.ZERO_REWARD);
      } else if (max == 0 || max > maxFeedback) {
        expectRefused(caller, value, Services.OPEN_ROUND, args, Services.INVALID_MAX_FEEDBACK);
      } else if (duration == 0 || duration > maxDuration) {
        expectRefused(caller, value, Services.OPEN_ROUND, args, Services.INVALID_DURATION);
      } else if (!value.equals(budget)) {
        expectRefused(caller, value, Services.OPEN_ROUND, args, Services.WRONG_BUDGET);
        outcomes.add("open round: wrong budget");
      } else {
        BigInteger id = (BigInteger) expectOk(caller, value, Services.OPEN_ROUND, args);
        assertThat(id).isEqualTo(big(rounds.size() + 1));
        rounds.add(new RoundS(id, m, reward, (int) max, now() + duration, rejectionWindow));
        credit(caller, budget.negate());
        locked = locked.add(budget);
        outcomes.add("open round");
      }
    }

    void submit(Address actor, Op op) {
      if (rounds.isEmpty()) {
        expectRefused(actor, BigInteger.ZERO, Services.SUBMIT_FEEDBACK, args(BigInteger.ONE, BigInteger.ONE, hash("f")), Services.UNKNOWN_ROUND);
        return;
      }
      RoundS r = pick(rounds, x -> now() < x.endsAt, op);
      long request = op.c() % 31 == 0 ? 0 : 1 + op.b() % 3;
      Object[] args = {r.id, big(request), hash("feedback " + op)};
      String key = r.id + "/" + actor + "/" + request;
      if (actor.equals(r.model.owner)) {
        expectRefused(actor, BigInteger.ZERO, Services.SUBMIT_FEEDBACK, args, Services.SELF_DEALING);
        outcomes.add("submit: self-dealing");
      } else if (now() >= r.endsAt) {
        expectRefused(actor, BigInteger.ZERO, Services.SUBMIT_FEEDBACK, args, Services.ROUND_NOT_ACTIVE);
        outcomes.add("submit: ended");
      } else if (request == 0) {
        expectRefused(actor, BigInteger.ZERO, Services.SUBMIT_FEEDBACK, args, Services.ZERO_REQUEST_ID);
      } else if (feedbackOf.containsKey(key)) {
        expectRefused(actor, BigInteger.ZERO, Services.SUBMIT_FEEDBACK, args, Services.DUPLICATE_FEEDBACK);
        outcomes.add("submit: duplicate");
      } else if (r.submitted - r.rejected >= r.max) {
        expectRefused(actor, BigInteger.ZERO, Services.SUBMIT_FEEDBACK, args, Services.ROUND_FULL);
        outcomes.add("submit: full");
      } else {
        BigInteger id = (BigInteger) expectOk(actor, BigInteger.ZERO, Services.SUBMIT_FEEDBACK, args);
        assertThat(id).isEqualTo(big(feedbacks.size() + 1));
        FbS fb = new FbS(id, r, actor, now());
        feedbacks.add(fb);
        feedbackOf.put(key, fb);
        r.submitted++;
        outcomes.add("submit");
      }
    }

    void reject(Address actor, Op op) {
      if (feedbacks.isEmpty()) return;
      FbS fb = pick(feedbacks, x -> x.state == Services.FEEDBACK_PENDING && now() <= x.windowEnds(), op);
      Address caller = op.c() % 4 == 0 ? actor : fb.round.model.owner;
      String reason = op.c() % 13 == 0 ? "" : "off-topic";
      Object[] args = {fb.id, reason};
      if (!caller.equals(fb.round.model.owner)) {
        expectRefused(caller, BigInteger.ZERO, Services.REJECT_FEEDBACK, args, Services.NOT_AUTHORIZED);
      } else if (fb.state != Services.FEEDBACK_PENDING) {
        expectRefused(caller, BigInteger.ZERO, Services.REJECT_FEEDBACK, args, Services.WRONG_FEEDBACK_STATE);
      } else if (now() > fb.windowEnds()) {
        expectRefused(caller, BigInteger.ZERO, Services.REJECT_FEEDBACK, args, Services.REJECTION_WINDOW_CLOSED);
        outcomes.add("reject: window closed");
      } else if (reason.isEmpty()) {
        expectRefused(caller, BigInteger.ZERO, Services.REJECT_FEEDBACK, args, Services.INVALID_REASON);
      } else {
        expectOk(caller, BigInteger.ZERO, Services.REJECT_FEEDBACK, args);
        fb.state = Services.FEEDBACK_REJECTED;
        fb.round.rejected++;
        outcomes.add("reject");
      }
    }

    void claim(Address actor, Op op) {
      List<FbS> ids = new ArrayList<>();
      Predicate<FbS> payable = x -> x.state == Services.FEEDBACK_PENDING && now() > x.windowEnds();
      for (FbS fb : feedbacks) {
        if (fb.validator.equals(actor) && (payable.test(fb) || op.c() % 3 == 0) && ids.size() < 1 + op.b() % 3) ids.add(fb);
      }
      if ((ids.isEmpty() || op.c() % 6 == 0) && !feedbacks.isEmpty()) ids.add(feedbacks.get(op.b() % feedbacks.size()));
      List<BigInteger> idList = ids.stream().map(fb -> fb.id).toList();
      if (ids.isEmpty()) {
        expectRefused(actor, BigInteger.ZERO, Services.CLAIM_FEEDBACK, args(idList), Services.EMPTY_CLAIM);
        return;
      }
      Map<FbS, Integer> states = new HashMap<>();
      BigInteger total = BigInteger.ZERO;
      for (FbS fb : ids) {
        int state = states.getOrDefault(fb, fb.state);
        ErrorSpec error = !fb.validator.equals(actor) ? Services.NOT_AUTHORIZED
            : state != Services.FEEDBACK_PENDING ? Services.WRONG_FEEDBACK_STATE
            : now() <= fb.windowEnds() ? Services.REJECTION_WINDOW_OPEN : null;
        if (error != null) {
          expectRefused(actor, BigInteger.ZERO, Services.CLAIM_FEEDBACK, args(idList), error);
          if (error == Services.NOT_AUTHORIZED) outcomes.add("claim: not validator");
          if (error == Services.REJECTION_WINDOW_OPEN) outcomes.add("claim: window open");
          return;
        }
        states.put(fb, Services.FEEDBACK_PAID);
        total = total.add(fb.round.reward);
      }
      assertThat(expectOk(actor, BigInteger.ZERO, Services.CLAIM_FEEDBACK, idList)).isEqualTo(total);
      for (FbS fb : ids) {
        fb.state = Services.FEEDBACK_PAID;
        fb.round.paid++;
      }
      credit(actor, total);
      locked = locked.subtract(total);
      outcomes.add("claim");
    }

    void close(Address actor, Op op) {
      if (rounds.isEmpty()) return;
      RoundS r = pick(rounds, x -> !x.closed && now() >= x.endsAt + x.window, op);
      if (r.closed) {
        expectRefused(actor, BigInteger.ZERO, Services.CLOSE_ROUND, args(r.id), Services.ROUND_ALREADY_CLOSED);
        outcomes.add("close: closed");
      } else if (now() < r.endsAt + r.window) {
        expectRefused(actor, BigInteger.ZERO, Services.CLOSE_ROUND, args(r.id), Services.ROUND_NOT_OVER);
        outcomes.add("close: not over");
      } else {
        expectOk(actor, BigInteger.ZERO, Services.CLOSE_ROUND, r.id);
        BigInteger refund = r.reward.multiply(big(r.max - (r.submitted - r.rejected)));
        credit(r.model.owner, refund);
        locked = locked.subtract(refund);
        r.refunded = refund;
        r.closed = true;
        outcomes.add("close");
      }
    }

    // ---------------------------------------------------------------- governance

    void setParameter(Address actor, Op op) {
      Address caller = op.c() % 6 == 0 ? actor : TIMELOCK;
      int which = op.b() % 5;
      boolean outOfRange = op.c() % 17 == 0;
      long value = switch (which) {
        case 2 -> outOfRange ? 10_001 : FEES[op.c() % FEES.length];
        case 3 -> outOfRange ? 0 : 50 + op.c() % 200;
        case 4 -> outOfRange ? 0 : 1 + op.c() % 5;
        default -> outOfRange ? 0 : 1 + op.c() % 60;
      };
      org.openledger.precompiles.storage.Parameter p = Services.PARAMETERS_IN_ORDER.get(which).parameter();
      Object[] args = {p.label(), big(value)};
      if (!caller.equals(TIMELOCK)) {
        expectRefused(caller, BigInteger.ZERO, Services.SET_PARAMETER, args, Services.NOT_AUTHORIZED);
      } else if (outOfRange) {
        expectRefused(caller, BigInteger.ZERO, Services.SET_PARAMETER, args, Services.PARAMETER_OUT_OF_RANGE);
      } else {
        expectOk(caller, BigInteger.ZERO, Services.SET_PARAMETER, args);
        switch (which) {
          case 0 -> disputeWindow = value;
          case 1 -> rejectionWindow = value;
          case 2 -> feeBp = (int) value;
          case 3 -> maxDuration = value;
          default -> maxFeedback = value;
        }
        outcomes.add("set parameter");
      }
    }

    // ---------------------------------------------------------------- calls and checks

    static Object[] args(Object... args) {
      return args;
    }

    Object expectOk(Address from, BigInteger value, FunctionSpec fn, Object... args) {
      CallResult r = chain.send(from, SERVICES, value, fn, args);
      assertThat(r.isSuccess()).as("%s%s by %s at block %s: %s", fn.name(), List.of(args), from, now(), chain.describe(SERVICES, r)).isTrue();
      return fn.decodeOutput(r.output());
    }

    void expectRefused(Address from, BigInteger value, FunctionSpec fn, Object[] args, ErrorSpec error) {
      Map<String, Object> before = chain.host.snapshot();
      CallResult r = chain.send(from, SERVICES, value, fn, args);
      assertThat(r.status()).as("%s%s by %s at block %s: %s", fn.name(), List.of(args), from, now(), chain.describe(SERVICES, r))
          .isEqualTo(CallResult.Status.REVERT);
      assertThat(Services.SPEC.errorOf(r.output())).as("%s: %s", fn.name(), chain.describe(SERVICES, r)).isEqualTo(error);
      assertThat(chain.host.snapshot()).isEqualTo(before);
    }

    void checkBalances() {
      assertThat(chain.totalBalances()).as("sum of all balances == supply").isEqualTo(chain.supply());
      assertThat(chain.balance(SERVICES)).as("Services balance == escrowed jobs + locked rounds").isEqualTo(escrow.add(locked));
      assertThat(chain.view(SERVICES, Services.LIABILITIES)).isEqualTo(List.of(escrow, locked));
      expected.forEach((account, due) -> assertThat(chain.balance(account)).as("balance of %s", account).isEqualTo(due));
    }

    void checkViews() {
      for (JobS j : jobs) {
        List<?> view = (List<?>) chain.view(SERVICES, Services.JOB, j.id);
        assertThat(view.get(7)).as("state of job %s", j.id).isEqualTo(big(j.state));
        assertThat(view.get(4)).isEqualTo(j.budget);
      }
      for (RoundS r : rounds) {
        List<?> view = (List<?>) chain.view(SERVICES, Services.ROUND, r.id);
        BigInteger budget = r.reward.multiply(big(r.max));
        BigInteger paidOut = r.reward.multiply(big(r.paid)).add(r.refunded);
        assertThat(r.paid).as("paid feedback never exceeds accepted feedback").isLessThanOrEqualTo(r.submitted - r.rejected);
        assertThat(paidOut).as("a round never pays more than it locked").isLessThanOrEqualTo(budget);
        assertThat(view.get(13)).as("locked of round %s", r.id).isEqualTo(budget.subtract(paidOut));
        assertThat(view.get(9)).isEqualTo(big(r.paid));
      }
    }
  }
}

package org.openledger.contracts.datanet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.host.CallResult;

/**
 * Random sequences of every Datanets operation against a naive model. After every step: no OPEN is
 * created or destroyed (sum of all balances == supply, to the wei), the contract holds exactly its
 * liabilities, and the treasury holds exactly the slashed deposits, dust and unshared fees. At the
 * end: every contribution's earnings (claimed + claimable) equal the model's sum of whole-wei
 * shares, and lie within one wei per payment below the naive reference — the exact rational share
 * of each payment among the contributions accepted at that time — never above it.
 */
class DatanetsProperties {
  static final Address[] ACTORS = {
      Address.of(0x1001), Address.of(0x1002), Address.of(0x1003), Address.of(0x1004), Address.of(0x1005), Address.of(0x1006)};
  static final BigInteger FUNDS = BigInteger.TEN.pow(30);
  static final BigInteger[] AMOUNTS = {
      BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(3), BigInteger.valueOf(7), BigInteger.TEN, BigInteger.valueOf(999),
      BigInteger.TEN.pow(18), BigInteger.TEN.pow(18).add(BigInteger.ONE), new BigInteger("12345678901234567"),
      new BigInteger("300000000000000000007")};
  static final int CONTENTS = 16;
  static final Address DATANETS = Datanets.ADDRESS;
  static final Address TREASURY = Addresses.TREASURY;

  enum Kind { CREATE, SUBMIT, FRONT_RUN, WRONG_DEPOSIT, CURATE, REJECT, SLASH, PAY, CLAIM, SET_FEES, SET_CURATOR }

  record Op(Kind kind, int a, int b, int c) {}

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Kind> kinds = Arbitraries.frequency(
        Tuple.of(3, Kind.CREATE), Tuple.of(18, Kind.SUBMIT), Tuple.of(3, Kind.FRONT_RUN), Tuple.of(2, Kind.WRONG_DEPOSIT),
        Tuple.of(16, Kind.CURATE), Tuple.of(4, Kind.REJECT), Tuple.of(3, Kind.SLASH), Tuple.of(22, Kind.PAY),
        Tuple.of(12, Kind.CLAIM), Tuple.of(2, Kind.SET_FEES), Tuple.of(2, Kind.SET_CURATOR));
    Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1 << 16);
    // uniform lengths and no edge cases: every sequence is a realistic mix, about 100 steps long
    return Combinators.combine(kinds, pick, pick, pick).as(Op::new).withoutEdgeCases()
        .list().ofMinSize(40).ofMaxSize(160).withSizeDistribution(RandomDistribution.uniform());
  }

  /** Outcomes every run must reach many times, so the invariants are checked on every path. */
  static final List<String> REQUIRED = List.of(
      "create", "submit", "submit: hash taken", "submit: wrong deposit", "accept", "accept: duplicate content",
      "reject: hash does not bind the submitter", "reject", "curate: not curator", "curate: not pending", "slash",
      "slash: not accepted", "slash: not timelock", "pay: split exactly", "pay: split with dust", "pay: none accepted",
      "pay: free", "pay: wrong fee", "claim", "claim: nothing", "claim: not contributor", "earned: below the reference by rounding");

  @Property(tries = 100, shrinking = ShrinkingMode.BOUNDED)
  @StatisticsReport(onFailureOnly = true)
  void moneyIsConservedAndEveryContributionEarnsItsNaiveShare(@ForAll("operations") List<Op> ops) {
    Sim sim = new Sim();
    for (Op op : ops) {
      sim.step(op);
      sim.checkBalances();
    }
    sim.checkEarnings();
    for (String outcome : sim.outcomes) Statistics.label("outcome").collect(outcome);
    // every outcome must be exercised; 10 per 100 sequences is far enough below the ~25 expected that seeds do not flake
    Statistics.label("outcome").coverage(c -> REQUIRED.forEach(label -> c.check(label).count(n -> n >= 10)));
  }

  // ------------------------------------------------------------------ the model

  static final class Net {
    final BigInteger id;
    Address owner;
    Address curator;
    BigInteger deposit;
    BigInteger fee;
    final Map<Bytes32, BigInteger> contents = new HashMap<>();

    Net(BigInteger id, Address owner, BigInteger deposit, BigInteger fee) {
      this.id = id;
      this.owner = owner;
      this.curator = owner;
      this.deposit = deposit;
      this.fee = fee;
    }
  }

  static final class Contrib {
    final BigInteger id;
    final Net net;
    final Address contributor;
    final Bytes32 hash;
    final byte[] content;
    final BigInteger deposit;
    ContributionStatus status = ContributionStatus.PENDING;
    /** What the contract should credit: the sum of floor(fee / n) over payments while accepted. */
    BigInteger earned = BigInteger.ZERO;
    BigInteger claimed = BigInteger.ZERO;
    /** The naive reference, exact: the sum of fee / n as a fraction. */
    BigInteger refNum = BigInteger.ZERO;
    BigInteger refDen = BigInteger.ONE;
    int payments;

    Contrib(BigInteger id, Net net, Address contributor, Bytes32 hash, byte[] content, BigInteger deposit) {
      this.id = id;
      this.net = net;
      this.contributor = contributor;
      this.hash = hash;
      this.content = content;
      this.deposit = deposit;
    }

    void addReference(BigInteger fee, BigInteger n) {
      refNum = refNum.multiply(n).add(fee.multiply(refDen));
      refDen = refDen.multiply(n);
      BigInteger g = refNum.gcd(refDen);
      if (g.signum() > 0 && !g.equals(BigInteger.ONE)) {
        refNum = refNum.divide(g);
        refDen = refDen.divide(g);
      }
    }
  }

  static final class Sim {
    final ProtocolChain chain = new ProtocolChain(Map.of(DATANETS, new Datanets()));
    final List<Net> nets = new ArrayList<>();
    final List<Contrib> contribs = new ArrayList<>();
    final Map<Bytes32, Contrib> holders = new HashMap<>();
    BigInteger pendingDeposits = BigInteger.ZERO;
    BigInteger unclaimed = BigInteger.ZERO;
    BigInteger treasury;
    final List<String> outcomes = new ArrayList<>();

    Sim() {
      for (Address a : ACTORS) chain.fund(a, FUNDS);
      chain.fund(DATANETS, BigInteger.ZERO);
      chain.fund(TREASURY, BigInteger.ZERO);
      treasury = chain.balance(TREASURY);
    }

    static byte[] content(int i) {
      return ("contribution #" + i).getBytes(StandardCharsets.UTF_8);
    }

    void step(Op op) {
      Address actor = ACTORS[op.a() % ACTORS.length];
      if (op.a() % 7 == 0) chain.advance(1);
      switch (op.kind()) {
        case CREATE -> create(actor, op);
        case SUBMIT -> submit(actor, actor, op, false);
        case FRONT_RUN -> submit(actor, ACTORS[(op.a() + 1 + op.c() % (ACTORS.length - 1)) % ACTORS.length], op, false);
        case WRONG_DEPOSIT -> submit(actor, actor, op, true);
        case CURATE -> curate(op, false);
        case REJECT -> curate(op, true);
        case SLASH -> slash(actor, op);
        case PAY -> pay(actor, op);
        case CLAIM -> claim(actor, op);
        case SET_FEES -> setFees(op);
        case SET_CURATOR -> setCurator(op);
      }
    }

    void create(Address actor, Op op) {
      BigInteger deposit = AMOUNTS[op.b() % AMOUNTS.length];
      BigInteger fee = op.c() % 10 == 0 ? BigInteger.ZERO : AMOUNTS[op.c() % AMOUNTS.length];
      BigInteger id = (BigInteger) expectOk(actor, BigInteger.ZERO, Datanets.CREATE, "net", "", deposit, fee);
      assertThat(id).isEqualTo(BigInteger.valueOf(nets.size() + 1));
      nets.add(new Net(id, actor, deposit, fee));
      outcomes.add("create");
    }

    void submit(Address actor, Address boundTo, Op op, boolean wrongDeposit) {
      byte[] content = content(op.c() % CONTENTS);
      Bytes32 hash = Contributions.bind(content, boundTo);
      if (nets.isEmpty()) {
        expectRefused(actor, BigInteger.ONE, Datanets.SUBMIT, args(BigInteger.ONE, hash, ""), Datanets.UNKNOWN_DATANET);
        return;
      }
      Net net = nets.get(op.b() % nets.size());
      if (wrongDeposit) {
        BigInteger sent = net.deposit.add(BigInteger.ONE);
        expectRefused(actor, sent, Datanets.SUBMIT, args(net.id, hash, ""), Datanets.WRONG_DEPOSIT);
        outcomes.add("submit: wrong deposit");
        return;
      }
      Contrib holder = holders.get(hash);
      if (holder != null) {
        expectRefused(actor, net.deposit, Datanets.SUBMIT, args(net.id, hash, ""), Datanets.CONTRIBUTION_HASH_TAKEN);
        outcomes.add("submit: hash taken");
        return;
      }
      BigInteger id = (BigInteger) expectOk(actor, net.deposit, Datanets.SUBMIT, net.id, hash, "");
      assertThat(id).isEqualTo(BigInteger.valueOf(contribs.size() + 1));
      Contrib c = new Contrib(id, net, actor, hash, content, net.deposit);
      contribs.add(c);
      holders.put(hash, c);
      pendingDeposits = pendingDeposits.add(net.deposit);
      outcomes.add("submit");
    }

    /** Picks a contribution, preferring one in {@code preferred} status most of the time. */
    Contrib pick(Op op, ContributionStatus preferred) {
      List<Contrib> candidates = contribs.stream().filter(c -> c.status == preferred).toList();
      if (candidates.isEmpty() || op.c() % 5 == 0) candidates = contribs;
      return candidates.get(op.b() % candidates.size());
    }

    /** The curator's honest procedure: verify the binding, accept unless told to reject, reject a copy. */
    void curate(Op op, boolean reject) {
      if (contribs.isEmpty()) {
        expectRefused(ACTORS[0], BigInteger.ZERO, Datanets.REJECT, args(BigInteger.ONE, "none"), Datanets.UNKNOWN_CONTRIBUTION);
        return;
      }
      Contrib c = pick(op, ContributionStatus.PENDING);
      Address caller = op.c() % 11 == 0 ? ACTORS[op.a() % ACTORS.length] : c.net.curator;
      Bytes32 contentHash = Contributions.contentHash(c.content);
      boolean binds = Contributions.verify(c.content, c.contributor, c.hash);
      FunctionSpec fn = reject || !binds ? Datanets.REJECT : Datanets.ACCEPT;
      Object[] args = fn == Datanets.REJECT ? args(c.id, "rejected") : args(c.id, contentHash);
      if (!caller.equals(c.net.curator)) {
        expectRefused(caller, BigInteger.ZERO, fn, args, Datanets.NOT_CURATOR);
        outcomes.add("curate: not curator");
      } else if (c.status != ContributionStatus.PENDING) {
        expectRefused(caller, BigInteger.ZERO, fn, args, Datanets.NOT_PENDING);
        outcomes.add("curate: not pending");
      } else if (fn == Datanets.ACCEPT && c.net.contents.containsKey(contentHash)) {
        expectRefused(caller, BigInteger.ZERO, fn, args, Datanets.DUPLICATE_CONTENT);
        outcomes.add("accept: duplicate content");
      } else if (fn == Datanets.ACCEPT) {
        expectOk(caller, BigInteger.ZERO, fn, args);
        c.status = ContributionStatus.ACCEPTED;
        c.net.contents.put(contentHash, c.id);
        pendingDeposits = pendingDeposits.subtract(c.deposit);
        outcomes.add("accept");
      } else {
        expectOk(caller, BigInteger.ZERO, fn, args);
        c.status = ContributionStatus.REJECTED;
        holders.remove(c.hash);
        pendingDeposits = pendingDeposits.subtract(c.deposit);
        treasury = treasury.add(c.deposit);
        outcomes.add(binds ? "reject" : "reject: hash does not bind the submitter");
      }
    }

    void slash(Address actor, Op op) {
      if (contribs.isEmpty()) return;
      Contrib c = pick(op, ContributionStatus.ACCEPTED);
      if (op.c() % 9 == 0) {
        expectRefused(actor, BigInteger.ZERO, Datanets.SLASH, args(c.id), Datanets.NOT_TIMELOCK);
        outcomes.add("slash: not timelock");
      } else if (c.status != ContributionStatus.ACCEPTED) {
        expectRefused(Addresses.TIMELOCK, BigInteger.ZERO, Datanets.SLASH, args(c.id), Datanets.NOT_ACCEPTED);
        outcomes.add("slash: not accepted");
      } else {
        expectOk(Addresses.TIMELOCK, BigInteger.ZERO, Datanets.SLASH, c.id);
        c.status = ContributionStatus.SLASHED;
        outcomes.add("slash");
      }
    }

    void pay(Address payer, Op op) {
      if (nets.isEmpty()) {
        expectRefused(payer, BigInteger.ONE, Datanets.PAY_ACCESS, args(BigInteger.ONE), Datanets.UNKNOWN_DATANET);
        return;
      }
      Net net = nets.get(op.b() % nets.size());
      if (net.fee.signum() == 0) {
        expectRefused(payer, BigInteger.ZERO, Datanets.PAY_ACCESS, args(net.id), Datanets.ACCESS_IS_FREE);
        outcomes.add("pay: free");
        return;
      }
      if (op.c() % 13 == 0) {
        expectRefused(payer, net.fee.add(BigInteger.ONE), Datanets.PAY_ACCESS, args(net.id), Datanets.WRONG_ACCESS_FEE);
        outcomes.add("pay: wrong fee");
        return;
      }
      expectOk(payer, net.fee, Datanets.PAY_ACCESS, net.id);
      // the naive reference: loop over every contribution accepted right now
      List<Contrib> accepted = contribs.stream().filter(c -> c.net == net && c.status == ContributionStatus.ACCEPTED).toList();
      if (accepted.isEmpty()) {
        treasury = treasury.add(net.fee);
        outcomes.add("pay: none accepted");
        return;
      }
      BigInteger n = BigInteger.valueOf(accepted.size());
      BigInteger share = net.fee.divide(n);
      for (Contrib c : accepted) {
        c.earned = c.earned.add(share);
        c.addReference(net.fee, n);
        c.payments++;
      }
      unclaimed = unclaimed.add(share.multiply(n));
      treasury = treasury.add(net.fee.subtract(share.multiply(n)));
      outcomes.add(share.multiply(n).equals(net.fee) ? "pay: split exactly" : "pay: split with dust");
    }

    void claim(Address actor, Op op) {
      // mostly someone who has something to claim
      List<Contrib> owed = contribs.stream().filter(c -> c.earned.compareTo(c.claimed) > 0).toList();
      if (!owed.isEmpty() && op.a() % 4 != 0) actor = owed.get(op.b() % owed.size()).contributor;
      final Address claimer = actor;
      List<Contrib> mine = contribs.stream().filter(c -> c.contributor.equals(claimer)).toList();
      List<BigInteger> ids = new ArrayList<>();
      Set<Contrib> named = new LinkedHashSet<>();
      for (int i = 0; i < mine.size(); i++) {
        if (((op.c() >> (i % 16)) & 1) == 1 || op.b() % 3 == 0) {
          ids.add(mine.get(i).id);
          named.add(mine.get(i));
        }
      }
      if (!ids.isEmpty() && op.b() % 4 == 0) ids.add(ids.get(0)); // a repeated id is paid once
      List<Contrib> foreign = contribs.stream().filter(c -> !c.contributor.equals(claimer)).toList();
      if (!foreign.isEmpty() && op.a() % 9 == 0) {
        ids.add(op.c() % (ids.size() + 1), foreign.get(op.b() % foreign.size()).id);
        expectRefused(actor, BigInteger.ZERO, Datanets.CLAIM, args(ids), Datanets.NOT_CONTRIBUTOR);
        outcomes.add("claim: not contributor");
        return;
      }
      BigInteger total = named.stream().map(c -> c.earned.subtract(c.claimed)).reduce(BigInteger.ZERO, BigInteger::add);
      if (total.signum() == 0) {
        expectRefused(actor, BigInteger.ZERO, Datanets.CLAIM, args(ids), Datanets.NOTHING_TO_CLAIM);
        outcomes.add("claim: nothing");
        return;
      }
      BigInteger before = chain.balance(actor);
      assertThat(expectOk(actor, BigInteger.ZERO, Datanets.CLAIM, ids)).isEqualTo(total);
      assertThat(chain.balance(actor)).isEqualTo(before.add(total));
      for (Contrib c : named) c.claimed = c.earned;
      unclaimed = unclaimed.subtract(total);
      outcomes.add("claim");
    }

    void setFees(Op op) {
      if (nets.isEmpty()) return;
      Net net = nets.get(op.b() % nets.size());
      BigInteger deposit = AMOUNTS[op.c() % AMOUNTS.length];
      BigInteger fee = op.c() % 8 == 0 ? BigInteger.ZERO : AMOUNTS[(op.c() / 8) % AMOUNTS.length];
      expectOk(net.owner, BigInteger.ZERO, Datanets.SET_FEES, net.id, deposit, fee);
      net.deposit = deposit;
      net.fee = fee;
    }

    void setCurator(Op op) {
      if (nets.isEmpty()) return;
      Net net = nets.get(op.b() % nets.size());
      Address curator = ACTORS[op.c() % ACTORS.length];
      expectOk(net.owner, BigInteger.ZERO, Datanets.SET_CURATOR, net.id, curator);
      net.curator = curator;
    }

    // ---------------------------------------------------------------- checks

    Object expectOk(Address from, BigInteger value, FunctionSpec fn, Object... args) {
      CallResult r = chain.send(from, DATANETS, value, fn, args);
      assertThat(r.isSuccess()).as("%s%s by %s: %s", fn.name(), List.of(args), from, chain.describe(DATANETS, r)).isTrue();
      return fn.decodeOutput(r.output());
    }

    void expectRefused(Address from, BigInteger value, FunctionSpec fn, Object[] args, ErrorSpec error) {
      Map<String, Object> before = chain.host.snapshot();
      CallResult r = chain.send(from, DATANETS, value, fn, args);
      assertThat(r.status()).as("%s by %s: %s", fn.name(), from, chain.describe(DATANETS, r)).isEqualTo(CallResult.Status.REVERT);
      assertThat(Datanets.SPEC.errorOf(r.output())).as(chain.describe(DATANETS, r)).isEqualTo(error);
      assertThat(chain.host.snapshot()).isEqualTo(before);
    }

    static Object[] args(Object... args) {
      return args;
    }

    void checkBalances() {
      assertThat(chain.totalBalances()).as("sum of all balances == supply").isEqualTo(chain.supply());
      assertThat(chain.balance(DATANETS)).as("contract balance == liabilities").isEqualTo(pendingDeposits.add(unclaimed));
      assertThat(chain.view(DATANETS, Datanets.LIABILITIES)).isEqualTo(List.of(pendingDeposits, unclaimed));
      assertThat(chain.balance(TREASURY)).as("treasury").isEqualTo(treasury);
    }

    void checkEarnings() {
      for (Contrib c : contribs) {
        BigInteger claimable = (BigInteger) chain.view(DATANETS, Datanets.CLAIMABLE, c.id);
        BigInteger earned = c.claimed.add(claimable);
        assertThat(earned).as("contribution %s earned exactly the sum of whole-wei shares", c.id).isEqualTo(c.earned);
        // never more than the exact reference, and less by under one wei per payment
        assertThat(earned.multiply(c.refDen)).as("earned <= reference").isLessThanOrEqualTo(c.refNum);
        assertThat(earned.add(BigInteger.valueOf(c.payments)).multiply(c.refDen)).as("earned >= reference - payments")
            .isGreaterThanOrEqualTo(c.refNum);
        if (earned.multiply(c.refDen).compareTo(c.refNum) < 0) outcomes.add("earned: below the reference by rounding");
        @SuppressWarnings("unchecked") List<Object> view = (List<Object>) chain.view(DATANETS, Datanets.CONTRIBUTION, c.id);
        assertThat(ContributionStatus.of((BigInteger) view.get(4))).isEqualTo(c.status);
        assertThat(view.get(8)).isEqualTo(c.claimed);
        assertThat(chain.view(DATANETS, Datanets.IS_ACCEPTED, c.id)).isEqualTo(c.status == ContributionStatus.ACCEPTED);
      }
      for (Net net : nets) {
        @SuppressWarnings("unchecked") List<Object> view = (List<Object>) chain.view(DATANETS, Datanets.DATANET, net.id);
        long accepted = contribs.stream().filter(c -> c.net == net && c.status == ContributionStatus.ACCEPTED).count();
        long pending = contribs.stream().filter(c -> c.net == net && c.status == ContributionStatus.PENDING).count();
        assertThat(view.get(6)).isEqualTo(BigInteger.valueOf(accepted));
        assertThat(view.get(7)).isEqualTo(BigInteger.valueOf(pending));
      }
    }
  }
}

package org.openledger.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.governance.GovChain.open;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.ProtocolChain;
import org.openledger.contracts.staking.Staking;
import org.openledger.governance.governor.Governor;
import org.openledger.governance.proposals.Proposal;
import org.openledger.governance.proposals.Proposals;
import org.openledger.governance.timelock.Timelock;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.host.CallResult;

/**
 * Random proposals, votes, delegations, stake moves, cancels, queues, executions and block
 * advances on the real Staking, Governor and Timelock (short delays). After every step: counted
 * votes equal the voters' past votes at the snapshot, nobody votes twice, states move only along
 * the lifecycle, the threshold and quorum follow past supply, each executed action ran exactly
 * once and only inside its Timelock window, and a failed call changed nothing and never halted.
 */
class GovernanceProperties {
  static final long DELAY = 1;
  static final long PERIOD = 12;
  static final long MIN_DELAY = 6;
  static final long GRACE = 15;
  static final BigInteger THRESHOLD = open("1000");

  record Step(int op, int a, int b, int c) {}

  /** A proposal as the test knows it: content, proposer, id, paid recipient and the states seen. */
  static final class Known {
    final Proposal proposal;
    final Address proposer;
    final BigInteger id;
    final Address recipient;
    final BigInteger amount;
    final Map<Address, Integer> votes = new HashMap<>();
    int lastState = Governor.PENDING;
    int executions;

    Known(Proposal proposal, Address proposer, BigInteger id, Address recipient, BigInteger amount) {
      this.proposal = proposal;
      this.proposer = proposer;
      this.id = id;
      this.recipient = recipient;
      this.amount = amount;
    }
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Integer> n = Arbitraries.integers().between(0, 1_000).withoutEdgeCases();
    return Combinators.combine(Arbitraries.integers().between(0, 14), n, n, n).as(Step::new).list().ofMinSize(40).ofMaxSize(150);
  }

  @Property(tries = 100)
  void governanceKeepsItsInvariants(@ForAll("steps") List<Step> steps) {
    GovChain g = new GovChain();
    ProtocolChain c = g.chain;
    Address[] people = {g.alice, g.bob, g.carol, g.mallory};
    c.ok(Addresses.TIMELOCK, Addresses.GOVERNOR, Governor.SET_VOTING_DELAY, BigInteger.valueOf(DELAY));
    c.ok(Addresses.TIMELOCK, Addresses.GOVERNOR, Governor.SET_VOTING_PERIOD, BigInteger.valueOf(PERIOD));
    c.ok(Addresses.TIMELOCK, Addresses.GOVERNOR, Governor.SET_PROPOSAL_THRESHOLD, THRESHOLD);
    c.ok(Addresses.TIMELOCK, Addresses.GOVERNOR, Governor.SET_GUARDIAN, g.carol);
    c.ok(Addresses.TIMELOCK, Addresses.TIMELOCK, Timelock.UPDATE_DELAY, BigInteger.valueOf(MIN_DELAY));
    c.ok(Addresses.TIMELOCK, Addresses.TIMELOCK, Timelock.UPDATE_GRACE_PERIOD, BigInteger.valueOf(GRACE));
    List<BigInteger> positions = new ArrayList<>();
    List<Address> positionOwners = new ArrayList<>();
    for (Address p : people) {
      positions.add(g.stake(p, open("2000")));
      positionOwners.add(p);
    }
    c.advance(1);
    List<Known> proposals = new ArrayList<>();
    Set<BigInteger> ids = new HashSet<>();
    int counter = 0;

    for (Step s : steps) {
      Object before = c.host.snapshot();
      Address who = people[s.a() % people.length];
      // mostly one of the three latest proposals, so lifecycles run to their end
      Known k = proposals.isEmpty() ? null
          : s.b() % 4 == 0 ? proposals.get(s.b() % proposals.size()) : proposals.get(proposals.size() - 1 - s.b() % Math.min(3, proposals.size()));
      CallResult r = null;
      String op;
      switch (s.op()) {
        case 0 -> {
          op = "propose";
          counter++;
          Address recipient = Address.of(0x5000 + counter);
          BigInteger amount = BigInteger.valueOf(1 + s.c());
          Proposal p = s.c() % 3 == 0
              ? Proposal.builder("pay and fee #" + counter).transfer(recipient, amount)
                  .call(Addresses.INFERENCE, org.openledger.contracts.inference.Inference.SET_PLATFORM_FEE, BigInteger.valueOf(s.c())).build()
              : Proposals.spendTreasury(recipient, amount, "pay #" + counter);
          r = c.send(who, Addresses.GOVERNOR, Governor.PROPOSE, p.proposeArgs());
          BigInteger past = (BigInteger) c.view(Addresses.STAKING, Staking.GET_PAST_VOTES, who, BigInteger.valueOf(c.blockNumber() - 1));
          assertThat(r.isSuccess()).as("threshold on the proposer's votes at the previous block").isEqualTo(past.compareTo(THRESHOLD) >= 0);
          if (r.isSuccess()) {
            BigInteger id = (BigInteger) Governor.PROPOSE.decodeOutput(r.output());
            assertThat(id).isEqualTo(p.id(who));
            assertThat(ids.add(id)).isTrue();
            proposals.add(new Known(p, who, id, recipient, amount));
          }
        }
        case 1, 2, 3 -> {
          op = "vote";
          if (k == null) continue;
          int support = new int[] {Governor.FOR, Governor.FOR, Governor.FOR, Governor.AGAINST, Governor.ABSTAIN}[s.c() % 5];
          r = g.vote(who, k.id, support);
          if (r.isSuccess()) {
            assertThat(k.votes).as("no double vote").doesNotContainKey(who);
            BigInteger snapshot = (BigInteger) c.view(Addresses.GOVERNOR, Governor.PROPOSAL_SNAPSHOT, k.id);
            assertThat(Governor.CAST_VOTE.decodeOutput(r.output()))
                .isEqualTo(c.view(Addresses.STAKING, Staking.GET_PAST_VOTES, who, snapshot));
            k.votes.put(who, support);
          }
        }
        case 4 -> {
          op = "delegate";
          r = c.send(who, Addresses.STAKING, Staking.DELEGATE, people[s.c() % people.length]);
        }
        case 5 -> {
          op = "stake";
          r = c.send(who, Addresses.STAKING, open("1").multiply(BigInteger.valueOf(1 + s.c() * 3L)), Staking.STAKE, BigInteger.ZERO);
          if (r.isSuccess()) {
            positions.add((BigInteger) Staking.STAKE.decodeOutput(r.output()));
            positionOwners.add(who);
          }
        }
        case 6 -> {
          op = "unbond";
          int i = s.c() % positions.size();
          r = c.send(positionOwners.get(i), Addresses.STAKING, Staking.UNBOND, positions.get(i));
        }
        case 7 -> {
          op = "queue";
          if (k == null) continue;
          r = g.queue(k.proposal, k.id);
        }
        case 8 -> {
          op = "execute";
          if (k == null) continue;
          r = s.c() % 4 == 0
              ? c.send(who, Addresses.TIMELOCK, Timelock.EXECUTE, k.proposal.targets(), k.proposal.values(), k.proposal.calldatas(), Governor.salt(k.id))
              : g.execute(k.proposal, k.id);
          if (r.isSuccess()) {
            BigInteger readyAt = (BigInteger) c.view(Addresses.GOVERNOR, Governor.PROPOSAL_ETA, k.id);
            long now = c.blockNumber();
            assertThat(readyAt.signum()).as("only queued proposals execute").isPositive();
            assertThat(now).as("not before the delay").isGreaterThanOrEqualTo(readyAt.longValueExact());
            assertThat(now).as("not after the grace period").isLessThan(readyAt.longValueExact() + GRACE);
            k.executions++;
            long actions = r.logs().stream().filter(l -> l.topics().get(0).equals(Timelock.ACTION_EXECUTED.topic0())).count();
            assertThat(actions).isEqualTo(k.proposal.targets().size());
          }
        }
        case 9 -> {
          op = "cancel";
          if (k == null) continue;
          r = c.send(s.c() % 2 == 0 ? k.proposer : who, Addresses.GOVERNOR, Governor.CANCEL, k.id);
        }
        case 12, 13 -> {
          // the next sensible step of a proposal's life, so that many reach queueing and execution
          if (k == null) continue;
          int state = ((BigInteger) c.view(Addresses.GOVERNOR, Governor.STATE, k.id)).intValueExact();
          op = "progress" + state;
          switch (state) {
            case Governor.PENDING -> c.advance(DELAY + 1);
            case Governor.ACTIVE -> {
              r = g.vote(who, k.id, s.c() % 4 == 0 ? Governor.AGAINST : Governor.FOR);
              if (r.isSuccess()) k.votes.put(who, s.c() % 4 == 0 ? Governor.AGAINST : Governor.FOR);
              else c.advance(PERIOD / 3);
            }
            case Governor.SUCCEEDED -> r = g.queue(k.proposal, k.id);
            case Governor.QUEUED -> {
              BigInteger readyAt = (BigInteger) c.view(Addresses.GOVERNOR, Governor.PROPOSAL_ETA, k.id);
              if (c.blockNumber() < readyAt.longValueExact() && s.c() % 3 != 0) c.advance(readyAt.longValueExact() - c.blockNumber());
              r = g.execute(k.proposal, k.id);
              if (r.isSuccess()) {
                k.executions++;
                assertThat(c.blockNumber()).isGreaterThanOrEqualTo(readyAt.longValueExact()).isLessThan(readyAt.longValueExact() + GRACE);
              }
            }
            default -> c.advance(1);
          }
        }
        default -> {
          op = "advance";
          long[] jumps = {1, 1, 2, 3, PERIOD / 2, PERIOD, MIN_DELAY, GRACE};
          c.advance(jumps[s.c() % jumps.length]);
        }
      }
      if (r != null) {
        Statistics.label("outcome").collect(op + ":" + (r.isSuccess() ? "ok" : "refused"));
        assertThat(r.status()).as(op + " never halts: " + r.haltReason()).isNotEqualTo(CallResult.Status.HALT);
        if (!r.isSuccess()) assertThat(c.host.snapshot()).as(op + " failed and changed nothing").isEqualTo(before);
      }
      for (Known p : proposals) check(c, p);
    }
    for (Known p : proposals) Statistics.label("final state").collect(p.lastState);
  }

  private static void check(ProtocolChain c, Known p) {
    int state = ((BigInteger) c.view(Addresses.GOVERNOR, Governor.STATE, p.id)).intValueExact();
    assertThat(reachable(p.lastState, state)).as("transition " + p.lastState + " -> " + state).isTrue();
    p.lastState = state;

    // counted votes are the voters' past votes at the snapshot, whatever moved since
    BigInteger snapshot = (BigInteger) c.view(Addresses.GOVERNOR, Governor.PROPOSAL_SNAPSHOT, p.id);
    BigInteger[] expected = {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO};
    if (!p.votes.isEmpty()) {
      for (Map.Entry<Address, Integer> v : p.votes.entrySet()) {
        expected[v.getValue()] = expected[v.getValue()].add((BigInteger) c.view(Addresses.STAKING, Staking.GET_PAST_VOTES, v.getKey(), snapshot));
      }
    }
    assertThat(c.view(Addresses.GOVERNOR, Governor.PROPOSAL_VOTES, p.id)).isEqualTo(List.of(expected));
    for (Map.Entry<Address, Integer> v : p.votes.entrySet()) {
      assertThat(c.view(Addresses.GOVERNOR, Governor.HAS_VOTED, p.id, v.getKey())).isEqualTo(true);
    }

    // the outcome follows quorum (5% of past total supply, For + Abstain) and For > Against
    if (state == Governor.SUCCEEDED || state == Governor.DEFEATED) {
      BigInteger supply = (BigInteger) c.view(Addresses.STAKING, Staking.GET_PAST_TOTAL_SUPPLY, snapshot);
      BigInteger quorum = supply.multiply(Governor.QUORUM_NUMERATOR.defaultValue()).divide(BigInteger.valueOf(100));
      boolean wins = expected[1].add(expected[2]).compareTo(quorum) >= 0 && expected[1].compareTo(expected[0]) > 0;
      assertThat(state).isEqualTo(wins ? Governor.SUCCEEDED : Governor.DEFEATED);
    }

    // each executed action ran exactly once
    assertThat(p.executions).isLessThanOrEqualTo(1);
    assertThat(c.balance(p.recipient)).isEqualTo(p.executions == 1 ? p.amount : BigInteger.ZERO);
    assertThat(state == Governor.EXECUTED).isEqualTo(p.executions == 1);
  }

  /** Whether {@code to} is {@code from} or reachable from it along the lifecycle. */
  static boolean reachable(int from, int to) {
    if (from == to) return true;
    return switch (from) {
      case Governor.PENDING -> to == Governor.ACTIVE || to == Governor.CANCELED || to == Governor.DEFEATED || to == Governor.SUCCEEDED;
      case Governor.ACTIVE -> to == Governor.CANCELED || to == Governor.DEFEATED || to == Governor.SUCCEEDED;
      case Governor.SUCCEEDED -> to == Governor.QUEUED || to == Governor.CANCELED;
      case Governor.DEFEATED -> to == Governor.CANCELED;
      case Governor.QUEUED -> to == Governor.EXECUTED || to == Governor.EXPIRED || to == Governor.CANCELED;
      default -> false;
    };
  }
}

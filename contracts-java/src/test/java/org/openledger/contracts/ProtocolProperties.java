package org.openledger.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.Protocol.open;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.openledger.contracts.inference.Inference;
import org.openledger.contracts.prover.Provers;
import org.openledger.contracts.staking.Staking;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.host.CallResult;

/**
 * Random sequences of every inference, proof, challenge, staking and bond operation on the real
 * contracts: OPEN is conserved to the wei, every contract holds at least what it owes, and a
 * failed call changes nothing.
 */
class ProtocolProperties {
  static final Address[] CONTRIBUTORS = {Address.of(0xc1), Address.of(0xc2), Address.of(0xc3)};

  /** One step: an operation code and two random choices. */
  record Step(int op, int a, int b) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step = net.jqwik.api.Combinators.combine(
        Arbitraries.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), Arbitraries.integers().between(0, 1_000).withoutEdgeCases(),
        Arbitraries.integers().between(0, 1_000).withoutEdgeCases()).as(Step::new);
    return step.list().ofMinSize(30).ofMaxSize(120);
  }

  @Property(tries = 40)
  void openIsConservedAndEveryContractStaysSolvent(@ForAll("steps") List<Step> steps) {
    Protocol p = new Protocol();
    ProtocolChain c = p.chain;
    BigInteger model = p.deployedModel(open("1"));
    List<BigInteger> requests = new ArrayList<>();
    List<BigInteger> positions = new ArrayList<>();
    p.chain.fund(CONTRIBUTORS[0], open("100"));

    for (Step s : steps) {
      Object before = c.host.snapshot();
      CallResult r = switch (s.op()) {
        case 0, 1 -> { // request with some extra escrow
          BigInteger escrow = open("1.14").add(BigInteger.valueOf(s.a()).multiply(open("0.001")));
          CallResult res = c.send(p.user, Addresses.INFERENCE, escrow, Inference.REQUEST_FN, model, BigInteger.ONE, Protocol.root("input"),
              BigInteger.valueOf(400), BigInteger.valueOf(240));
          if (res.isSuccess()) requests.add((BigInteger) Inference.REQUEST_FN.decodeOutput(res.output()));
          yield res;
        }
        case 2, 3, 4, 7 -> pick(requests, s.a()) == null ? null : progress(p, model, pick(requests, s.a()), s.b());
        case 5 -> pick(requests, s.a()) == null ? null
            : c.send(CONTRIBUTORS[0], Addresses.PROVERS, open("1"), Provers.CHALLENGE, pick(requests, s.a()), Protocol.root("evidence"));
        case 6 -> pick(requests, s.a()) == null ? null
            : c.send(Addresses.TIMELOCK, Addresses.PROVERS, Provers.RESOLVE_CHALLENGE, pick(requests, s.a()), s.b() % 2 == 0);
        case 8 -> pick(requests, s.a()) == null ? null : c.send(p.user, Addresses.INFERENCE, Inference.REFUND, pick(requests, s.a()));
        case 9 -> {
          CallResult res = c.send(p.staker, Addresses.STAKING, open("1").add(BigInteger.valueOf(s.a())), Staking.STAKE, model);
          if (res.isSuccess()) positions.add((BigInteger) Staking.STAKE.decodeOutput(res.output()));
          yield res;
        }
        case 10 -> pick(positions, s.a()) == null ? null : c.send(p.staker, Addresses.STAKING, Staking.ACTIVATE, pick(positions, s.a()));
        case 11 -> c.send(p.staker, Addresses.STAKING, Staking.CLAIM_ALL);
        default -> {
          c.advance(1 + s.a() * 4L);
          yield null;
        }
      };
      if (r != null) {
        Statistics.label("outcome").collect(s.op() + ":" + r.status());
        if (!r.isSuccess()) assertThat(c.host.snapshot()).as("a failed call changes nothing").isEqualTo(before);
        assertThat(r.status()).as("no call halts").isNotEqualTo(CallResult.Status.HALT);
      }
      assertThat(c.totalBalances()).isEqualTo(c.supply());
      assertSolvent(c, requests);
    }
  }

  /** The next step of a request's life: result, claim, proof, or (after the challenge window) settlement. */
  private static CallResult progress(Protocol p, BigInteger model, BigInteger id, int choice) {
    ProtocolChain c = p.chain;
    List<?> request = (List<?>) c.view(Addresses.INFERENCE, Inference.GET_REQUEST, id);
    int state = ((BigInteger) request.get(8)).intValueExact();
    if (state == Inference.REQUESTED) {
      return c.send(p.owner, Addresses.INFERENCE, Inference.SUBMIT_RESULT, id, Protocol.root("output"), BigInteger.valueOf(140 + choice % 101));
    }
    int claim = ((BigInteger) ((List<?>) c.view(Addresses.PROVERS, Provers.CLAIM_OF, id)).get(3)).intValueExact();
    if (claim == Provers.NONE) return c.send(p.prover, Addresses.PROVERS, Provers.CLAIM, id);
    if (claim == Provers.CLAIMED) {
      List<Address> who = List.of(CONTRIBUTORS).subList(0, 1 + choice % 3);
      List<BigInteger> scores = new ArrayList<>();
      for (int i = 0; i < who.size(); i++) scores.add(BigInteger.valueOf((choice * (i + 7)) % 50)); // zero scores are unpaid
      return c.send(p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id, p.proof(id, model, who, scores));
    }
    if (choice % 4 == 0) c.advance(Provers.CHALLENGE_WINDOW.defaultValue().longValueExact() + 1);
    return c.send(p.user, Addresses.INFERENCE, Inference.SETTLE, id);
  }

  /** Each contract holds at least what it owes: unsettled escrows, bonds, staked principal and rewards. */
  private static void assertSolvent(ProtocolChain c, List<BigInteger> requests) {
    BigInteger escrowed = BigInteger.ZERO;
    for (BigInteger id : requests) {
      List<?> r = (List<?>) c.view(Addresses.INFERENCE, Inference.GET_REQUEST, id);
      int state = ((BigInteger) r.get(8)).intValueExact();
      if (state == Inference.REQUESTED || state == Inference.RESULTED) escrowed = escrowed.add((BigInteger) r.get(6));
    }
    assertThat(c.balance(Addresses.INFERENCE)).isEqualTo(escrowed);
    BigInteger principal = (BigInteger) c.view(Addresses.STAKING, Staking.TOTAL_PRINCIPAL_FN);
    BigInteger reserve = (BigInteger) c.view(Addresses.STAKING, Staking.REWARD_RESERVE_FN);
    assertThat(c.balance(Addresses.STAKING)).isEqualTo(principal.add(reserve));
  }

  private static BigInteger pick(List<BigInteger> ids, int choice) {
    return ids.isEmpty() ? null : ids.get(choice % ids.size());
  }
}

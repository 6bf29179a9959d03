package org.openledger.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.governance.GovChain.DELAY;
import static org.openledger.governance.GovChain.MIN_DELAY;
import static org.openledger.governance.GovChain.PERIOD;
import static org.openledger.governance.GovChain.assertReverts;
import static org.openledger.governance.GovChain.open;
import static org.openledger.governance.GovChain.root;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.inference.Inference;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.prover.Provers;
import org.openledger.contracts.services.Services;
import org.openledger.governance.governor.Governor;
import org.openledger.governance.proposals.Proposal;
import org.openledger.governance.proposals.Proposals;
import org.openledger.governance.timelock.Timelock;
import org.openledger.precompiles.host.CallResult;

/** A model's whole life decided by governance on the real contracts, from genesis stake on. */
class GovernanceLifecycleTest {
  final GovChain g = new GovChain().withGenesisStake();

  BigInteger proposeModel(String name) {
    return (BigInteger) g.chain.ok(g.owner, Addresses.MODELS, Models.PROPOSE, BigInteger.ZERO, List.of(BigInteger.ONE), name, "ipfs://m");
  }

  @Test
  void aModelGoesThroughEveryStateByVoteAndInferenceFollowsTheVotes() {
    BigInteger model = proposeModel("fashion");
    assertThat(g.modelState(model)).isEqualTo(Models.State.PROPOSED.code());

    // genesis bootstrap: governance-only stake passes the very first proposal
    Proposal approve = Proposals.approveModel(model, "Approve the fashion model");
    BigInteger id = g.propose(g.alice, approve);
    assertThat(g.state(id)).isEqualTo(Governor.PENDING);
    assertThat(g.view(Addresses.GOVERNOR, Governor.PROPOSAL_SNAPSHOT, id)).isEqualTo(BigInteger.valueOf(g.chain.blockNumber() + DELAY));
    g.chain.advance(DELAY + 1);
    assertThat(g.state(id)).isEqualTo(Governor.ACTIVE);
    g.assertOk(g.vote(g.alice, id, Governor.FOR));
    g.assertOk(g.vote(g.carol, id, Governor.ABSTAIN));
    g.assertOk(g.vote(g.bob, id, Governor.AGAINST));
    assertThat(g.view(Addresses.GOVERNOR, Governor.PROPOSAL_VOTES, id)).isEqualTo(List.of(open("10000"), open("20000"), open("5000")));
    g.chain.advance(PERIOD);
    assertThat(g.state(id)).isEqualTo(Governor.SUCCEEDED);
    CallResult queued = g.queue(approve, id);
    g.assertOk(queued);
    assertThat(g.state(id)).isEqualTo(Governor.QUEUED);
    assertReverts(g.execute(approve, id), Governor.PROPOSAL_NOT_READY);
    g.chain.advance(MIN_DELAY);
    CallResult executed = g.execute(approve, id);
    g.assertOk(executed);
    assertThat(executed.logs()).contains(Governor.PROPOSAL_EXECUTED.toLog(Addresses.GOVERNOR, id));
    assertThat(g.state(id)).isEqualTo(Governor.EXECUTED);
    assertThat(g.modelState(model)).isEqualTo(Models.State.APPROVED.code());

    // a training job funded on the Services contract moves it to Training, then a version is registered for evaluation
    g.chain.ok(g.owner, Addresses.SERVICES, open("50"), Services.OPEN_JOB, model, root("dataset"), BigInteger.ZERO, BigInteger.valueOf(1000));
    assertThat(g.modelState(model)).isEqualTo(Models.State.TRAINING.code());
    List<Object> spec = List.of(root("weights"), root("basis"), root("index"), BigInteger.valueOf(100), BigInteger.valueOf(1000),
        BigInteger.ZERO, BigInteger.ZERO, BigInteger.valueOf(400), BigInteger.valueOf(240), g.owner, open("1"), open("1"), BigInteger.valueOf(512));
    BigInteger version = (BigInteger) g.chain.ok(g.owner, Addresses.MODELS, Models.REGISTER_VERSION, model, spec);
    assertThat(g.modelState(model)).isEqualTo(Models.State.EVALUATION.code());
    g.chain.ok(g.prover, Addresses.PROVERS, open("100"), Provers.BOND);
    g.chain.ok(g.prover, Addresses.PROVERS, Provers.ATTEST, model, version);
    assertReverts(g.request(model), Inference.MODEL_NOT_DEPLOYED);

    // deployed by vote: inference allowed
    g.pass(Proposals.deployModel(model, version, "Deploy fashion v1"));
    assertThat(g.modelState(model)).isEqualTo(Models.State.DEPLOYED.code());
    g.assertOk(g.request(model));

    // deprecated by vote: inference refused
    g.pass(Proposals.deprecateModel(model, "Retire fashion"));
    assertThat(g.modelState(model)).isEqualTo(Models.State.DEPRECATED.code());
    assertReverts(g.request(model), Inference.MODEL_NOT_DEPLOYED);
  }

  @Test
  void aProposalVotedDownIsDefeatedAndCanNeverRun() {
    BigInteger model = proposeModel("spam");
    Proposal approve = Proposals.approveModel(model, "Approve spam");
    BigInteger id = g.propose(g.alice, approve);
    g.chain.advance(DELAY + 1);
    g.assertOk(g.vote(g.alice, id, Governor.AGAINST));
    g.assertOk(g.vote(g.bob, id, Governor.FOR));
    g.chain.advance(PERIOD);
    assertThat(g.state(id)).isEqualTo(Governor.DEFEATED);
    assertReverts(g.queue(approve, id), Governor.UNEXPECTED_PROPOSAL_STATE);
    assertReverts(g.execute(approve, id), Governor.UNEXPECTED_PROPOSAL_STATE);
    g.chain.advance(MIN_DELAY + GovChain.GRACE);
    assertThat(g.state(id)).isEqualTo(Governor.DEFEATED);
    assertThat(g.modelState(model)).isEqualTo(Models.State.PROPOSED.code());

    // and a rejection passes
    g.pass(Proposals.rejectModel(model, "Reject spam"));
    assertThat(g.modelState(model)).isEqualTo(Models.State.REJECTED.code());
  }

  @Test
  void withoutQuorumAProposalIsDefeatedEvenWithOnlyForVotes() {
    // Carol alone: 5,000 of 35,000 = 14% > 5% quorum → passes; so raise the bar first
    g.pass(Proposals.setVotingParameters(null, null, null, BigInteger.valueOf(20), "Quorum 20%"));
    assertThat(g.view(Addresses.GOVERNOR, Governor.QUORUM_NUMERATOR_FN)).isEqualTo(BigInteger.valueOf(20));
    Proposal p = Proposals.setPlatformFee(open("1"), "Platform fee 1 OPEN");
    BigInteger id = g.propose(g.alice, p);
    g.chain.advance(DELAY + 1);
    g.assertOk(g.vote(g.carol, id, Governor.FOR));
    g.chain.advance(PERIOD);
    assertThat(g.view(Addresses.GOVERNOR, Governor.QUORUM, g.view(Addresses.GOVERNOR, Governor.PROPOSAL_SNAPSHOT, id)))
        .isEqualTo(open("7000"));
    assertThat(g.state(id)).isEqualTo(Governor.DEFEATED);
  }

  @Test
  void treasurySpendingParametersAndTheGuardianGoThroughTheTimelock() {
    BigInteger before = g.chain.balance(g.user);
    BigInteger treasury = g.chain.balance(Addresses.TIMELOCK);
    g.pass(Proposals.spendTreasury(g.user, open("250"), "Grant"));
    assertThat(g.chain.balance(g.user)).isEqualTo(before.add(open("250")));
    assertThat(g.chain.balance(Addresses.TIMELOCK)).isEqualTo(treasury.subtract(open("250")));

    g.pass(Proposals.setFeeSplit(6000, 2000, 2000, 500, 1000, "New split"));
    List<?> params = (List<?>) g.view(Addresses.INFERENCE, Inference.PARAMETERS);
    assertThat(params.subList(1, 6)).isEqualTo(List.of(BigInteger.valueOf(6000), BigInteger.valueOf(2000), BigInteger.valueOf(2000),
        BigInteger.valueOf(500), BigInteger.valueOf(1000)));

    g.pass(Proposals.setMaxRates(open("5"), open("6"), "Rate bounds"));
    assertThat(((List<?>) g.view(Addresses.MODELS, Models.PARAMETERS)).subList(0, 2)).isEqualTo(List.of(open("5"), open("6")));

    g.pass(Proposals.setTimelockDelays(BigInteger.valueOf(100), BigInteger.valueOf(1000), "Shorter timelock"));
    assertThat(g.view(Addresses.TIMELOCK, Timelock.GET_MIN_DELAY)).isEqualTo(BigInteger.valueOf(100));

    g.pass(Proposals.setGuardian(g.carol, "Carol guards"));
    assertThat(g.view(Addresses.GOVERNOR, Governor.GUARDIAN_FN)).isEqualTo(g.carol);
    Proposal p = Proposals.setPlatformFee(open("2"), "Fee 2");
    BigInteger id = g.propose(g.alice, p);
    g.chain.advance(DELAY + 1);
    g.assertOk(g.vote(g.alice, id, Governor.FOR));
    g.chain.advance(PERIOD);
    g.assertOk(g.queue(p, id));
    g.assertOk(g.chain.send(g.carol, Addresses.GOVERNOR, Governor.CANCEL, id));
    assertThat(g.state(id)).isEqualTo(Governor.CANCELED);
    g.chain.advance(100);
    assertReverts(g.execute(p, id), Governor.UNEXPECTED_PROPOSAL_STATE);

    g.pass(Proposals.removeGuardian("No guardian"));
    assertThat(g.view(Addresses.GOVERNOR, Governor.GUARDIAN_FN)).isEqualTo(org.openledger.precompiles.Address.ZERO);
  }

  @Test
  void theProposerMayCancelOnlyWhilePending() {
    Proposal p = Proposals.setPlatformFee(open("1"), "Fee");
    BigInteger id = g.propose(g.alice, p);
    assertReverts(g.chain.send(g.bob, Addresses.GOVERNOR, Governor.CANCEL, id), Governor.UNABLE_TO_CANCEL);
    CallResult r = g.chain.send(g.alice, Addresses.GOVERNOR, Governor.CANCEL, id);
    g.assertOk(r);
    assertThat(r.logs()).contains(Governor.PROPOSAL_CANCELED.toLog(Addresses.GOVERNOR, id));
    assertThat(g.state(id)).isEqualTo(Governor.CANCELED);

    Proposal q = p.withDescription("Fee again");
    BigInteger id2 = g.propose(g.alice, q);
    g.chain.advance(DELAY + 1);
    assertReverts(g.chain.send(g.alice, Addresses.GOVERNOR, Governor.CANCEL, id2), Governor.UNABLE_TO_CANCEL);
  }

  @Test
  void aSixteenActionProposalExecutesWithinTheGasItsRuleDeclares() {
    Proposal.Builder b = Proposal.builder("Sixteen actions");
    for (int i = 0; i < 8; i++) {
      b.transfer(org.openledger.precompiles.Address.of(0x7000 + i), open("1"));
      b.call(Addresses.INFERENCE, Inference.SET_PLATFORM_FEE, open(String.valueOf(i)));
    }
    Proposal p = b.build();
    BigInteger id = g.propose(g.alice, p);
    g.chain.advance(DELAY + 1);
    g.assertOk(g.vote(g.alice, id, Governor.FOR));
    g.chain.advance(PERIOD);
    g.assertOk(g.queue(p, id));
    g.chain.advance(MIN_DELAY);
    long required = g.chain.executor().gasRequirement(Addresses.GOVERNOR, Governor.EXECUTE.encodeCall(p.lifecycleArgs(id)), g.chain.blockNumber());
    CallResult r = g.execute(p, id);
    g.assertOk(r);
    assertThat(r.gasUsed()).isEqualTo(required);
    assertThat(r.logs().stream().filter(l -> l.topics().get(0).equals(Timelock.ACTION_EXECUTED.topic0()))).hasSize(16);
    assertThat(((List<?>) g.view(Addresses.INFERENCE, Inference.PARAMETERS)).get(0)).isEqualTo(open("7"));
    assertThat(g.chain.balance(org.openledger.precompiles.Address.of(0x7007))).isEqualTo(open("1"));
    // one more action is refused when proposed
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> b.transfer(g.user, BigInteger.ONE).build()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

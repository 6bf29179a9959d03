package org.openledger.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.governance.GovChain.DELAY;
import static org.openledger.governance.GovChain.GRACE;
import static org.openledger.governance.GovChain.MIN_DELAY;
import static org.openledger.governance.GovChain.PERIOD;
import static org.openledger.governance.GovChain.assertReverts;
import static org.openledger.governance.GovChain.open;

import java.math.BigInteger;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.inference.Inference;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.staking.Staking;
import org.openledger.governance.governor.Governor;
import org.openledger.governance.proposals.Proposal;
import org.openledger.governance.proposals.Proposals;
import org.openledger.governance.timelock.Timelock;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.host.CallResult;

/** The attacks DESIGN §5 and issue 5 name, each refused, with nothing changed. */
class GovernanceAttacksTest {
  final GovChain g = new GovChain().withGenesisStake();
  final Proposal fee = Proposals.setPlatformFee(open("3"), "Platform fee 3 OPEN");

  BigInteger activeProposal() {
    BigInteger id = g.propose(g.alice, fee);
    g.chain.advance(DELAY + 1);
    return id;
  }

  @Test
  void flashStakeAfterTheSnapshotVotesNothing() {
    BigInteger id = g.propose(g.alice, fee);
    g.chain.advance(DELAY + 1);
    // Mallory stakes a fortune after the snapshot, votes, and unbonds in the same block
    BigInteger position = g.stake(g.mallory, open("90000"));
    CallResult r = g.vote(g.mallory, id, Governor.AGAINST);
    g.assertOk(r);
    assertThat(Governor.CAST_VOTE.decodeOutput(r.output())).isEqualTo(BigInteger.ZERO);
    g.chain.ok(g.mallory, Addresses.STAKING, Staking.UNBOND, position);
    g.assertOk(g.vote(g.alice, id, Governor.FOR));
    g.chain.advance(PERIOD);
    assertThat(g.state(id)).isEqualTo(Governor.SUCCEEDED);
  }

  @Test
  void stakeMovedAfterTheSnapshotChangesNoWeight() {
    BigInteger id = activeProposal();
    // Bob delegates to Alice after the snapshot: Alice's weight stays hers, Bob still votes his own
    g.chain.ok(g.bob, Addresses.STAKING, Staking.DELEGATE, g.alice);
    CallResult a = g.vote(g.alice, id, Governor.FOR);
    CallResult b = g.vote(g.bob, id, Governor.AGAINST);
    assertThat(Governor.CAST_VOTE.decodeOutput(a.output())).isEqualTo(open("20000"));
    assertThat(Governor.CAST_VOTE.decodeOutput(b.output())).isEqualTo(open("10000"));
  }

  @Test
  void unbondingStakeVotesNothing() {
    BigInteger position = g.stake(g.mallory, open("50000"));
    g.chain.advance(1);
    g.chain.ok(g.mallory, Addresses.STAKING, Staking.UNBOND, position);
    BigInteger id = activeProposal();
    CallResult r = g.vote(g.mallory, id, Governor.AGAINST);
    assertThat(Governor.CAST_VOTE.decodeOutput(r.output())).isEqualTo(BigInteger.ZERO);
    // and an unbonding proposer is below the threshold
    assertReverts(g.chain.send(g.mallory, Addresses.GOVERNOR, Governor.PROPOSE, fee.withDescription("x").proposeArgs()),
        Governor.INSUFFICIENT_PROPOSER_VOTES);
  }

  @Test
  void proposingBelowTheThresholdOrWithStakeFromThisBlockIsRefused() {
    Object before = g.chain.host.snapshot();
    assertReverts(g.chain.send(g.carol, Addresses.GOVERNOR, Governor.PROPOSE, fee.proposeArgs()), Governor.INSUFFICIENT_PROPOSER_VOTES);
    assertThat(g.chain.host.snapshot()).isEqualTo(before);
    g.stake(g.mallory, open("50000"));
    assertReverts(g.chain.send(g.mallory, Addresses.GOVERNOR, Governor.PROPOSE, fee.proposeArgs()), Governor.INSUFFICIENT_PROPOSER_VOTES);
    g.chain.advance(1);
    g.assertOk(g.chain.send(g.mallory, Addresses.GOVERNOR, Governor.PROPOSE, fee.proposeArgs()));
  }

  @Test
  void noDoubleVoteAndOnlyWhileActive() {
    BigInteger id = g.propose(g.alice, fee);
    assertReverts(g.vote(g.alice, id, Governor.FOR), Governor.UNEXPECTED_PROPOSAL_STATE);
    g.chain.advance(DELAY + 1);
    g.assertOk(g.vote(g.alice, id, Governor.FOR));
    assertReverts(g.vote(g.alice, id, Governor.AGAINST), Governor.ALREADY_CAST_VOTE);
    assertReverts(g.vote(g.bob, id, 3), Governor.INVALID_VOTE_TYPE);
    g.chain.advance(PERIOD);
    assertReverts(g.vote(g.bob, id, Governor.FOR), Governor.VOTING_CLOSED);
    assertReverts(g.vote(g.bob, BigInteger.TEN, Governor.FOR), Governor.NONEXISTENT_PROPOSAL);
  }

  @Test
  void anExecutedProposalCannotBeReplayed() {
    BigInteger id = g.pass(fee);
    assertReverts(g.execute(fee, id), Governor.UNEXPECTED_PROPOSAL_STATE);
    assertReverts(g.queue(fee, id), Governor.UNEXPECTED_PROPOSAL_STATE);
    assertReverts(g.chain.send(g.alice, Addresses.GOVERNOR, Governor.PROPOSE, fee.proposeArgs()), Governor.PROPOSAL_EXISTS);
    assertReverts(g.chain.send(g.user, Addresses.TIMELOCK, Timelock.EXECUTE, fee.targets(), fee.values(), fee.calldatas(), Governor.salt(id)),
        Timelock.UNEXPECTED_OPERATION_STATE);
  }

  @Test
  void defeatedAndExpiredProposalsNeverExecute() {
    BigInteger id = activeProposal();
    g.assertOk(g.vote(g.alice, id, Governor.FOR));
    g.chain.advance(PERIOD);
    g.assertOk(g.queue(fee, id));
    assertReverts(g.execute(fee, id), Governor.PROPOSAL_NOT_READY);
    assertReverts(g.chain.send(g.user, Addresses.TIMELOCK, Timelock.EXECUTE, fee.targets(), fee.values(), fee.calldatas(), Governor.salt(id)),
        Timelock.UNEXPECTED_OPERATION_STATE);
    g.chain.advance(MIN_DELAY + GRACE);
    assertThat(g.state(id)).isEqualTo(Governor.EXPIRED);
    assertReverts(g.execute(fee, id), Governor.UNEXPECTED_PROPOSAL_STATE);
    assertReverts(g.chain.send(g.user, Addresses.TIMELOCK, Timelock.EXECUTE, fee.targets(), fee.values(), fee.calldatas(), Governor.salt(id)),
        Timelock.UNEXPECTED_OPERATION_STATE);
    assertThat(((List<?>) g.view(Addresses.INFERENCE, Inference.PARAMETERS)).get(0)).isEqualTo(Inference.PLATFORM_FEE.defaultValue());
  }

  @Test
  void queueAndExecuteCheckTheActionsAgainstTheId() {
    BigInteger id = activeProposal();
    g.assertOk(g.vote(g.alice, id, Governor.FOR));
    g.chain.advance(PERIOD);
    Proposal other = Proposals.setPlatformFee(open("4"), fee.description());
    assertReverts(g.queue(other, id), Governor.ACTIONS_MISMATCH);
  }

  @Test
  void actionsOutsideThePolicyAreRefusedAtProposalTime() {
    Bytes propose = Governor.PROPOSE.encodeCall(List.of(), List.of(), List.of(), "");
    List<List<Object>> bad = List.of(
        List.of(Address.of(0xdead), BigInteger.ZERO, Models.APPROVE.encodeCall(BigInteger.ONE)), // call to a non-native account
        List.of(Addresses.MODELS, BigInteger.ONE, Bytes.EMPTY), // plain transfer to a native contract
        List.of(Addresses.GOVERNOR, BigInteger.ZERO, propose), // re-entering the Governor
        List.of(Addresses.TIMELOCK, BigInteger.ZERO, Timelock.CANCEL.encodeCall(Bytes.wrap(new byte[32]))),
        List.of(Addresses.MODELS, BigInteger.ZERO, Bytes.fromHexString("0xdeadbeef")), // undeclared selector
        List.of(Addresses.MODELS, BigInteger.ONE, Models.APPROVE.encodeCall(BigInteger.ONE))); // value to a non-payable function
    for (List<Object> action : bad) {
      assertReverts(g.chain.send(g.alice, Addresses.GOVERNOR, Governor.PROPOSE, List.of(action.get(0)), List.of(action.get(1)),
          List.of(action.get(2)), "bad"), Governor.ACTION_NOT_ALLOWED);
    }
    assertReverts(g.chain.send(g.alice, Addresses.GOVERNOR, Governor.PROPOSE, List.of(), List.of(), List.of(), "empty"),
        Governor.INVALID_PROPOSAL_LENGTH);
  }

  @Test
  void privilegedFunctionsRefuseDirectCalls() {
    BigInteger model = (BigInteger) g.chain.ok(g.owner, Addresses.MODELS, Models.PROPOSE, BigInteger.ZERO, List.of(BigInteger.ONE), "m", "u");
    for (Address caller : List.of(g.alice, g.mallory, Addresses.GOVERNOR)) {
      assertReverts(g.chain.send(caller, Addresses.MODELS, Models.APPROVE, model), Models.NOT_AUTHORIZED);
      assertReverts(g.chain.send(caller, Addresses.GOVERNOR, Governor.SET_GUARDIAN, caller), Governor.UNAUTHORIZED_CALLER);
      assertReverts(g.chain.send(caller, Addresses.TIMELOCK, Timelock.UPDATE_DELAY, BigInteger.ZERO), Timelock.UNAUTHORIZED_CALLER);
    }
    assertReverts(g.chain.send(g.mallory, Addresses.TIMELOCK, Timelock.QUEUE, fee.targets(), fee.values(), fee.calldatas(), Governor.salt(BigInteger.ONE)),
        Timelock.UNAUTHORIZED_CALLER);
    BigInteger treasury = g.chain.balance(Addresses.TIMELOCK);
    Proposal steal = Proposals.spendTreasury(g.mallory, open("1000"), "mine");
    assertReverts(g.chain.send(g.mallory, Addresses.TIMELOCK, Timelock.EXECUTE, steal.targets(), steal.values(), steal.calldatas(),
        Governor.salt(BigInteger.ONE)), Timelock.UNEXPECTED_OPERATION_STATE);
    assertThat(g.chain.balance(Addresses.TIMELOCK)).isEqualTo(treasury);
  }
}

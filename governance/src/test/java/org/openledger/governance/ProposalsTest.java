package org.openledger.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openledger.governance.GovChain.open;

import java.math.BigInteger;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.datanet.Datanets;
import org.openledger.contracts.inference.Inference;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.staking.Staking;
import org.openledger.governance.governor.Governor;
import org.openledger.governance.proposals.Proposal;
import org.openledger.governance.proposals.Proposals;
import org.openledger.governance.timelock.Timelock;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.FunctionSpec;

/** The typed builders encode the contracts' own functions, and the id is the Governor's. */
class ProposalsTest {
  static final BigInteger ONE = BigInteger.ONE;

  static void single(Proposal p, Address target, FunctionSpec fn, Object... args) {
    assertThat(p.targets()).containsExactly(target);
    assertThat(p.values()).containsExactly(BigInteger.ZERO);
    assertThat(p.calldatas()).containsExactly(fn.encodeCall(args));
  }

  @Test
  void eachBuilderCallsTheFunctionItNames() {
    single(Proposals.approveModel(ONE, "d"), Addresses.MODELS, Models.APPROVE, ONE);
    single(Proposals.rejectModel(ONE, "d"), Addresses.MODELS, Models.REJECT, ONE);
    single(Proposals.deployModel(ONE, BigInteger.TWO, "d"), Addresses.MODELS, Models.DEPLOY, ONE, BigInteger.TWO);
    single(Proposals.deprecateModel(ONE, "d"), Addresses.MODELS, Models.DEPRECATE, ONE);
    single(Proposals.setMaxRates(ONE, BigInteger.TWO, "d"), Addresses.MODELS, Models.SET_MAX_RATES, ONE, BigInteger.TWO);
    single(Proposals.setPlatformFee(ONE, "d"), Addresses.INFERENCE, Inference.SET_PLATFORM_FEE, ONE);
    single(Proposals.setFeeSplit(7000, 2000, 1000, 500, 1000, "d"), Addresses.INFERENCE, Inference.SET_SPLIT, BigInteger.valueOf(7000),
        BigInteger.valueOf(2000), BigInteger.valueOf(1000), BigInteger.valueOf(500), BigInteger.valueOf(1000));
    single(Proposals.slashContribution(ONE, "d"), Addresses.DATANETS, Datanets.SLASH, ONE);
    single(Proposals.slashStake(ONE, open("1"), "d"), Addresses.STAKING, Staking.SLASH, ONE, open("1"));
    single(Proposals.setGuardian(Address.of(9), "d"), Addresses.GOVERNOR, Governor.SET_GUARDIAN, Address.of(9));
    single(Proposals.removeGuardian("d"), Addresses.GOVERNOR, Governor.SET_GUARDIAN, Address.ZERO);
    Proposal voting = Proposals.setVotingParameters(ONE, BigInteger.TWO, null, BigInteger.TEN, "d");
    assertThat(voting.calldatas()).containsExactly(Governor.SET_VOTING_DELAY.encodeCall(ONE), Governor.SET_VOTING_PERIOD.encodeCall(BigInteger.TWO),
        Governor.UPDATE_QUORUM_NUMERATOR.encodeCall(BigInteger.TEN));
    assertThat(Proposals.setTimelockDelays(ONE, null, "d").calldatas()).containsExactly(Timelock.UPDATE_DELAY.encodeCall(ONE));
    Proposal spend = Proposals.spendTreasury(Address.of(0x77), open("5"), "d");
    assertThat(spend.targets()).containsExactly(Address.of(0x77));
    assertThat(spend.values()).containsExactly(open("5"));
    assertThat(spend.calldatas()).containsExactly(Bytes.EMPTY);
  }

  @Test
  void disallowedActionsCannotBeBuilt() {
    assertThatThrownBy(() -> Proposals.spendTreasury(Addresses.STAKING, ONE, "d")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Proposals.setGuardian(Address.ZERO, "d")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Proposal.builder("d").call(Addresses.TIMELOCK, Timelock.CANCEL, org.apache.tuweni.bytes.Bytes32.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Proposal.builder("d").build()).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theIdIsTheGovernorsHashBindingTheProposer() {
    GovChain g = new GovChain();
    Proposal p = Proposals.approveModel(ONE, "Approve model 1");
    Object viewed = g.view(Addresses.GOVERNOR, Governor.HASH_PROPOSAL, g.alice, p.targets(), p.values(), p.calldatas(), p.descriptionHash());
    assertThat(viewed).isEqualTo(p.id(g.alice));
    assertThat(p.id(g.alice)).isNotEqualTo(p.id(g.bob));
    assertThat(p.withDescription("other").id(g.alice)).isNotEqualTo(p.id(g.alice));
    assertThat(p.proposeCalldata()).isEqualTo(Governor.PROPOSE.encodeCall(p.targets(), p.values(), p.calldatas(), p.description()));
    assertThat(p.executeCalldata(g.alice)).isEqualTo(Governor.EXECUTE.encodeCall(p.id(g.alice), p.targets(), p.values(), p.calldatas(),
        p.descriptionHash()));
    assertThat(g.view(Addresses.TIMELOCK, Timelock.HASH_OPERATION_BATCH, p.targets(), p.values(), p.calldatas(), Governor.salt(ONE)))
        .isEqualTo(Timelock.hashOperation(p.targets(), p.values(), p.calldatas(), Governor.salt(ONE)));
    assertThat(Governor.descriptionHash("").toHexString()).isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    assertThat(List.of(p.targets(), p.values(), p.calldatas())).allSatisfy(l -> assertThat(l).hasSize(1));
  }
}

package org.openledger.contracts.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.Protocol.open;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Protocol;
import org.openledger.contracts.prover.Provers;
import org.openledger.contracts.staking.Staking;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.host.CallResult;

class SettlementTest {
  final Protocol p = new Protocol();
  final Address alice = Address.of(0xa1), bob = Address.of(0xb0);

  /** The worked example: 400 + 240 tokens at 1 OPEN per 1,000, platform fee 0.50 → 1.14 OPEN. */
  @Test
  void theWorkedExamplePaysEveryPartyItsExactShareThroughTheContracts() {
    BigInteger model = p.deployedModel(open("1"));
    BigInteger position = p.stakeAndActivate(p.staker, model, open("10"));
    BigInteger id = p.request(model, open("1.14"));
    p.result(id);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.CLAIM, id);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id,
        p.proof(id, model, List.of(alice, bob), List.of(BigInteger.valueOf(25), BigInteger.valueOf(75))));
    p.chain.advance(Provers.CHALLENGE_WINDOW.defaultValue().longValueExact() + 1);

    BigInteger ownerBefore = p.chain.balance(p.owner), proverBefore = p.chain.balance(p.prover), treasuryBefore = p.chain.balance(Addresses.TREASURY);
    p.chain.ok(bob, Addresses.INFERENCE, Inference.SETTLE, id);

    assertThat(p.chain.balance(p.owner).subtract(ownerBefore)).isEqualTo(open("0.448"));
    assertThat(p.chain.balance(alice)).isEqualTo(open("0.032"));
    assertThat(p.chain.balance(bob)).isEqualTo(open("0.096"));
    assertThat(p.chain.balance(p.prover).subtract(proverBefore)).isEqualTo(open("0.25"));
    assertThat(p.chain.balance(Addresses.TREASURY).subtract(treasuryBefore)).isEqualTo(open("0.25"));
    assertThat(p.chain.view(Addresses.STAKING, Staking.PENDING_REWARDS, position)).isEqualTo(open("0.064"));
    assertThat(p.chain.balance(Addresses.INFERENCE)).isZero();
    assertThat(p.chain.totalBalances()).isEqualTo(p.chain.supply());
  }

  @Test
  void unusedEscrowIsRefundedAtSettlement() {
    BigInteger model = p.deployedModel(open("1"));
    BigInteger userBefore = p.chain.balance(p.user);
    BigInteger id = p.request(model, open("2"));
    p.result(id);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.CLAIM, id);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id, p.proof(id, model, List.of(alice), List.of(BigInteger.ONE)));
    p.chain.advance(301);
    p.chain.ok(bob, Addresses.INFERENCE, Inference.SETTLE, id);
    assertThat(userBefore.subtract(p.chain.balance(p.user))).isEqualTo(open("1.14"));
  }

  @Test
  void settlementBeforeTheChallengeWindowEndsIsRefused() {
    BigInteger model = p.deployedModel(open("1"));
    BigInteger id = p.request(model, open("1.14"));
    p.result(id);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.CLAIM, id);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id, p.proof(id, model, List.of(alice), List.of(BigInteger.ONE)));
    Object before = p.chain.host.snapshot();
    CallResult r = p.chain.send(bob, Addresses.INFERENCE, Inference.SETTLE, id);
    assertThat(Inference.PROOF_NOT_FINAL.decode(r.output())).containsExactly(id);
    assertThat(p.chain.host.snapshot()).isEqualTo(before);
  }

  @Test
  void settlementWithoutAVerifiedProofIsRefused() {
    BigInteger model = p.deployedModel(open("1"));
    BigInteger id = p.request(model, open("1.14"));
    p.result(id);
    assertThat(Inference.PROOF_NOT_FINAL.matches(p.chain.send(bob, Addresses.INFERENCE, Inference.SETTLE, id).output())).isTrue();
  }

  @Test
  void aSettledRequestCannotBeSettledTwice() {
    BigInteger model = p.deployedModel(open("1"));
    BigInteger id = p.request(model, open("1.14"));
    p.result(id);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.CLAIM, id);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id, p.proof(id, model, List.of(alice), List.of(BigInteger.ONE)));
    p.chain.advance(301);
    p.chain.ok(bob, Addresses.INFERENCE, Inference.SETTLE, id);
    CallResult again = p.chain.send(bob, Addresses.INFERENCE, Inference.SETTLE, id);
    assertThat(Inference.WRONG_STATE.decode(again.output())).containsExactly(id, BigInteger.valueOf(Inference.SETTLED));
  }

  @Test
  void withoutAProofSystemNoProofIsAcceptedSoNoContributorIsPaid() {
    Protocol unproven = new Protocol(Provers.UNAVAILABLE);
    BigInteger model = unproven.deployedModel(open("1"));
    BigInteger id = unproven.request(model, open("1.14"));
    unproven.result(id);
    unproven.chain.ok(unproven.prover, Addresses.PROVERS, Provers.CLAIM, id);
    CallResult r = unproven.chain.send(unproven.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id,
        unproven.proof(id, model, List.of(alice), List.of(BigInteger.ONE)));
    assertThat(Provers.PROOF_SYSTEM_UNAVAILABLE.matches(r.output())).isTrue();
  }

  @Test
  void anExpiredUnprovenRequestIsRefundedInFull() {
    BigInteger model = p.deployedModel(open("1"));
    BigInteger userBefore = p.chain.balance(p.user);
    BigInteger id = p.request(model, open("1.5"));
    p.result(id);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.CLAIM, id);
    CallResult early = p.chain.send(bob, Addresses.INFERENCE, Inference.REFUND, id);
    assertThat(Inference.NOT_EXPIRED.matches(early.output())).isTrue();
    p.chain.advance(Inference.REQUEST_TIMEOUT.defaultValue().longValueExact() + 1);
    p.chain.ok(bob, Addresses.INFERENCE, Inference.REFUND, id);
    assertThat(p.chain.balance(p.user)).isEqualTo(userBefore);
    assertThat(p.chain.view(Addresses.PROVERS, Provers.BOND_OF, p.prover)).asList().element(1).isEqualTo(BigInteger.ZERO);
  }

  @Test
  void aProofBoundToAnotherRequestIsRefused() {
    BigInteger model = p.deployedModel(open("1"));
    BigInteger first = p.request(model, open("1.14"));
    BigInteger second = p.request(model, open("1.14"));
    p.result(first);
    p.result(second);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.CLAIM, second);
    CallResult r = p.chain.send(p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, second,
        p.proof(first, model, List.of(alice), List.of(BigInteger.ONE)));
    assertThat(r.status()).isEqualTo(CallResult.Status.REVERT);
    assertThat(p.chain.describe(Addresses.PROVERS, r)).isNotEmpty();
  }

  @Test
  void aFeeParameterChangeLeavesAPendingRequestOnItsSnapshot() {
    BigInteger model = p.deployedModel(open("1"));
    BigInteger id = p.request(model, open("1.14"));
    p.chain.ok(Addresses.TIMELOCK, Addresses.INFERENCE, Inference.SET_PLATFORM_FEE, open("0.9"));
    p.result(id);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.CLAIM, id);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id, p.proof(id, model, List.of(alice), List.of(BigInteger.ONE)));
    p.chain.advance(301);
    BigInteger userBefore = p.chain.balance(p.user);
    p.chain.ok(bob, Addresses.INFERENCE, Inference.SETTLE, id);
    assertThat(p.chain.balance(p.user)).isEqualTo(userBefore); // charged 1.14 as snapshotted, nothing to refund
    assertThat(p.chain.balance(alice)).isEqualTo(open("0.128"));
  }

  @Test
  void aWonChallengeSlashesTheProverAndReopensTheRequest() {
    BigInteger model = p.deployedModel(open("1"));
    BigInteger id = p.request(model, open("1.14"));
    p.result(id);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.CLAIM, id);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id, p.proof(id, model, List.of(alice), List.of(BigInteger.ONE)));
    p.chain.fund(bob, open("5"));
    p.chain.ok(bob, Addresses.PROVERS, open("1"), Provers.CHALLENGE, id, Protocol.root("evidence"));
    p.chain.advance(301);
    assertThat(Inference.PROOF_NOT_FINAL.matches(p.chain.send(bob, Addresses.INFERENCE, Inference.SETTLE, id).output())).isTrue();
    BigInteger bobBefore = p.chain.balance(bob);
    p.chain.ok(Addresses.TIMELOCK, Addresses.PROVERS, Provers.RESOLVE_CHALLENGE, id, true);
    // locked = 2 x max fee 1.14 = 2.28; half to the challenger, plus its bond back
    assertThat(p.chain.balance(bob).subtract(bobBefore)).isEqualTo(open("1").add(open("1.14")));
    assertThat(p.chain.view(Addresses.PROVERS, Provers.BOND_OF, p.prover)).asList().element(0).isEqualTo(open("97.72"));
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.CLAIM, id); // reopened
    assertThat(p.chain.totalBalances()).isEqualTo(p.chain.supply());
  }

  @Test
  void aSettlementLaterThanTheWarmUpSendsTheStakersPartToTheTreasury() {
    // stake added after the request could have warmed up by then, so no staker earns from it
    BigInteger model = p.deployedModel(open("1"));
    BigInteger position = p.stakeAndActivate(p.staker, model, open("10"));
    BigInteger id = p.request(model, open("1.14"));
    p.result(id);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.CLAIM, id);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id, p.proof(id, model, List.of(alice), List.of(BigInteger.ONE)));
    p.chain.advance(Staking.WARMUP_BLOCKS.defaultValue().longValueExact());
    BigInteger treasuryBefore = p.chain.balance(Addresses.TREASURY);
    p.chain.ok(bob, Addresses.INFERENCE, Inference.SETTLE, id);
    assertThat(p.chain.view(Addresses.STAKING, Staking.PENDING_REWARDS, position)).isEqualTo(BigInteger.ZERO);
    assertThat(p.chain.balance(Addresses.TREASURY).subtract(treasuryBefore)).isEqualTo(open("0.25").add(open("0.064")));
  }

  @Test
  void onlyTheRegisteredHostPostsResults() {
    BigInteger model = p.deployedModel(open("1"));
    BigInteger id = p.request(model, open("1.14"));
    CallResult r = p.chain.send(p.user, Addresses.INFERENCE, Inference.SUBMIT_RESULT, id, Protocol.root("o"), BigInteger.valueOf(240));
    assertThat(Inference.NOT_HOST.decode(r.output())).containsExactly(p.user, p.owner);
  }

  @Test
  void anEscrowBelowTheMaximumFeeIsRefused() {
    BigInteger model = p.deployedModel(open("1"));
    CallResult r = p.chain.send(p.user, Addresses.INFERENCE, open("1.13"), Inference.REQUEST_FN, model, BigInteger.ONE,
        Protocol.root("input"), BigInteger.valueOf(400), BigInteger.valueOf(240));
    assertThat(Inference.INSUFFICIENT_ESCROW.decode(r.output())).containsExactly(open("1.13"), open("1.14"));
  }

  @Test
  void tokenCountsOtherThanAClassifiersFixedOnesAreRefused() {
    BigInteger model = p.deployedModel(open("1"));
    CallResult r = p.chain.send(p.user, Addresses.INFERENCE, open("2"), Inference.REQUEST_FN, model, BigInteger.ONE,
        Protocol.root("input"), BigInteger.valueOf(10), BigInteger.valueOf(240));
    assertThat(Inference.TOKEN_COUNTS.decode(r.output())).containsExactly(BigInteger.valueOf(400), BigInteger.valueOf(240));
  }

  @Test
  void theInterfaceCompilesWithSolcToTheSameAbi() throws Exception {
    org.openledger.precompiles.contract.SolcAbiCheck.assertAbiMatchesSolc(Inference.SPEC);
    org.openledger.precompiles.contract.SolcAbiCheck.assertAbiMatchesSolc(Provers.SPEC);
  }
}

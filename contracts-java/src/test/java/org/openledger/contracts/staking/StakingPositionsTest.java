package org.openledger.contracts.staking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.staking.StakingChain.ALICE;
import static org.openledger.contracts.staking.StakingChain.BOB;
import static org.openledger.contracts.staking.StakingChain.CAROL;
import static org.openledger.contracts.staking.StakingChain.FUNDS;
import static org.openledger.contracts.staking.StakingChain.GOVERNANCE;
import static org.openledger.contracts.staking.StakingChain.MODEL;
import static org.openledger.contracts.staking.StakingChain.OPEN;
import static org.openledger.contracts.staking.StakingChain.STAKING;
import static org.openledger.contracts.staking.StakingChain.TIMELOCK;
import static org.openledger.contracts.staking.StakingChain.UNBONDING;
import static org.openledger.contracts.staking.StakingChain.WARMUP;
import static org.openledger.contracts.staking.StakingChain.open;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.staking.StakingChain.PositionView;
import org.openledger.precompiles.Address;

/** Opening, warming up, activating, unbonding and withdrawing positions. */
class StakingPositionsTest {
  final StakingChain s = new StakingChain();

  // ------------------------------------------------------------------ stake

  @Test
  void stakingOpensAWarmingPositionBehindTheModel() {
    long at = s.block();
    BigInteger id = s.stake(ALICE, MODEL, open("5"));

    assertThat(id).isEqualTo(BigInteger.ONE);
    assertThat(s.position(id)).isEqualTo(new PositionView(ALICE, MODEL, open("5"), Staking.WARMING, at, at + WARMUP, 0));
    assertThat(s.positionsOf(ALICE)).containsExactly(id);
    assertThat(s.balance(STAKING)).isEqualTo(open("5"));
    assertThat(s.balance(ALICE)).isEqualTo(FUNDS.subtract(open("5")));
    assertThat(s.uint(Staking.TOTAL_PRINCIPAL_FN)).isEqualTo(open("5"));
    assertThat(s.activeStake(MODEL)).as("warming stake is not active").isZero();
    assertThat(s.chain.host.logs()).contains(Staking.STAKED.toLog(STAKING, id, ALICE, MODEL, open("5"), BigInteger.valueOf(at + WARMUP)));
  }

  @Test
  void governanceOnlyStakeIsActiveAtOnceAndSitsInNoModelsPool() {
    long at = s.block();
    BigInteger id = s.stake(ALICE, GOVERNANCE, open("5"));

    assertThat(s.position(id)).isEqualTo(new PositionView(ALICE, GOVERNANCE, open("5"), Staking.ACTIVE, at, at, 0));
    assertThat(s.activeStake(GOVERNANCE)).isZero();
    assertThat(s.votes(ALICE)).isEqualTo(open("5"));
  }

  @Test
  void positionIdsCountUpFromOneAndAreNeverReused() {
    BigInteger first = s.stake(ALICE, GOVERNANCE, OPEN);
    s.ok(ALICE, Staking.UNBOND, first);
    s.advance(UNBONDING);
    s.ok(ALICE, Staking.WITHDRAW, first);

    assertThat(s.stake(BOB, MODEL, OPEN)).isEqualTo(BigInteger.TWO);
    assertThat(s.stake(ALICE, MODEL, OPEN)).isEqualTo(BigInteger.valueOf(3));
  }

  @Test
  void stakingNothingReverts() {
    s.reverts(Staking.ZERO_AMOUNT, List.of(), ALICE, BigInteger.ZERO, Staking.STAKE, MODEL);
  }

  @Test
  void stakingBelowTheMinimumReverts() {
    BigInteger tooLittle = OPEN.subtract(BigInteger.ONE);
    s.reverts(Staking.STAKE_BELOW_MINIMUM, List.of(tooLittle, OPEN), ALICE, tooLittle, Staking.STAKE, MODEL);
    assertThat(s.stake(ALICE, MODEL, OPEN)).as("exactly the minimum is enough").isEqualTo(BigInteger.ONE);
  }

  @Test
  void anOwnerHoldsAtMost64OpenPositions() {
    List<BigInteger> ids = new ArrayList<>();
    for (int i = 0; i < Staking.MAX_POSITIONS_PER_OWNER; i++) ids.add(s.stake(ALICE, GOVERNANCE, OPEN));
    s.reverts(Staking.TOO_MANY_POSITIONS, List.of(ALICE, BigInteger.valueOf(64)), ALICE, OPEN, Staking.STAKE, MODEL);
    assertThat(s.stake(BOB, MODEL, OPEN)).as("the cap is per owner").isNotNull();

    s.ok(ALICE, Staking.UNBOND, ids.get(10));
    s.advance(UNBONDING);
    s.ok(ALICE, Staking.WITHDRAW, ids.get(10));
    assertThat(s.stake(ALICE, MODEL, OPEN)).as("a withdrawn position frees a place").isNotNull();
  }

  @Test
  void aStakeTooLargeForAVoteCheckpointReverts() {
    BigInteger huge = BigInteger.ONE.shiftLeft(Staking.VALUE_BITS);
    s.chain.fund(CAROL, huge);
    s.reverts(Staking.SAFE_CAST_OVERFLOW, List.of(BigInteger.valueOf(208), huge), CAROL, huge, Staking.STAKE, MODEL);
  }

  @Test
  void stakingAfterBlock2To48RevertsAsItsCheckpointWouldOverflow() {
    long beyond = 1L << Staking.KEY_BITS;
    s.chain.host.setBlockNumber(beyond);
    s.reverts(Staking.SAFE_CAST_OVERFLOW, List.of(BigInteger.valueOf(48), BigInteger.valueOf(beyond)), ALICE, OPEN, Staking.STAKE, MODEL);
  }

  // ------------------------------------------------------------------ activate

  @Test
  void activatingBeforeTheWarmupIsOverReverts() {
    long at = s.block();
    BigInteger id = s.stake(ALICE, MODEL, OPEN);
    s.advance(WARMUP - 1);
    s.reverts(Staking.WARMUP_NOT_OVER, List.of(id, BigInteger.valueOf(at + WARMUP)), ALICE, Staking.ACTIVATE, id);
  }

  @Test
  void anyoneMayActivateAWarmedUpPosition() {
    BigInteger id = s.stake(ALICE, MODEL, open("3"));
    s.advance(WARMUP);
    s.ok(BOB, Staking.ACTIVATE, id);

    assertThat(s.position(id).status()).isEqualTo(Staking.ACTIVE);
    assertThat(s.activeStake(MODEL)).isEqualTo(open("3"));
    assertThat(s.chain.host.logs()).contains(Staking.ACTIVATED.toLog(STAKING, id, MODEL, open("3")));
  }

  @Test
  void activatingAnActiveOrGovernancePositionReverts() {
    BigInteger id = s.stakeActive(ALICE, MODEL, OPEN);
    s.reverts(Staking.WRONG_POSITION_STATUS, List.of(id, BigInteger.TWO), ALICE, Staking.ACTIVATE, id);
    BigInteger gov = s.stake(ALICE, GOVERNANCE, OPEN);
    s.reverts(Staking.WRONG_POSITION_STATUS, List.of(gov, BigInteger.TWO), ALICE, Staking.ACTIVATE, gov);
  }

  @Test
  void activatingAnUnbondingPositionReverts() {
    BigInteger id = s.stake(ALICE, MODEL, OPEN);
    s.ok(ALICE, Staking.UNBOND, id);
    s.advance(WARMUP);
    s.reverts(Staking.WRONG_POSITION_STATUS, List.of(id, BigInteger.valueOf(3)), BOB, Staking.ACTIVATE, id);
  }

  @Test
  void everyPositionFunctionRevertsOnAnUnknownId() {
    s.stake(ALICE, MODEL, OPEN);
    for (BigInteger unknown : List.of(BigInteger.ZERO, BigInteger.TWO, BigInteger.ONE.shiftLeft(255))) {
      s.reverts(Staking.UNKNOWN_POSITION, List.of(unknown), ALICE, Staking.ACTIVATE, unknown);
      s.reverts(Staking.UNKNOWN_POSITION, List.of(unknown), ALICE, Staking.UNBOND, unknown);
      s.reverts(Staking.UNKNOWN_POSITION, List.of(unknown), ALICE, Staking.WITHDRAW, unknown);
      s.reverts(Staking.UNKNOWN_POSITION, List.of(unknown), ALICE, Staking.CLAIM, unknown);
      s.reverts(Staking.UNKNOWN_POSITION, List.of(unknown), TIMELOCK, Staking.SLASH, unknown, OPEN);
    }
  }

  @Test
  void theWarmupIsFixedWhenStaking() {
    long at = s.block();
    BigInteger early = s.stake(ALICE, MODEL, OPEN);
    s.ok(TIMELOCK, Staking.SET_WARMUP_BLOCKS, BigInteger.TEN);
    BigInteger late = s.stake(BOB, MODEL, OPEN);

    assertThat(s.position(early).activatableAt()).isEqualTo(at + WARMUP);
    assertThat(s.position(late).activatableAt()).isEqualTo(at + 10);
    s.advance(10);
    s.ok(BOB, Staking.ACTIVATE, late);
    s.reverts(Staking.WARMUP_NOT_OVER, List.of(early, BigInteger.valueOf(at + WARMUP)), ALICE, Staking.ACTIVATE, early);
  }

  // ------------------------------------------------------------------ unbond

  @Test
  void unbondingLeavesTheActiveStakeAndTheVotesAtOnce() {
    BigInteger id = s.stakeActive(ALICE, MODEL, open("4"));
    long at = s.block();
    s.ok(ALICE, Staking.UNBOND, id);

    assertThat(s.position(id).status()).isEqualTo(Staking.UNBONDING);
    assertThat(s.position(id).withdrawableAt()).isEqualTo(at + UNBONDING);
    assertThat(s.activeStake(MODEL)).isZero();
    assertThat(s.votes(ALICE)).isZero();
    assertThat(s.uint(Staking.TOTAL_BONDED)).isZero();
    assertThat(s.uint(Staking.TOTAL_PRINCIPAL_FN)).as("the principal is still held").isEqualTo(open("4"));
    assertThat(s.chain.host.logs()).contains(Staking.UNBONDING_STARTED.toLog(STAKING, id, ALICE, open("4"), BigInteger.valueOf(at + UNBONDING)));
  }

  @Test
  void aWarmingPositionCanUnbond() {
    BigInteger id = s.stake(ALICE, MODEL, OPEN);
    s.ok(ALICE, Staking.UNBOND, id);
    assertThat(s.position(id).status()).isEqualTo(Staking.UNBONDING);
    assertThat(s.activeStake(MODEL)).isZero();
  }

  @Test
  void unbondingTwiceReverts() {
    BigInteger id = s.stake(ALICE, MODEL, OPEN);
    s.ok(ALICE, Staking.UNBOND, id);
    s.reverts(Staking.WRONG_POSITION_STATUS, List.of(id, BigInteger.valueOf(3)), ALICE, Staking.UNBOND, id);
  }

  @Test
  void onlyTheOwnerMayUnbond() {
    BigInteger id = s.stake(ALICE, MODEL, OPEN);
    s.reverts(Staking.NOT_POSITION_OWNER, List.of(id, BOB, ALICE), BOB, Staking.UNBOND, id);
  }

  @Test
  void theUnbondingDelayIsFixedWhenUnbonding() {
    BigInteger id = s.stake(ALICE, MODEL, OPEN);
    long at = s.block();
    s.ok(ALICE, Staking.UNBOND, id);
    s.ok(TIMELOCK, Staking.SET_UNBONDING_BLOCKS, BigInteger.ONE);
    s.advance(1);
    s.reverts(Staking.UNBONDING_NOT_OVER, List.of(id, BigInteger.valueOf(at + UNBONDING)), ALICE, Staking.WITHDRAW, id);
  }

  // ------------------------------------------------------------------ withdraw

  @Test
  void withdrawingBeforeTheUnbondingDelayReverts() {
    BigInteger id = s.stake(ALICE, MODEL, OPEN);
    long at = s.block();
    s.ok(ALICE, Staking.UNBOND, id);
    s.advance(UNBONDING - 1);
    s.reverts(Staking.UNBONDING_NOT_OVER, List.of(id, BigInteger.valueOf(at + UNBONDING)), ALICE, Staking.WITHDRAW, id);
  }

  @Test
  void withdrawingABondedPositionReverts() {
    BigInteger warming = s.stake(ALICE, MODEL, OPEN);
    BigInteger active = s.stake(ALICE, GOVERNANCE, OPEN);
    s.reverts(Staking.WRONG_POSITION_STATUS, List.of(warming, BigInteger.ONE), ALICE, Staking.WITHDRAW, warming);
    s.reverts(Staking.WRONG_POSITION_STATUS, List.of(active, BigInteger.TWO), ALICE, Staking.WITHDRAW, active);
  }

  @Test
  void withdrawingPaysThePrincipalBackAndClosesThePosition() {
    BigInteger id = s.stake(ALICE, MODEL, open("2"));
    s.ok(ALICE, Staking.UNBOND, id);
    s.advance(UNBONDING);
    @SuppressWarnings("unchecked")
    List<BigInteger> out = (List<BigInteger>) s.ok(ALICE, Staking.WITHDRAW, id);

    assertThat(out).containsExactly(open("2"), BigInteger.ZERO);
    assertThat(s.balance(ALICE)).isEqualTo(FUNDS);
    assertThat(s.balance(STAKING)).isZero();
    assertThat(s.position(id).status()).isEqualTo(Staking.WITHDRAWN);
    assertThat(s.position(id).amount()).as("kept as a record").isEqualTo(open("2"));
    assertThat(s.positionsOf(ALICE)).isEmpty();
    assertThat(s.uint(Staking.TOTAL_PRINCIPAL_FN)).isZero();
    assertThat(s.chain.host.logs()).contains(Staking.WITHDRAWN_EVENT.toLog(STAKING, id, ALICE, open("2")));
    s.reverts(Staking.WRONG_POSITION_STATUS, List.of(id, BigInteger.valueOf(4)), ALICE, Staking.WITHDRAW, id);
  }

  @Test
  void onlyTheOwnerMayWithdraw() {
    BigInteger id = s.stake(ALICE, MODEL, OPEN);
    s.ok(ALICE, Staking.UNBOND, id);
    s.advance(UNBONDING);
    s.reverts(Staking.NOT_POSITION_OWNER, List.of(id, BOB, ALICE), BOB, Staking.WITHDRAW, id);
  }

  @Test
  void withdrawingFromTheMiddleOfTheOwnersListKeepsTheOthers() {
    BigInteger a = s.stake(ALICE, MODEL, OPEN);
    BigInteger b = s.stake(ALICE, MODEL, OPEN);
    BigInteger c = s.stake(ALICE, GOVERNANCE, OPEN);
    s.ok(ALICE, Staking.UNBOND, a);
    s.advance(UNBONDING);
    s.ok(ALICE, Staking.WITHDRAW, a);
    assertThat(s.positionsOf(ALICE)).containsExactlyInAnyOrder(b, c);

    // the moved position is still found at its new place
    s.ok(ALICE, Staking.UNBOND, c);
    s.advance(UNBONDING);
    s.ok(ALICE, Staking.WITHDRAW, c);
    assertThat(s.positionsOf(ALICE)).containsExactly(b);
  }

  @Test
  void aFullySlashedPositionCanStillBeClosed() {
    BigInteger id = s.stake(ALICE, MODEL, OPEN);
    s.ok(TIMELOCK, Staking.SLASH, id, OPEN);
    s.ok(ALICE, Staking.UNBOND, id);
    s.advance(UNBONDING);
    @SuppressWarnings("unchecked")
    List<BigInteger> out = (List<BigInteger>) s.ok(ALICE, Staking.WITHDRAW, id);
    assertThat(out).containsExactly(BigInteger.ZERO, BigInteger.ZERO);
    assertThat(s.positionsOf(ALICE)).isEmpty();
    s.assertSolvent();
  }

  @Test
  void positionsOfListsOnlyTheOwnersOpenPositions() {
    BigInteger a = s.stake(ALICE, MODEL, OPEN);
    BigInteger b = s.stake(BOB, MODEL, OPEN);
    assertThat(s.positionsOf(ALICE)).containsExactly(a);
    assertThat(s.positionsOf(BOB)).containsExactly(b);
    assertThat(s.positionsOf(Address.of(0x1234))).isEmpty();
  }
}

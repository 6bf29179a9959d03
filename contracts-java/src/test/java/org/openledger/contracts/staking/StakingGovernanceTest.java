package org.openledger.contracts.staking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.staking.StakingChain.ALICE;
import static org.openledger.contracts.staking.StakingChain.BOB;
import static org.openledger.contracts.staking.StakingChain.FUNDS;
import static org.openledger.contracts.staking.StakingChain.GOVERNANCE;
import static org.openledger.contracts.staking.StakingChain.MODEL;
import static org.openledger.contracts.staking.StakingChain.OPEN;
import static org.openledger.contracts.staking.StakingChain.STAKING;
import static org.openledger.contracts.staking.StakingChain.TIMELOCK;
import static org.openledger.contracts.staking.StakingChain.TREASURY;
import static org.openledger.contracts.staking.StakingChain.UNBONDING;
import static org.openledger.contracts.staking.StakingChain.open;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.host.CallResult;

/** Slashing and parameters: the Timelock's functions. */
class StakingGovernanceTest {
  final StakingChain s = new StakingChain();

  // ------------------------------------------------------------------ slash

  @Test
  void slashingAnActivePositionSendsThePrincipalToTheTreasuryAndShrinksTheActiveStake() {
    BigInteger id = s.stakeActive(ALICE, MODEL, open("5"));
    CallResult r = s.send(TIMELOCK, Staking.SLASH, id, open("2"));

    assertThat(r.isSuccess()).isTrue();
    assertThat(s.balance(TREASURY)).isEqualTo(FUNDS.add(open("2")));
    assertThat(s.position(id).amount()).isEqualTo(open("3"));
    assertThat(s.activeStake(MODEL)).isEqualTo(open("3"));
    assertThat(s.uint(Staking.TOTAL_PRINCIPAL_FN)).isEqualTo(open("3"));
    assertThat(r.logs()).contains(Staking.SLASHED.toLog(STAKING, id, ALICE, open("2")));
    s.assertSolvent();
  }

  @Test
  void slashingSettlesTheRewardsEarnedBeforeIt() {
    BigInteger a = s.stakeActive(ALICE, MODEL, open("1"));
    BigInteger b = s.stakeActive(BOB, MODEL, open("1"));
    s.distribute(MODEL, open("2"));
    s.ok(TIMELOCK, Staking.SLASH, a, open("0.5"));
    s.distribute(MODEL, open("3"));

    assertThat(s.pending(a)).as("1 before, then a third of 3").isEqualTo(open("2"));
    assertThat(s.pending(b)).isEqualTo(open("3"));
    s.assertSolvent();
  }

  @Test
  void aWarmingPositionIsSlashable() {
    BigInteger id = s.stake(ALICE, MODEL, open("5"));
    s.ok(TIMELOCK, Staking.SLASH, id, open("5"));
    assertThat(s.position(id).amount()).isZero();
    assertThat(s.votes(ALICE)).isZero();
    s.assertSolvent();
  }

  @Test
  void anUnbondingPositionStaysSlashableUntilWithdrawn() {
    BigInteger id = s.stakeActive(ALICE, MODEL, open("5"));
    s.ok(ALICE, Staking.UNBOND, id);
    s.advance(UNBONDING);
    s.ok(TIMELOCK, Staking.SLASH, id, open("1"));
    assertThat(s.votes(ALICE)).as("unbonding stake had no votes to lose").isZero();
    @SuppressWarnings("unchecked")
    List<BigInteger> out = (List<BigInteger>) s.ok(ALICE, Staking.WITHDRAW, id);
    assertThat(out.get(0)).isEqualTo(open("4"));
    s.reverts(Staking.WRONG_POSITION_STATUS, List.of(id, BigInteger.valueOf(4)), TIMELOCK, Staking.SLASH, id, open("1"));
  }

  @Test
  void slashingMoreThanTheStakeReverts() {
    BigInteger id = s.stake(ALICE, GOVERNANCE, open("5"));
    BigInteger tooMuch = open("5").add(BigInteger.ONE);
    s.reverts(Staking.SLASH_EXCEEDS_STAKE, List.of(id, tooMuch, open("5")), TIMELOCK, Staking.SLASH, id, tooMuch);
    BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    s.reverts(Staking.SLASH_EXCEEDS_STAKE, List.of(id, max, open("5")), TIMELOCK, Staking.SLASH, id, max);
  }

  @Test
  void slashingNothingReverts() {
    BigInteger id = s.stake(ALICE, GOVERNANCE, open("5"));
    s.reverts(Staking.ZERO_AMOUNT, List.of(), TIMELOCK, Staking.SLASH, id, BigInteger.ZERO);
  }

  @Test
  void onlyTheTimelockMaySlash() {
    BigInteger id = s.stake(ALICE, GOVERNANCE, open("5"));
    s.reverts(Staking.UNAUTHORIZED_CALLER, List.of(BOB, TIMELOCK), BOB, Staking.SLASH, id, OPEN);
  }

  // ------------------------------------------------------------------ parameters

  @Test
  void parametersReadAsTheirDocumentedDefaultsUntilSet() {
    assertThat(s.uint(Staking.MIN_STAKE_FN)).isEqualTo(OPEN);
    assertThat(s.uint(Staking.WARMUP_BLOCKS_FN)).isEqualTo(BigInteger.valueOf(7_200));
    assertThat(s.uint(Staking.UNBONDING_BLOCKS_FN)).isEqualTo(BigInteger.valueOf(50_400));
  }

  @Test
  void theTimelockSetsEachParameterAndAnEventRecordsIt() {
    assertSets(Staking.SET_MIN_STAKE, Staking.MIN_STAKE_FN, "minStake", OPEN, open("10"));
    assertSets(Staking.SET_WARMUP_BLOCKS, Staking.WARMUP_BLOCKS_FN, "warmupBlocks", BigInteger.valueOf(7_200), BigInteger.valueOf(100));
    assertSets(Staking.SET_UNBONDING_BLOCKS, Staking.UNBONDING_BLOCKS_FN, "unbondingBlocks", BigInteger.valueOf(50_400), BigInteger.valueOf(200));
  }

  private void assertSets(FunctionSpec setter, FunctionSpec getter, String name, BigInteger old, BigInteger value) {
    CallResult r = s.send(TIMELOCK, setter, value);
    assertThat(r.isSuccess()).as(s.chain.describe(STAKING, r)).isTrue();
    assertThat(s.uint(getter)).isEqualTo(value);
    assertThat(r.logs()).containsExactly(Staking.PARAMETER_CHANGED.toLog(STAKING, Staking.asciiName(name), old, value));
  }

  @Test
  void aRaisedMinimumAppliesToNewStakeOnly() {
    BigInteger id = s.stake(ALICE, GOVERNANCE, OPEN);
    s.ok(TIMELOCK, Staking.SET_MIN_STAKE, open("2"));
    s.reverts(Staking.STAKE_BELOW_MINIMUM, List.of(OPEN, open("2")), BOB, OPEN, Staking.STAKE, GOVERNANCE);
    assertThat(s.position(id).amount()).isEqualTo(OPEN);
  }

  @Test
  void parametersOutsideTheirRangeRevert() {
    BigInteger uint32Max = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    BigInteger uint208Max = BigInteger.ONE.shiftLeft(208).subtract(BigInteger.ONE);
    outOfRange(Staking.SET_MIN_STAKE, "minStake", BigInteger.ZERO, uint208Max);
    outOfRange(Staking.SET_MIN_STAKE, "minStake", uint208Max.add(BigInteger.ONE), uint208Max);
    outOfRange(Staking.SET_WARMUP_BLOCKS, "warmupBlocks", BigInteger.ZERO, uint32Max);
    outOfRange(Staking.SET_WARMUP_BLOCKS, "warmupBlocks", uint32Max.add(BigInteger.ONE), uint32Max);
    outOfRange(Staking.SET_UNBONDING_BLOCKS, "unbondingBlocks", BigInteger.ZERO, uint32Max);
    outOfRange(Staking.SET_UNBONDING_BLOCKS, "unbondingBlocks", BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE), uint32Max);
    // the bounds themselves are accepted
    s.ok(TIMELOCK, Staking.SET_WARMUP_BLOCKS, uint32Max);
    s.ok(TIMELOCK, Staking.SET_UNBONDING_BLOCKS, BigInteger.ONE);
    s.ok(TIMELOCK, Staking.SET_MIN_STAKE, uint208Max);
  }

  private void outOfRange(FunctionSpec setter, String name, BigInteger value, BigInteger max) {
    s.reverts(Staking.PARAMETER_OUT_OF_RANGE, List.of(Staking.asciiName(name), value, BigInteger.ONE, max), TIMELOCK, setter, value);
  }

  @Test
  void onlyTheTimelockSetsParameters() {
    s.reverts(Staking.UNAUTHORIZED_CALLER, List.of(ALICE, TIMELOCK), ALICE, Staking.SET_MIN_STAKE, BigInteger.TEN);
  }
}

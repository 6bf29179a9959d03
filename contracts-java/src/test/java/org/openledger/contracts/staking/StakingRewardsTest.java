package org.openledger.contracts.staking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.staking.StakingChain.ALICE;
import static org.openledger.contracts.staking.StakingChain.BOB;
import static org.openledger.contracts.staking.StakingChain.CAROL;
import static org.openledger.contracts.staking.StakingChain.FUNDS;
import static org.openledger.contracts.staking.StakingChain.GOVERNANCE;
import static org.openledger.contracts.staking.StakingChain.INFERENCE;
import static org.openledger.contracts.staking.StakingChain.MODEL;
import static org.openledger.contracts.staking.StakingChain.OPEN;
import static org.openledger.contracts.staking.StakingChain.OTHER_MODEL;
import static org.openledger.contracts.staking.StakingChain.STAKING;
import static org.openledger.contracts.staking.StakingChain.TIMELOCK;
import static org.openledger.contracts.staking.StakingChain.TREASURY;
import static org.openledger.contracts.staking.StakingChain.UNBONDING;
import static org.openledger.contracts.staking.StakingChain.WARMUP;
import static org.openledger.contracts.staking.StakingChain.open;
import static org.openledger.contracts.staking.StakingChain.wei;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openledger.precompiles.host.CallResult;

/** Distribution through the reward-per-share accumulator, claims, warm-up and rounding. */
class StakingRewardsTest {
  final StakingChain s = new StakingChain();

  @Test
  void aDistributionIsSharedProRataOverTheActiveStake() {
    BigInteger a = s.stakeActive(ALICE, MODEL, open("1"));
    BigInteger b = s.stakeActive(BOB, MODEL, open("3"));
    s.distribute(MODEL, open("4"));

    assertThat(s.pending(a)).isEqualTo(open("1"));
    assertThat(s.pending(b)).isEqualTo(open("3"));
    s.assertSolvent();
  }

  @Test
  void theWorkedExamplesStakerShareReachesTheStakersExactly() {
    // DESIGN §4: fee 1.14 OPEN, platform fee 0.50 → stakers 0.064 OPEN
    BigInteger a = s.stakeActive(ALICE, MODEL, open("100"));
    BigInteger b = s.stakeActive(BOB, MODEL, open("300"));
    s.distribute(MODEL, open("0.064"));

    assertThat(s.claim(ALICE, a)).isEqualTo(open("0.016"));
    assertThat(s.claim(BOB, b)).isEqualTo(open("0.048"));
    assertThat(s.balance(TREASURY)).isEqualTo(FUNDS);
  }

  @Test
  void warmingStakeEarnsNothing() {
    BigInteger active = s.stakeActive(ALICE, MODEL, open("1"));
    BigInteger warming = s.stake(BOB, MODEL, open("1"));
    s.distribute(MODEL, open("2"));

    assertThat(s.pending(active)).isEqualTo(open("2"));
    assertThat(s.pending(warming)).isZero();
  }

  @Test
  void aWarmedUpPositionThatNobodyActivatedEarnsNothing() {
    BigInteger active = s.stakeActive(ALICE, MODEL, open("1"));
    BigInteger idle = s.stake(BOB, MODEL, open("1"));
    s.advance(WARMUP);
    s.distribute(MODEL, open("2"));

    assertThat(s.pending(active)).isEqualTo(open("2"));
    assertThat(s.pending(idle)).isZero();
  }

  @Test
  void stakeAddedAfterADistributionNeverEarnsFromIt() {
    BigInteger early = s.stakeActive(ALICE, MODEL, open("1"));
    s.distribute(MODEL, open("1"));
    BigInteger late = s.stakeActive(BOB, MODEL, open("1"));

    assertThat(s.pending(late)).isZero();
    s.distribute(MODEL, open("2"));
    assertThat(s.pending(early)).isEqualTo(open("2"));
    assertThat(s.pending(late)).isEqualTo(open("1"));
  }

  @Test
  void stakeAddedAfterARequestCannotEarnFromItsSettlementWhileTheWarmupCoversTheTimeout() {
    long requestTimeout = 3_600; // the Inference contract's default, below the 7,200-block warm-up
    BigInteger staker = s.stakeActive(ALICE, MODEL, open("1"));
    long requestBlock = s.block();
    s.advance(1);
    BigInteger latecomer = s.stake(BOB, MODEL, open("1000"));
    s.advance(requestBlock + requestTimeout - s.block());
    s.reverts(Staking.WARMUP_NOT_OVER, null, BOB, Staking.ACTIVATE, latecomer);
    s.distribute(MODEL, open("1")); // the request settles at its deadline at the latest

    assertThat(s.pending(staker)).isEqualTo(open("1"));
    assertThat(s.pending(latecomer)).isZero();
  }

  @Test
  void aModelWithNoActiveStakeSendsTheWholeDistributionToTheTreasury() {
    s.stake(ALICE, MODEL, open("1")); // still warming
    s.stakeActive(BOB, OTHER_MODEL, open("1"));
    s.distribute(MODEL, open("2"));

    assertThat(s.balance(TREASURY)).isEqualTo(FUNDS.add(open("2")));
    assertThat(s.uint(Staking.REWARD_RESERVE_FN)).isZero();
    assertThat(s.chain.host.logs()).contains(Staking.REWARDS_DISTRIBUTED.toLog(STAKING, MODEL, open("2"), BigInteger.ZERO, open("2")));
    s.assertSolvent();
  }

  @Test
  void distributionsOfOneModelNeverReachAnothersStakers() {
    BigInteger mine = s.stakeActive(ALICE, MODEL, open("1"));
    BigInteger other = s.stakeActive(BOB, OTHER_MODEL, open("1"));
    s.distribute(MODEL, open("3"));

    assertThat(s.pending(mine)).isEqualTo(open("3"));
    assertThat(s.pending(other)).isZero();
  }

  @Test
  void governanceOnlyStakeNeverEarns() {
    BigInteger gov = s.stake(ALICE, GOVERNANCE, open("10"));
    s.stakeActive(BOB, MODEL, open("1"));
    s.distribute(MODEL, open("1"));
    assertThat(s.pending(gov)).isZero();
    assertThat(s.claim(ALICE, gov)).isZero();
  }

  @Test
  void distributingNothingOrToGovernanceStakeReverts() {
    s.stakeActive(ALICE, MODEL, OPEN);
    s.reverts(Staking.ZERO_AMOUNT, List.of(), INFERENCE, BigInteger.ZERO, Staking.DISTRIBUTE, MODEL);
    s.reverts(Staking.INVALID_MODEL, List.of(GOVERNANCE), INFERENCE, OPEN, Staking.DISTRIBUTE, GOVERNANCE);
  }

  @Test
  void onlyTheInferenceContractMayDistribute() {
    s.stakeActive(ALICE, MODEL, OPEN);
    s.reverts(Staking.UNAUTHORIZED_CALLER, List.of(ALICE, INFERENCE), ALICE, OPEN, Staking.DISTRIBUTE, MODEL);
  }

  @Test
  void aDistributionThatWouldOverflowTheAccumulatorReverts() {
    s.ok(TIMELOCK, Staking.SET_MIN_STAKE, BigInteger.ONE);
    BigInteger huge = BigInteger.ONE.shiftLeft(250);
    s.chain.fund(INFERENCE, huge);
    s.stakeActive(ALICE, MODEL, BigInteger.ONE);
    s.reverts(Staking.REWARD_OVERFLOW, List.of(MODEL), INFERENCE, huge, Staking.DISTRIBUTE, MODEL);
  }

  // ------------------------------------------------------------------ claims

  @Test
  void claimingPaysTheWholeWeiAndKeepsTheFractionWithThePosition() {
    s.ok(TIMELOCK, Staking.SET_MIN_STAKE, BigInteger.ONE);
    BigInteger a = s.stakeActive(ALICE, MODEL, wei(1));
    BigInteger b = s.stakeActive(BOB, MODEL, wei(2));
    s.distribute(MODEL, wei(10)); // 3⅓ and 6⅔
    assertThat(s.claim(ALICE, a)).isEqualTo(wei(3));
    assertThat(s.claim(BOB, b)).isEqualTo(wei(6));
    s.distribute(MODEL, wei(10)); // now 6⅔ and 13⅓ in all
    assertThat(s.claim(ALICE, a)).isEqualTo(wei(3));
    assertThat(s.claim(BOB, b)).isEqualTo(wei(7));
    assertThat(s.uint(Staking.REWARD_RESERVE_FN)).as("the owed fractions, rounded up").isEqualTo(wei(1));
    s.assertSolvent();
  }

  @Test
  void claimingMovesTheRewardToTheOwnerAndEmitsAnEvent() {
    BigInteger a = s.stakeActive(ALICE, MODEL, open("1"));
    s.distribute(MODEL, open("2"));
    BigInteger before = s.balance(ALICE);
    CallResult r = s.send(ALICE, Staking.CLAIM, a);

    assertThat(Staking.CLAIM.decodeOutput(r.output())).isEqualTo(open("2"));
    assertThat(s.balance(ALICE)).isEqualTo(before.add(open("2")));
    assertThat(s.pending(a)).isZero();
    assertThat(r.logs()).contains(Staking.REWARDS_CLAIMED.toLog(STAKING, a, ALICE, open("2")));
    assertThat(s.claim(ALICE, a)).as("nothing left").isZero();
    s.assertSolvent();
  }

  @Test
  void claimingActivatesAWarmedUpPosition() {
    BigInteger a = s.stake(ALICE, MODEL, open("1"));
    s.advance(WARMUP);
    assertThat(s.claim(ALICE, a)).isZero();
    assertThat(s.position(a).status()).isEqualTo(Staking.ACTIVE);
    assertThat(s.activeStake(MODEL)).isEqualTo(open("1"));
  }

  @Test
  void claimingDoesNotActivateAPositionStillWarmingUp() {
    BigInteger a = s.stake(ALICE, MODEL, open("1"));
    s.advance(WARMUP - 1);
    assertThat(s.claim(ALICE, a)).isZero();
    assertThat(s.position(a).status()).isEqualTo(Staking.WARMING);
  }

  @Test
  void onlyTheOwnerMayClaim() {
    BigInteger a = s.stakeActive(ALICE, MODEL, open("1"));
    s.distribute(MODEL, open("1"));
    s.reverts(Staking.NOT_POSITION_OWNER, List.of(a, BOB, ALICE), BOB, Staking.CLAIM, a);
  }

  @Test
  void claimingAWithdrawnPositionReverts() {
    BigInteger a = s.stake(ALICE, MODEL, open("1"));
    s.ok(ALICE, Staking.UNBOND, a);
    s.advance(UNBONDING);
    s.ok(ALICE, Staking.WITHDRAW, a);
    s.reverts(Staking.WRONG_POSITION_STATUS, List.of(a, BigInteger.valueOf(4)), ALICE, Staking.CLAIM, a);
  }

  @Test
  void claimAllPaysEveryPositionOfTheCallerInOneTransfer() {
    BigInteger a1 = s.stakeActive(ALICE, MODEL, open("1"));
    BigInteger a2 = s.stakeActive(ALICE, OTHER_MODEL, open("1"));
    BigInteger b = s.stakeActive(BOB, MODEL, open("1"));
    BigInteger maturing = s.stake(ALICE, MODEL, open("1"));
    s.distribute(MODEL, open("2"));
    s.distribute(OTHER_MODEL, open("5"));
    s.advance(WARMUP);
    BigInteger before = s.balance(ALICE);

    assertThat(s.ok(ALICE, Staking.CLAIM_ALL)).isEqualTo(open("6"));
    assertThat(s.balance(ALICE)).isEqualTo(before.add(open("6")));
    assertThat(s.pending(a1)).isZero();
    assertThat(s.pending(a2)).isZero();
    assertThat(s.pending(b)).as("other owners are untouched").isEqualTo(open("1"));
    assertThat(s.position(maturing).status()).as("matured positions are activated").isEqualTo(Staking.ACTIVE);
    s.assertSolvent();
  }

  @Test
  void claimAllWithNothingToClaimPaysNothing() {
    assertThat(s.ok(CAROL, Staking.CLAIM_ALL)).isEqualTo(BigInteger.ZERO);
    s.stake(CAROL, MODEL, open("1"));
    assertThat(s.ok(CAROL, Staking.CLAIM_ALL)).isEqualTo(BigInteger.ZERO);
    assertThat(s.balance(CAROL)).isEqualTo(FUNDS.subtract(open("1")));
  }

  @Test
  void claimAllFitsItsDeclaredGasWithTheMaximumOfPositionsAllActivating() {
    List<BigInteger> ids = new ArrayList<>();
    for (int i = 0; i < Staking.MAX_POSITIONS_PER_OWNER; i++) ids.add(s.stake(ALICE, MODEL, OPEN));
    s.advance(WARMUP);
    CallResult r = s.send(ALICE, Staking.CLAIM_ALL);
    assertThat(r.status()).as(s.chain.describe(STAKING, r)).isEqualTo(CallResult.Status.SUCCESS);
    assertThat(s.activeStake(MODEL)).isEqualTo(OPEN.multiply(BigInteger.valueOf(64)));
  }

  @Test
  void claimAllFitsItsDeclaredGasWithTheMaximumOfPositionsAllEarning() {
    for (int i = 0; i < Staking.MAX_POSITIONS_PER_OWNER; i++) s.stake(ALICE, BigInteger.valueOf(i % 3 + 1), OPEN);
    s.advance(WARMUP);
    s.ok(ALICE, Staking.CLAIM_ALL);
    for (int m = 1; m <= 3; m++) s.distribute(BigInteger.valueOf(m), open("1"));
    CallResult r = s.send(ALICE, Staking.CLAIM_ALL);
    assertThat(r.status()).as(s.chain.describe(STAKING, r)).isEqualTo(CallResult.Status.SUCCESS);
    BigInteger paid = (BigInteger) Staking.CLAIM_ALL.decodeOutput(r.output());
    // 1 OPEN shared by 22, 21 and 21 positions: each position's share rounds down, by less than a wei
    assertThat(paid).isBetween(open("3").subtract(BigInteger.valueOf(64)), open("3"));
    s.assertSolvent();
  }

  // ------------------------------------------------------------------ unbonding and rewards

  @Test
  void unbondingSettlesTheRewardsEarnedSoFarAndEarnsNothingMore() {
    BigInteger a = s.stakeActive(ALICE, MODEL, open("1"));
    BigInteger b = s.stakeActive(BOB, MODEL, open("1"));
    s.distribute(MODEL, open("2"));
    s.ok(ALICE, Staking.UNBOND, a);
    s.distribute(MODEL, open("2"));

    assertThat(s.pending(a)).isEqualTo(open("1"));
    assertThat(s.pending(b)).isEqualTo(open("3"));
    assertThat(s.claim(ALICE, a)).as("an unbonding position's rewards can be claimed").isEqualTo(open("1"));
  }

  @Test
  void withdrawingAlsoPaysTheRewardsStillAccrued() {
    BigInteger a = s.stakeActive(ALICE, MODEL, open("1"));
    s.distribute(MODEL, open("2"));
    s.ok(ALICE, Staking.UNBOND, a);
    s.advance(UNBONDING);
    BigInteger before = s.balance(ALICE);
    @SuppressWarnings("unchecked")
    List<BigInteger> out = (List<BigInteger>) s.ok(ALICE, Staking.WITHDRAW, a);

    assertThat(out).containsExactly(open("1"), open("2"));
    assertThat(s.balance(ALICE)).isEqualTo(before.add(open("3")));
    assertThat(s.balance(STAKING)).isZero();
  }

  @Test
  void subWeiSharesAreReleasedToTheTreasuryWhenTheirPositionsClose() {
    s.ok(TIMELOCK, Staking.SET_MIN_STAKE, BigInteger.ONE);
    BigInteger a = s.stakeActive(ALICE, MODEL, wei(1));
    BigInteger b = s.stakeActive(BOB, MODEL, wei(2));
    s.distribute(MODEL, wei(1)); // ⅓ and ⅔ of a wei: the reserve keeps the whole wei
    assertThat(s.uint(Staking.REWARD_RESERVE_FN)).isEqualTo(wei(1));
    s.ok(ALICE, Staking.UNBOND, a);
    s.ok(BOB, Staking.UNBOND, b);
    s.advance(UNBONDING);
    BigInteger treasury = s.balance(TREASURY);

    s.ok(ALICE, Staking.WITHDRAW, a);
    assertThat(s.balance(TREASURY)).as("⅔ of a wei is still owed").isEqualTo(treasury);
    CallResult r = s.send(BOB, Staking.WITHDRAW, b);
    assertThat(s.balance(TREASURY)).isEqualTo(treasury.add(wei(1)));
    assertThat(r.logs()).contains(Staking.REWARD_DUST_FORFEITED.toLog(STAKING, b, wei(1)));
    assertThat(s.balance(STAKING)).isZero();
    s.assertSolvent();
  }

  @Test
  void aDistributionsRoundingWeiGoesToTheTreasuryAtOnce() {
    s.ok(TIMELOCK, Staking.SET_MIN_STAKE, BigInteger.ONE);
    BigInteger big = BigInteger.TEN.pow(30);
    s.chain.fund(BOB, big);
    s.stakeActive(ALICE, MODEL, wei(1));
    BigInteger bob = s.stakeActive(BOB, MODEL, big.subtract(BigInteger.ONE));
    s.distribute(MODEL, wei(1)); // 10^-30 wei per wei of stake: Alice is owed 10^-30 wei, Bob the rest of the wei
    s.ok(BOB, Staking.UNBOND, bob);
    s.advance(UNBONDING);
    s.ok(BOB, Staking.WITHDRAW, bob); // Bob forfeits his fraction; what stays owed is a 10^-30 wei sliver
    s.stakeActive(CAROL, OTHER_MODEL, wei(7_000_003));
    BigInteger treasury = s.balance(TREASURY);

    // 1 wei over 7,000,003 wei of stake: Carol is owed just under 1 wei, which together with Alice's
    // sliver still rounds up to the one wei the reserve already holds, so the new wei is dust
    CallResult r = s.send(INFERENCE, wei(1), Staking.DISTRIBUTE, OTHER_MODEL);
    assertThat(r.logs()).containsExactly(Staking.REWARDS_DISTRIBUTED.toLog(STAKING, OTHER_MODEL, wei(1), BigInteger.ZERO, wei(1)));
    assertThat(s.balance(TREASURY)).isEqualTo(treasury.add(wei(1)));
    assertThat(s.uint(Staking.REWARD_RESERVE_FN)).isEqualTo(wei(1));
    s.assertSolvent();
  }

  @Test
  void theReserveNeverFallsShortOfWhatIsOwed() {
    s.ok(TIMELOCK, Staking.SET_MIN_STAKE, BigInteger.ONE);
    List<BigInteger> ids = new ArrayList<>();
    for (long amount : new long[] {1, 2, 3, 7, 11}) ids.add(s.stakeActive(ALICE, MODEL, wei(amount)));
    for (long value : new long[] {1, 5, 13, 1, 2}) s.distribute(MODEL, wei(value));

    BigInteger owed = BigInteger.ZERO;
    for (BigInteger id : ids) owed = owed.add(s.pending(id));
    BigInteger reserve = s.uint(Staking.REWARD_RESERVE_FN);
    assertThat(reserve).isGreaterThanOrEqualTo(owed);
    assertThat(reserve.subtract(owed)).as("at most the positions' fractions, rounded up").isLessThanOrEqualTo(BigInteger.valueOf(ids.size()));
    assertThat(s.ok(ALICE, Staking.CLAIM_ALL)).isEqualTo(owed);
    s.assertSolvent();
  }

  @Test
  void surplusOpenIsSweptToTheTreasury() {
    s.stakeActive(ALICE, MODEL, open("1"));
    s.distribute(MODEL, open("1"));
    assertThat(s.ok(CAROL, Staking.SWEEP_SURPLUS)).as("nothing to sweep").isEqualTo(BigInteger.ZERO);

    // only a self-destruct could send OPEN here without a call; simulate it
    s.chain.host.setBalance(STAKING, s.balance(STAKING).add(wei(42)));
    BigInteger treasury = s.balance(TREASURY);
    assertThat(s.ok(CAROL, Staking.SWEEP_SURPLUS)).isEqualTo(wei(42));
    assertThat(s.balance(TREASURY)).isEqualTo(treasury.add(wei(42)));
    assertThat(s.balance(STAKING)).isEqualTo(open("2"));
  }
}

package org.openledger.contracts.staking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.staking.StakingChain.ALICE;
import static org.openledger.contracts.staking.StakingChain.BOB;
import static org.openledger.contracts.staking.StakingChain.CAROL;
import static org.openledger.contracts.staking.StakingChain.GOVERNANCE;
import static org.openledger.contracts.staking.StakingChain.MODEL;
import static org.openledger.contracts.staking.StakingChain.STAKING;
import static org.openledger.contracts.staking.StakingChain.TIMELOCK;
import static org.openledger.contracts.staking.StakingChain.UNBONDING;
import static org.openledger.contracts.staking.StakingChain.open;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.ProtocolChain;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.host.Message;

/** Voting power as ERC-5805 checkpoints of bonded stake, with delegation (self by default). */
class StakingVotesTest {
  final StakingChain s = new StakingChain();

  @Test
  void stakeVotesForItsOwnerWithoutAnyDelegation() {
    assertThat(s.view(Staking.DELEGATES, ALICE)).isEqualTo(ALICE);
    s.stake(ALICE, GOVERNANCE, open("5"));
    assertThat(s.votes(ALICE)).isEqualTo(open("5"));
    assertThat(s.uint(Staking.TOTAL_BONDED)).isEqualTo(open("5"));
  }

  @Test
  void warmingStakeVotesAndUnbondingStakeDoesNot() {
    BigInteger warming = s.stake(ALICE, MODEL, open("2"));
    BigInteger other = s.stake(ALICE, GOVERNANCE, open("3"));
    assertThat(s.votes(ALICE)).isEqualTo(open("5"));

    s.ok(ALICE, Staking.UNBOND, warming);
    assertThat(s.votes(ALICE)).isEqualTo(open("3"));
    s.ok(ALICE, Staking.UNBOND, other);
    assertThat(s.votes(ALICE)).isZero();
    assertThat(s.uint(Staking.TOTAL_BONDED)).isZero();
  }

  @Test
  void delegatingMovesAllOfTheCallersBondedStake() {
    s.stake(ALICE, GOVERNANCE, open("2"));
    s.stake(ALICE, MODEL, open("3"));
    CallResult r = s.send(ALICE, Staking.DELEGATE, BOB);

    assertThat(s.view(Staking.DELEGATES, ALICE)).isEqualTo(BOB);
    assertThat(s.votes(ALICE)).isZero();
    assertThat(s.votes(BOB)).isEqualTo(open("5"));
    assertThat(s.uint(Staking.TOTAL_BONDED)).as("delegation moves votes, never creates them").isEqualTo(open("5"));
    assertThat(r.logs()).containsExactly(
        Staking.DELEGATE_CHANGED.toLog(STAKING, ALICE, ALICE, BOB),
        Staking.DELEGATE_VOTES_CHANGED.toLog(STAKING, ALICE, open("5"), BigInteger.ZERO),
        Staking.DELEGATE_VOTES_CHANGED.toLog(STAKING, BOB, BigInteger.ZERO, open("5")));
  }

  @Test
  void stakeAddedAfterDelegatingFollowsTheDelegate() {
    s.ok(ALICE, Staking.DELEGATE, BOB);
    BigInteger id = s.stake(ALICE, GOVERNANCE, open("2"));
    assertThat(s.votes(BOB)).isEqualTo(open("2"));
    s.ok(ALICE, Staking.UNBOND, id);
    assertThat(s.votes(BOB)).isZero();
  }

  @Test
  void delegatingBackToOneselfRestoresTheVotes() {
    s.stake(ALICE, GOVERNANCE, open("2"));
    s.ok(ALICE, Staking.DELEGATE, BOB);
    s.ok(ALICE, Staking.DELEGATE, ALICE);
    assertThat(s.votes(ALICE)).isEqualTo(open("2"));
    assertThat(s.votes(BOB)).isZero();
  }

  @Test
  void delegatedVotesAddUpAcrossDelegators() {
    s.stake(ALICE, GOVERNANCE, open("2"));
    s.stake(BOB, GOVERNANCE, open("3"));
    s.ok(ALICE, Staking.DELEGATE, CAROL);
    s.ok(BOB, Staking.DELEGATE, CAROL);
    assertThat(s.votes(CAROL)).isEqualTo(open("5"));
  }

  @Test
  void delegatingToTheZeroAddressReverts() {
    s.stake(ALICE, GOVERNANCE, open("2"));
    s.reverts(Staking.INVALID_DELEGATEE, List.of(Address.ZERO), ALICE, Staking.DELEGATE, Address.ZERO);
  }

  @Test
  void slashingBondedStakeTakesItsVotes() {
    BigInteger id = s.stake(ALICE, GOVERNANCE, open("5"));
    s.ok(TIMELOCK, Staking.SLASH, id, open("2"));
    assertThat(s.votes(ALICE)).isEqualTo(open("3"));
    assertThat(s.uint(Staking.TOTAL_BONDED)).isEqualTo(open("3"));
  }

  @Test
  void pastVotesAreTheVotesAtTheEndOfThatBlock() {
    long b0 = s.block();
    s.stake(ALICE, GOVERNANCE, open("1"));
    s.stake(ALICE, GOVERNANCE, open("2")); // same block: one checkpoint
    s.advance(5);
    long b1 = s.block();
    BigInteger id = s.stake(ALICE, GOVERNANCE, open("4"));
    s.advance(1);
    s.ok(ALICE, Staking.UNBOND, id);
    s.advance(1);

    assertThat(s.pastVotes(ALICE, b0 - 1)).isZero();
    assertThat(s.pastVotes(ALICE, b0)).isEqualTo(open("3"));
    assertThat(s.pastVotes(ALICE, b1 - 1)).isEqualTo(open("3"));
    assertThat(s.pastVotes(ALICE, b1)).isEqualTo(open("7"));
    assertThat(s.pastVotes(ALICE, b1 + 1)).isEqualTo(open("3"));
    assertThat(s.pastTotal(b0)).isEqualTo(open("3"));
    assertThat(s.pastTotal(b1)).isEqualTo(open("7"));
    assertThat(s.pastTotal(b1 + 1)).isEqualTo(open("3"));
    assertThat(s.uint(Staking.NUM_CHECKPOINTS, ALICE)).isEqualTo(BigInteger.valueOf(3));
  }

  @Test
  void severalChangesInOneBlockOverwriteThatBlocksCheckpoint() {
    long b = s.block();
    BigInteger id = s.stake(ALICE, GOVERNANCE, open("1"));
    s.stake(ALICE, GOVERNANCE, open("2"));
    s.ok(ALICE, Staking.UNBOND, id);

    assertThat(s.uint(Staking.NUM_CHECKPOINTS, ALICE)).isEqualTo(BigInteger.ONE);
    assertThat(s.view(Staking.CHECKPOINTS, ALICE, BigInteger.ZERO)).isEqualTo(List.of(BigInteger.valueOf(b), open("2")));
  }

  @Test
  void readingACheckpointBeyondTheLastReverts() {
    s.stake(ALICE, GOVERNANCE, open("1"));
    CallResult r = staticCall(Staking.CHECKPOINTS, ALICE, BigInteger.ONE);
    assertThat(Staking.CHECKPOINT_OUT_OF_RANGE.decode(r.output())).containsExactly(ALICE, BigInteger.ONE, BigInteger.ONE);
  }

  @Test
  void pastLookupsOfTheCurrentOrALaterBlockRevert() {
    s.stake(ALICE, GOVERNANCE, open("1"));
    long now = s.block();
    for (long t : new long[] {now, now + 1}) {
      CallResult votes = staticCall(Staking.GET_PAST_VOTES, ALICE, BigInteger.valueOf(t));
      assertThat(Staking.FUTURE_LOOKUP.decode(votes.output())).containsExactly(BigInteger.valueOf(t), BigInteger.valueOf(now));
      CallResult total = staticCall(Staking.GET_PAST_TOTAL_SUPPLY, BigInteger.valueOf(t));
      assertThat(Staking.FUTURE_LOOKUP.decode(total.output())).containsExactly(BigInteger.valueOf(t), BigInteger.valueOf(now));
    }
    CallResult huge = staticCall(Staking.GET_PAST_VOTES, ALICE, BigInteger.ONE.shiftLeft(255));
    assertThat(Staking.FUTURE_LOOKUP.matches(huge.output())).isTrue();
  }

  @Test
  void aFlashStakeIsInvisibleToASnapshotTakenBeforeIt() {
    s.stake(BOB, GOVERNANCE, open("1"));
    s.advance(1);
    long snapshot = s.block() - 1;
    BigInteger flash = s.stake(ALICE, GOVERNANCE, open("1000"));
    s.ok(ALICE, Staking.UNBOND, flash);
    s.advance(1);
    assertThat(s.pastVotes(ALICE, snapshot)).isZero();
    assertThat(s.pastTotal(snapshot)).isEqualTo(open("1"));
  }

  @Test
  void binarySearchFindsEveryBlockAmongManyCheckpoints() {
    List<Long> blocks = new ArrayList<>();
    List<BigInteger> votes = new ArrayList<>();
    BigInteger total = BigInteger.ZERO;
    for (int i = 0; i < 100; i++) {
      BigInteger amount = open("1").add(BigInteger.valueOf(i));
      s.stake(ALICE, GOVERNANCE, amount);
      total = total.add(amount);
      blocks.add(s.block());
      votes.add(total);
      s.advance(1 + i % 3);
      if (i % 16 == 15) { // keep under the position cap
        for (BigInteger id : s.positionsOf(ALICE)) s.ok(ALICE, Staking.UNBOND, id);
        total = BigInteger.ZERO;
        blocks.add(s.block());
        votes.add(total);
        s.advance(UNBONDING);
        for (BigInteger id : s.positionsOf(ALICE)) s.ok(ALICE, Staking.WITHDRAW, id);
      }
    }
    for (int i = 0; i < blocks.size(); i++) {
      long from = blocks.get(i);
      long to = i + 1 < blocks.size() ? blocks.get(i + 1) : s.block();
      for (long b : new long[] {from, (from + to - 1) / 2, to - 1}) {
        assertThat(s.pastVotes(ALICE, b)).as("votes at block %d", b).isEqualTo(votes.get(i));
      }
    }
    assertThat(s.pastVotes(ALICE, blocks.get(0) - 1)).isZero();
  }

  @Test
  void theClockIsTheBlockNumber() {
    s.advance(41);
    assertThat(s.view(Staking.CLOCK)).isEqualTo(BigInteger.valueOf(s.block()));
    assertThat(s.view(Staking.CLOCK_MODE)).isEqualTo("mode=blocknumber&from=default");
  }

  @Test
  void withdrawingAfterUnbondingChangesNoVotes() {
    BigInteger id = s.stake(ALICE, GOVERNANCE, open("1"));
    s.stake(ALICE, GOVERNANCE, open("2"));
    s.ok(ALICE, Staking.UNBOND, id);
    s.advance(UNBONDING);
    BigInteger checkpoints = s.uint(Staking.NUM_CHECKPOINTS, ALICE);
    s.ok(ALICE, Staking.WITHDRAW, id);
    assertThat(s.votes(ALICE)).isEqualTo(open("2"));
    assertThat(s.uint(Staking.NUM_CHECKPOINTS, ALICE)).isEqualTo(checkpoints);
  }

  /** An eth_call that may revert: its raw outcome. */
  private CallResult staticCall(FunctionSpec fn, Object... args) {
    return s.chain.executor().execute(s.chain.host, Message.staticCall(BOB, STAKING, fn.encodeCall(args), ProtocolChain.GAS));
  }
}

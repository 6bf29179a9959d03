package org.openledger.contracts.staking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.staking.StakingChain.ALICE;
import static org.openledger.contracts.staking.StakingChain.BOB;
import static org.openledger.contracts.staking.StakingChain.INFERENCE;
import static org.openledger.contracts.staking.StakingChain.MODEL;
import static org.openledger.contracts.staking.StakingChain.OPEN;
import static org.openledger.contracts.staking.StakingChain.STAKING;
import static org.openledger.contracts.staking.StakingChain.TIMELOCK;
import static org.openledger.contracts.staking.StakingChain.UNBONDING;
import static org.openledger.contracts.staking.StakingChain.WARMUP;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openledger.contracts.Addresses;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.host.CallResult;

/**
 * Who may call each state-changing function. For every function and every caller in {@link
 * #CALLERS}: a caller the table allows succeeds; any other caller gets the listed custom error and
 * the chain (storage, balances, logs) is exactly as before.
 */
class StakingAccessTest {
  /** Position 1 is ALICE's; the protocol contracts appear as callers too. */
  static final List<Address> CALLERS = List.of(ALICE, BOB, INFERENCE, TIMELOCK, Addresses.GOVERNOR, Addresses.MODELS);

  /** A call prepared on a chain: the value sent and the arguments. */
  record Call(BigInteger value, Object... args) {}

  /** Everyone may call. */
  static final Set<Address> ANYONE = Set.copyOf(CALLERS);

  /**
   * @param allowed the callers that succeed
   * @param setup prepares a chain for the call and returns it
   * @param refusal the error (and its arguments) an unlisted caller gets
   */
  record Rule(FunctionSpec function, Set<Address> allowed, Function<StakingChain, Call> setup,
      BiFunction<Address, Call, Refusal> refusal) {}

  record Refusal(ErrorSpec error, List<?> args) {}

  static Refusal notOwner(Address caller, Call call) {
    return new Refusal(Staking.NOT_POSITION_OWNER, List.of(call.args()[0], caller, ALICE));
  }

  static BiFunction<Address, Call, Refusal> onlyBy(Address required) {
    return (caller, call) -> new Refusal(Staking.UNAUTHORIZED_CALLER, List.of(caller, required));
  }

  static final List<Rule> RULES = List.of(
      new Rule(Staking.STAKE, ANYONE, s -> new Call(OPEN, MODEL), null),
      new Rule(Staking.ACTIVATE, ANYONE, s -> {
        BigInteger id = s.stake(ALICE, MODEL, OPEN);
        s.advance(WARMUP);
        return new Call(BigInteger.ZERO, id);
      }, null),
      new Rule(Staking.UNBOND, Set.of(ALICE), s -> new Call(BigInteger.ZERO, s.stakeActive(ALICE, MODEL, OPEN)), StakingAccessTest::notOwner),
      new Rule(Staking.WITHDRAW, Set.of(ALICE), s -> {
        BigInteger id = s.stakeActive(ALICE, MODEL, OPEN);
        s.ok(ALICE, Staking.UNBOND, id);
        s.advance(UNBONDING);
        return new Call(BigInteger.ZERO, id);
      }, StakingAccessTest::notOwner),
      new Rule(Staking.DISTRIBUTE, Set.of(INFERENCE), s -> {
        s.stakeActive(ALICE, MODEL, OPEN);
        return new Call(OPEN, MODEL);
      }, onlyBy(INFERENCE)),
      new Rule(Staking.CLAIM, Set.of(ALICE), s -> {
        BigInteger id = s.stakeActive(ALICE, MODEL, OPEN);
        s.distribute(MODEL, OPEN);
        return new Call(BigInteger.ZERO, id);
      }, StakingAccessTest::notOwner),
      new Rule(Staking.CLAIM_ALL, ANYONE, s -> {
        s.stakeActive(ALICE, MODEL, OPEN);
        s.distribute(MODEL, OPEN);
        return new Call(BigInteger.ZERO);
      }, null),
      new Rule(Staking.SLASH, Set.of(TIMELOCK), s -> new Call(BigInteger.ZERO, s.stakeActive(ALICE, MODEL, OPEN), OPEN), onlyBy(TIMELOCK)),
      new Rule(Staking.SET_MIN_STAKE, Set.of(TIMELOCK), s -> new Call(BigInteger.ZERO, BigInteger.TEN), onlyBy(TIMELOCK)),
      new Rule(Staking.SET_WARMUP_BLOCKS, Set.of(TIMELOCK), s -> new Call(BigInteger.ZERO, BigInteger.TEN), onlyBy(TIMELOCK)),
      new Rule(Staking.SET_UNBONDING_BLOCKS, Set.of(TIMELOCK), s -> new Call(BigInteger.ZERO, BigInteger.TEN), onlyBy(TIMELOCK)),
      new Rule(Staking.SWEEP_SURPLUS, ANYONE, s -> new Call(BigInteger.ZERO), null),
      new Rule(Staking.DELEGATE, ANYONE, s -> {
        s.stake(ALICE, MODEL, OPEN);
        return new Call(BigInteger.ZERO, BOB);
      }, null));

  @Test
  void theTableCoversEveryStateChangingFunction() {
    Set<String> writing = Staking.SPEC.functions().stream().filter(f -> f.mutability().writes())
        .map(FunctionSpec::signature).collect(Collectors.toSet());
    assertThat(RULES.stream().map(r -> r.function().signature()).collect(Collectors.toSet())).isEqualTo(writing);
  }

  @TestFactory
  Stream<DynamicTest> eachCallerIsAllowedOrRefusedWithNoChange() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Rule rule : RULES) {
      for (Address caller : CALLERS) {
        boolean allowed = rule.allowed().contains(caller);
        String name = rule.function().name() + " by " + caller + (allowed ? " succeeds" : " is refused");
        tests.add(DynamicTest.dynamicTest(name, () -> {
          StakingChain s = new StakingChain();
          Call call = rule.setup().apply(s);
          if (allowed) {
            CallResult r = s.send(caller, call.value(), rule.function(), call.args());
            assertThat(r.status()).as(s.chain.describe(STAKING, r)).isEqualTo(CallResult.Status.SUCCESS);
          } else {
            Refusal refusal = rule.refusal().apply(caller, call);
            s.reverts(refusal.error(), refusal.args(), caller, call.value(), rule.function(), call.args());
          }
        }));
      }
    }
    return tests.stream();
  }
}

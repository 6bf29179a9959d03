package org.openledger.contracts.staking;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.ProtocolChain;
import org.openledger.contracts.model.Models;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.host.CallResult;

/** A chain with the Staking contract, funded accounts and readable helpers for the staking tests. */
final class StakingChain {
  static final Address ALICE = Address.of(0xa11ce);
  static final Address BOB = Address.of(0xb0b);
  static final Address CAROL = Address.of(0xca201);
  static final Address DAVE = Address.of(0xda7e);
  static final Address STAKING = Addresses.STAKING;
  static final Address INFERENCE = Addresses.INFERENCE;
  static final Address TIMELOCK = Addresses.TIMELOCK;
  static final Address TREASURY = Addresses.TREASURY;
  /** Every account the tests act as; all funded, so balances exist before and after any call. */
  static final List<Address> ACCOUNTS = List.of(ALICE, BOB, CAROL, DAVE, INFERENCE, TIMELOCK,
      Addresses.GOVERNOR, Addresses.MODELS, Addresses.PROVERS, Addresses.DATANETS, Addresses.SERVICES);

  static final BigInteger OPEN = BigInteger.TEN.pow(18);
  static final BigInteger FUNDS = open("1000000");
  static final long WARMUP = 7_200;
  static final long UNBONDING = 50_400;
  static final BigInteger MODEL = BigInteger.valueOf(7);
  static final BigInteger OTHER_MODEL = BigInteger.valueOf(8);
  static final BigInteger GOVERNANCE = BigInteger.ZERO;

  final ProtocolChain chain = new ProtocolChain(Map.of(STAKING, new Staking(), Addresses.MODELS, new Models(), Addresses.DATANETS, new org.openledger.contracts.datanet.Datanets()));

  StakingChain() {
    for (Address a : ACCOUNTS) chain.fund(a, FUNDS);
    chain.host.setBalance(STAKING, BigInteger.ZERO);
    chain.createDatanets(1);
    // models 1..8 exist, so MODEL (7) and OTHER_MODEL (8) can be staked behind
    for (int i = 1; i <= OTHER_MODEL.intValueExact(); i++) {
      chain.ok(DAVE, Addresses.MODELS, Models.PROPOSE, BigInteger.ZERO, List.of(BigInteger.ONE), "model " + i, "ipfs://m");
    }
  }

  static BigInteger open(String amount) {
    return new BigDecimal(amount).movePointRight(18).toBigIntegerExact();
  }

  static BigInteger wei(long amount) {
    return BigInteger.valueOf(amount);
  }

  // ------------------------------------------------------------------ calls

  CallResult send(Address from, BigInteger value, FunctionSpec fn, Object... args) {
    return chain.send(from, STAKING, value, fn, args);
  }

  CallResult send(Address from, FunctionSpec fn, Object... args) {
    return send(from, BigInteger.ZERO, fn, args);
  }

  Object ok(Address from, BigInteger value, FunctionSpec fn, Object... args) {
    return chain.ok(from, STAKING, value, fn, args);
  }

  Object ok(Address from, FunctionSpec fn, Object... args) {
    return ok(from, BigInteger.ZERO, fn, args);
  }

  Object view(FunctionSpec fn, Object... args) {
    return chain.view(STAKING, fn, args);
  }

  /** Calls and asserts the call reverted with {@code error}({@code args}) and changed nothing at all. */
  void reverts(ErrorSpec error, List<?> args, Address from, BigInteger value, FunctionSpec fn, Object... callArgs) {
    Map<String, Object> before = chain.host.snapshot();
    CallResult r = send(from, value, fn, callArgs);
    assertThat(r.status()).as("%s by %s: %s", fn.name(), from, chain.describe(STAKING, r)).isEqualTo(CallResult.Status.REVERT);
    assertThat(error.matches(r.output())).as("%s reverts with %s, got %s", fn.name(), error.name(), chain.describe(STAKING, r)).isTrue();
    if (args != null) assertThat(error.decode(r.output())).as(error.name() + " arguments").isEqualTo(args);
    assertThat(chain.host.snapshot()).as("state after a reverted %s", fn.name()).isEqualTo(before);
  }

  void reverts(ErrorSpec error, List<?> args, Address from, FunctionSpec fn, Object... callArgs) {
    reverts(error, args, from, BigInteger.ZERO, fn, callArgs);
  }

  // ------------------------------------------------------------------ actions

  BigInteger stake(Address from, BigInteger model, BigInteger amount) {
    return (BigInteger) ok(from, amount, Staking.STAKE, model);
  }

  /** Stakes behind {@code model}, waits out the warm-up and activates. */
  BigInteger stakeActive(Address from, BigInteger model, BigInteger amount) {
    BigInteger id = stake(from, model, amount);
    advance(WARMUP);
    ok(from, Staking.ACTIVATE, id);
    return id;
  }

  void distribute(BigInteger model, BigInteger amount) {
    ok(INFERENCE, amount, Staking.DISTRIBUTE, model);
  }

  BigInteger claim(Address from, BigInteger id) {
    return (BigInteger) ok(from, Staking.CLAIM, id);
  }

  void advance(long blocks) {
    chain.advance(blocks);
  }

  long block() {
    return chain.blockNumber();
  }

  // ------------------------------------------------------------------ reads

  record PositionView(Address owner, BigInteger modelId, BigInteger amount, int status, long stakedAt, long activatableAt, long withdrawableAt) {}

  PositionView position(BigInteger id) {
    List<?> p = (List<?>) view(Staking.POSITION, id);
    return new PositionView((Address) p.get(0), (BigInteger) p.get(1), (BigInteger) p.get(2), ((BigInteger) p.get(3)).intValueExact(),
        ((BigInteger) p.get(4)).longValueExact(), ((BigInteger) p.get(5)).longValueExact(), ((BigInteger) p.get(6)).longValueExact());
  }

  BigInteger uint(FunctionSpec fn, Object... args) {
    return (BigInteger) view(fn, args);
  }

  BigInteger pending(BigInteger id) {
    return uint(Staking.PENDING_REWARDS, id);
  }

  BigInteger votes(Address account) {
    return uint(Staking.GET_VOTES, account);
  }

  BigInteger pastVotes(Address account, long block) {
    return uint(Staking.GET_PAST_VOTES, account, BigInteger.valueOf(block));
  }

  BigInteger pastTotal(long block) {
    return uint(Staking.GET_PAST_TOTAL_SUPPLY, BigInteger.valueOf(block));
  }

  BigInteger activeStake(BigInteger model) {
    return uint(Staking.ACTIVE_STAKE, model);
  }

  @SuppressWarnings("unchecked")
  List<BigInteger> positionsOf(Address owner) {
    return (List<BigInteger>) view(Staking.POSITIONS_OF_FN, owner);
  }

  BigInteger balance(Address account) {
    return chain.balance(account);
  }

  /** The contract holds exactly its principal and its reward reserve, and the supply is conserved. */
  void assertSolvent() {
    assertThat(balance(STAKING)).as("staking balance == principal + reward reserve")
        .isEqualTo(uint(Staking.TOTAL_PRINCIPAL_FN).add(uint(Staking.REWARD_RESERVE_FN)));
    assertThat(chain.totalBalances()).as("conservation").isEqualTo(chain.supply());
  }
}

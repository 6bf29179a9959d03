package org.openledger.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.datanet.Datanets;
import org.openledger.contracts.inference.Inference;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.prover.Provers;
import org.openledger.contracts.services.Services;
import org.openledger.contracts.staking.Staking;
import org.openledger.governance.governor.Governor;
import org.openledger.governance.timelock.Timelock;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.host.CallResult;

/**
 * Who may call what: every privileged function reached by governance, with the one caller it
 * accepts and the error every other caller gets (nothing changes for them).
 */
class GovernanceAccessTest {
  static final BigInteger ONE = BigInteger.ONE;
  static final Address T = Addresses.TIMELOCK;
  static final Address G = Addresses.GOVERNOR;
  static final List<Object> OP = List.of(List.of(Address.of(0xabc)), List.of(ONE), List.of(Bytes.EMPTY), Bytes32.ZERO);

  record Row(Address contract, FunctionSpec fn, Address allowed, ErrorSpec refusal, Object[] args) {
    @Override
    public String toString() {
      return fn.name() + " on " + contract + " only by " + allowed;
    }
  }

  static Row row(Address contract, FunctionSpec fn, Address allowed, ErrorSpec refusal, Object... args) {
    return new Row(contract, fn, allowed, refusal, args);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        row(Addresses.MODELS, Models.APPROVE, T, Models.NOT_AUTHORIZED, ONE),
        row(Addresses.MODELS, Models.REJECT, T, Models.NOT_AUTHORIZED, ONE),
        row(Addresses.MODELS, Models.DEPLOY, T, Models.NOT_AUTHORIZED, ONE, ONE),
        row(Addresses.MODELS, Models.DEPRECATE, T, Models.NOT_AUTHORIZED, ONE),
        row(Addresses.MODELS, Models.SET_MAX_RATES, T, Models.NOT_AUTHORIZED, ONE, ONE),
        row(Addresses.INFERENCE, Inference.SET_SPLIT, T, Inference.NOT_TIMELOCK, BigInteger.valueOf(7000), BigInteger.valueOf(2000),
            BigInteger.valueOf(1000), BigInteger.ZERO, BigInteger.ZERO),
        row(Addresses.INFERENCE, Inference.SET_PLATFORM_FEE, T, Inference.NOT_TIMELOCK, ONE),
        row(Addresses.STAKING, Staking.SLASH, T, Staking.UNAUTHORIZED_CALLER, ONE, ONE),
        row(Addresses.STAKING, Staking.SET_MIN_STAKE, T, Staking.UNAUTHORIZED_CALLER, ONE),
        row(Addresses.DATANETS, Datanets.SLASH, T, Datanets.NOT_TIMELOCK, ONE),
        row(Addresses.PROVERS, Provers.RESOLVE_CHALLENGE, T, Provers.NOT_TIMELOCK, ONE, true),
        row(Addresses.PROVERS, Provers.SET_PARAMETER, T, Provers.NOT_TIMELOCK, Bytes32.ZERO, ONE),
        row(Addresses.MODELS, Models.SET_REQUIRED_ATTESTATIONS, T, Models.NOT_AUTHORIZED, ONE),
        row(Addresses.MODELS, Models.SET_MAX_DATANETS_PER_MODEL, T, Models.NOT_AUTHORIZED, ONE),
        row(Addresses.INFERENCE, Inference.SET_TIMEOUT, T, Inference.NOT_TIMELOCK, BigInteger.valueOf(100)),
        row(Addresses.STAKING, Staking.SET_WARMUP_BLOCKS, T, Staking.UNAUTHORIZED_CALLER, ONE),
        row(Addresses.STAKING, Staking.SET_UNBONDING_BLOCKS, T, Staking.UNAUTHORIZED_CALLER, ONE),
        row(Addresses.SERVICES, Services.SET_PARAMETER, T, Services.NOT_AUTHORIZED, Bytes32.ZERO, ONE),
        row(Addresses.SERVICES, Services.RESOLVE_DISPUTE, T, Services.NOT_AUTHORIZED, ONE, true),
        row(G, Governor.SET_VOTING_DELAY, T, Governor.UNAUTHORIZED_CALLER, ONE),
        row(G, Governor.SET_VOTING_PERIOD, T, Governor.UNAUTHORIZED_CALLER, ONE),
        row(G, Governor.SET_PROPOSAL_THRESHOLD, T, Governor.UNAUTHORIZED_CALLER, ONE),
        row(G, Governor.UPDATE_QUORUM_NUMERATOR, T, Governor.UNAUTHORIZED_CALLER, ONE),
        row(G, Governor.SET_GUARDIAN, T, Governor.UNAUTHORIZED_CALLER, Address.of(0x9)),
        row(T, Timelock.UPDATE_DELAY, T, Timelock.UNAUTHORIZED_CALLER, ONE),
        row(T, Timelock.UPDATE_GRACE_PERIOD, T, Timelock.UNAUTHORIZED_CALLER, ONE),
        row(T, Timelock.QUEUE, G, Timelock.UNAUTHORIZED_CALLER, OP.toArray()),
        row(T, Timelock.CANCEL, G, Timelock.UNAUTHORIZED_CALLER, Bytes32.ZERO)).map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("table")
  void onlyTheAuthorizedCallerGetsPastTheCheck(Row row) {
    GovChain g = new GovChain();
    for (Address caller : List.of(g.alice, g.mallory, Addresses.GOVERNOR, Addresses.TIMELOCK, Addresses.STAKING, Address.ZERO)) {
      if (caller.equals(row.allowed())) continue;
      Object before = g.chain.host.snapshot();
      CallResult r = g.chain.send(caller, row.contract(), row.fn(), row.args());
      assertThat(r.status()).as(row + " from " + caller).isEqualTo(CallResult.Status.REVERT);
      assertThat(row.refusal().matches(r.output())).as(row + " from " + caller + ": " + g.chain.describe(row.contract(), r)).isTrue();
      assertThat(g.chain.host.snapshot()).isEqualTo(before);
    }
    CallResult allowed = g.chain.send(row.allowed(), row.contract(), row.fn(), row.args());
    assertThat(allowed.status()).as(row.toString()).isNotEqualTo(CallResult.Status.HALT);
    assertThat(allowed.isSuccess() || !row.refusal().matches(allowed.output())).as(row + " from its authorized caller").isTrue();
  }
}

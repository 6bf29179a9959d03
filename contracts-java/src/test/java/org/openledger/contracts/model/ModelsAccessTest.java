package org.openledger.contracts.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.model.ModelsFixture.ATTESTER_2;
import static org.openledger.contracts.model.ModelsFixture.CALLERS;
import static org.openledger.contracts.model.ModelsFixture.OPEN;
import static org.openledger.contracts.model.ModelsFixture.OWNER;
import static org.openledger.contracts.model.ModelsFixture.STRANGER;
import static org.openledger.contracts.model.ModelsFixture.big;
import static org.openledger.contracts.model.ModelsFixture.ids;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.model.Models.State;
import org.openledger.contracts.model.ModelsFixture.Spec;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.contract.Mutability;
import org.openledger.precompiles.host.CallResult;

/** For every state-changing function: who may call it. Everyone else gets NotAuthorized and nothing changes. */
class ModelsAccessTest {

  /**
   * One privileged function: a model in {@code state} (none when null) where the call is legal,
   * the one account allowed to make it (the model's owner when {@code authorized} is null), and its arguments.
   */
  record Row(FunctionSpec fn, State state, Address authorized, Function<BigInteger, Object[]> args) {
    @Override
    public String toString() {
      return fn.name();
    }
  }

  static final List<Row> ROWS = List.of(
      new Row(Models.APPROVE, State.PROPOSED, Addresses.TIMELOCK, id -> new Object[] {id}),
      new Row(Models.REJECT, State.PROPOSED, Addresses.TIMELOCK, id -> new Object[] {id}),
      new Row(Models.MARK_TRAINING, State.APPROVED, Addresses.SERVICES, id -> new Object[] {id}),
      new Row(Models.REGISTER_VERSION, State.APPROVED, null, id -> new Object[] {id, Spec.valid().list()}),
      new Row(Models.REGISTER_VERSION_FOR, State.TRAINING, Addresses.SERVICES, id -> new Object[] {id, Spec.valid().list()}),
      new Row(Models.DEPLOY, State.EVALUATION, Addresses.TIMELOCK, id -> new Object[] {id, BigInteger.ONE}),
      new Row(Models.DEPRECATE, State.DEPLOYED, Addresses.TIMELOCK, id -> new Object[] {id}),
      new Row(Models.RECORD_ATTESTATION, State.EVALUATION, Addresses.PROVERS, id -> new Object[] {id, BigInteger.ONE, ATTESTER_2}),
      new Row(Models.SET_RATES, State.EVALUATION, null, id -> new Object[] {id, BigInteger.ONE, OPEN.shiftLeft(1), OPEN}),
      new Row(Models.SET_HOST, State.EVALUATION, null, id -> new Object[] {id, BigInteger.ONE, STRANGER}),
      new Row(Models.SET_MAX_RATES, null, Addresses.TIMELOCK, id -> new Object[] {OPEN, OPEN}),
      new Row(Models.SET_REQUIRED_ATTESTATIONS, null, Addresses.TIMELOCK, id -> new Object[] {big(2)}),
      new Row(Models.SET_MAX_DATANETS_PER_MODEL, null, Addresses.TIMELOCK, id -> new Object[] {big(8)}));

  static Stream<Arguments> rowsAndCallers() {
    List<Arguments> out = new ArrayList<>();
    for (Row row : ROWS) for (Address caller : CALLERS) out.add(Arguments.of(row, caller));
    return out.stream();
  }

  @ParameterizedTest(name = "{0} called by {1}")
  @MethodSource("rowsAndCallers")
  void onlyTheAuthorizedAccountMayCallAPrivilegedFunction(Row row, Address caller) {
    ModelsFixture f = new ModelsFixture();
    BigInteger id = row.state() == null ? BigInteger.ZERO : f.modelIn(row.state());
    Address authorized = row.authorized() == null ? OWNER : row.authorized();
    Object[] args = row.args().apply(id);
    if (caller.equals(authorized)) {
      CallResult r = f.send(caller, row.fn(), args);
      assertThat(r.isSuccess()).as("%s by %s: %s", row.fn().name(), caller, f.describe(r)).isTrue();
    } else {
      f.assertRevertsAndChangesNothing(() -> f.send(caller, row.fn(), args), Models.NOT_AUTHORIZED, caller, authorized);
    }
  }

  @Test
  void anyoneMayProposeAModelAndBecomesItsOwner() {
    ModelsFixture f = new ModelsFixture();
    for (Address caller : CALLERS) {
      BigInteger id = (BigInteger) f.ok(caller, Models.PROPOSE, BigInteger.ZERO, ids(1), "m", "");
      assertThat(f.model(id).get(0)).isEqualTo(caller);
    }
  }

  @Test
  void theOwnerOfAnotherModelIsNotTheOwnerOfThisOne() {
    ModelsFixture f = new ModelsFixture();
    BigInteger mine = f.modelIn(State.APPROVED);
    f.modelIn(State.APPROVED, STRANGER, null);
    f.assertRevertsAndChangesNothing(() -> f.send(STRANGER, Models.REGISTER_VERSION, mine, Spec.valid().list()),
        Models.NOT_AUTHORIZED, STRANGER, OWNER);
  }

  @Test
  void theOwnerCannotRegisterAVersionThroughTheServicesOnlyEntry() {
    ModelsFixture f = new ModelsFixture();
    BigInteger mine = f.modelIn(State.APPROVED);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.REGISTER_VERSION_FOR, mine, Spec.valid().list()),
        Models.NOT_AUTHORIZED, OWNER, Addresses.SERVICES);
  }

  @Test
  void theAdaptersBaseOwnerHasNoRightsOverTheAdapter() {
    ModelsFixture f = new ModelsFixture();
    BigInteger[] pair = f.deployedBaseAndAdapter();
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.SET_RATES, pair[1], BigInteger.ONE, BigInteger.ZERO, BigInteger.ZERO),
        Models.NOT_AUTHORIZED, OWNER, ModelsFixture.ADAPTER_OWNER);
  }

  @Test
  void everyStateChangingFunctionHasARowInTheAccessTable() {
    List<String> covered = ROWS.stream().map(r -> r.fn().name()).collect(Collectors.toList());
    covered.add(Models.PROPOSE.name()); // open to everyone: anyoneMayProposeAModelAndBecomesItsOwner
    List<String> stateChanging = Models.SPEC.functions().stream()
        .filter(fn -> fn.mutability() == Mutability.NONPAYABLE || fn.mutability() == Mutability.PAYABLE)
        .map(FunctionSpec::name).toList();
    assertThat(covered).containsExactlyInAnyOrderElementsOf(stateChanging);
  }

  @Test
  void noFunctionAcceptsValueSoOpenCannotGetStuckHere() {
    ModelsFixture f = new ModelsFixture();
    f.chain.fund(STRANGER, OPEN);
    assertThat(Models.SPEC.functions()).noneMatch(fn -> fn.mutability() == Mutability.PAYABLE);
    f.assertRevertsAndChangesNothing(() -> f.chain.send(STRANGER, Addresses.MODELS, OPEN, Models.PROPOSE, BigInteger.ZERO, ids(1), "m", ""),
        org.openledger.precompiles.contract.FrameworkErrors.NOT_PAYABLE, OPEN);
    assertThat(f.chain.balance(STRANGER)).isEqualTo(OPEN);
  }
}

package org.openledger.contracts.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.model.ModelsFixture.ATTESTER;
import static org.openledger.contracts.model.ModelsFixture.OWNER;
import static org.openledger.contracts.model.ModelsFixture.big;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.model.Models.State;
import org.openledger.contracts.model.ModelsFixture.Spec;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.host.Log;

/** Every (state, lifecycle action) pair: the legal ones move the model, every other one reverts and changes nothing. */
class ModelsLifecycleTest {

  /** The lifecycle actions, each called by the one account allowed to call it. */
  enum Action {
    APPROVE(State.APPROVED), REJECT(State.REJECTED), MARK_TRAINING(State.TRAINING), REGISTER_VERSION(State.EVALUATION),
    DEPLOY(State.DEPLOYED), DEPRECATE(State.DEPRECATED);

    /** The state the action leads to, as IllegalTransition reports it. */
    final State requested;

    Action(State requested) {
      this.requested = requested;
    }

    CallResult run(ModelsFixture f, BigInteger id) {
      return switch (this) {
        case APPROVE -> f.send(Addresses.TIMELOCK, Models.APPROVE, id);
        case REJECT -> f.send(Addresses.TIMELOCK, Models.REJECT, id);
        case MARK_TRAINING -> f.send(Addresses.SERVICES, Models.MARK_TRAINING, id);
        case REGISTER_VERSION -> f.send(OWNER, Models.REGISTER_VERSION, id, Spec.valid().list());
        // the newest version: attested in every fixture state that has versions, and never the deployed one
        case DEPLOY -> f.send(Addresses.TIMELOCK, Models.DEPLOY, id, f.versionCount(id).max(BigInteger.ONE));
        case DEPRECATE -> f.send(Addresses.TIMELOCK, Models.DEPRECATE, id);
      };
    }
  }

  /** The legal moves: (state, action) to the state after it. Everything absent is illegal. */
  static final Map<State, Map<Action, State>> LEGAL = new EnumMap<>(State.class);

  static {
    for (State s : State.values()) LEGAL.put(s, new EnumMap<>(Action.class));
    LEGAL.get(State.PROPOSED).put(Action.APPROVE, State.APPROVED);
    LEGAL.get(State.PROPOSED).put(Action.REJECT, State.REJECTED);
    LEGAL.get(State.APPROVED).put(Action.MARK_TRAINING, State.TRAINING);
    LEGAL.get(State.APPROVED).put(Action.REGISTER_VERSION, State.EVALUATION);
    LEGAL.get(State.TRAINING).put(Action.REGISTER_VERSION, State.EVALUATION);
    LEGAL.get(State.EVALUATION).put(Action.REGISTER_VERSION, State.EVALUATION);
    LEGAL.get(State.EVALUATION).put(Action.DEPLOY, State.DEPLOYED);
    LEGAL.get(State.DEPLOYED).put(Action.REGISTER_VERSION, State.DEPLOYED);
    LEGAL.get(State.DEPLOYED).put(Action.DEPLOY, State.DEPLOYED);
    LEGAL.get(State.DEPLOYED).put(Action.DEPRECATE, State.DEPRECATED);
  }

  static Stream<Arguments> legalPairs() {
    List<Arguments> out = new ArrayList<>();
    LEGAL.forEach((s, moves) -> moves.forEach((a, to) -> out.add(Arguments.of(s, a, to))));
    return out.stream();
  }

  static Stream<Arguments> illegalPairs() {
    List<Arguments> out = new ArrayList<>();
    for (State s : State.values()) {
      for (Action a : Action.values()) {
        if (!LEGAL.get(s).containsKey(a)) out.add(Arguments.of(s, a));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} --{1}--> {2}")
  @MethodSource("legalPairs")
  void aLegalTransitionMovesTheModelAndEmitsItsEvent(State from, Action action, State to) {
    ModelsFixture f = new ModelsFixture();
    BigInteger id = f.modelIn(from);
    int logsBefore = f.chain.host.logs().size();
    CallResult r = action.run(f, id);
    assertThat(r.isSuccess()).as("%s in %s: %s", action, from, f.describe(r)).isTrue();
    assertThat(f.state(id)).isEqualTo(to);
    List<Log> logs = f.chain.host.logs().subList(logsBefore, f.chain.host.logs().size());
    Log stateChange = Models.STATE_CHANGED.toLog(Addresses.MODELS, id, from.uint8(), to.uint8());
    if (from != to) assertThat(logs).contains(stateChange);
    else assertThat(logs).doesNotContain(stateChange).isNotEmpty();
  }

  @ParameterizedTest(name = "{0} --{1}--> refused")
  @MethodSource("illegalPairs")
  void anIllegalTransitionRevertsNamingTheCurrentStateAndChangesNothing(State from, Action action) {
    ModelsFixture f = new ModelsFixture();
    BigInteger id = f.modelIn(from);
    f.assertRevertsAndChangesNothing(() -> action.run(f, id), Models.ILLEGAL_TRANSITION, id, from, action.requested);
  }

  @Test
  void theTableCoversEveryStateAndAction() {
    assertThat(legalPairs().count() + illegalPairs().count()).isEqualTo((long) State.values().length * Action.values().length);
  }

  @Test
  void theFullLifecycleReachesDeprecatedAndStopsInference() {
    ModelsFixture f = new ModelsFixture();
    BigInteger id = f.propose(OWNER);
    assertThat(f.state(id)).isEqualTo(State.PROPOSED);
    f.ok(Addresses.TIMELOCK, Models.APPROVE, id);
    f.ok(Addresses.SERVICES, Models.MARK_TRAINING, id);
    BigInteger v1 = f.register(id, OWNER, Spec.valid());
    assertThat(f.state(id)).isEqualTo(State.EVALUATION);
    assertThat(f.deployedFlag(id, 1)).isFalse();
    f.attest(id, v1, ATTESTER);
    f.ok(Addresses.TIMELOCK, Models.DEPLOY, id, v1);
    assertThat(f.state(id)).isEqualTo(State.DEPLOYED);
    assertThat(f.deployedFlag(id, 1)).isTrue();
    f.ok(Addresses.TIMELOCK, Models.DEPRECATE, id);
    assertThat(f.state(id)).isEqualTo(State.DEPRECATED);
    assertThat(f.deployedFlag(id, 1)).isFalse();
    assertThat(f.deployedVersion(id)).as("the last served version stays on record").isEqualTo(v1);
  }

  @Test
  void registeringANewVersionOnADeployedModelKeepsServingTheDeployedOne() {
    ModelsFixture f = new ModelsFixture();
    BigInteger id = f.modelIn(State.DEPLOYED); // v1 deployed, v2 registered
    BigInteger v3 = f.register(id, OWNER, Spec.valid());
    assertThat(v3).isEqualTo(big(3));
    assertThat(f.state(id)).isEqualTo(State.DEPLOYED);
    assertThat(f.deployedVersion(id)).isEqualTo(BigInteger.ONE);
    assertThat(f.deployedFlag(id, 1)).isTrue();
    assertThat(f.deployedFlag(id, 3)).isFalse();
  }

  @Test
  void governanceSwitchesTheServedVersionAndCanRollBack() {
    ModelsFixture f = new ModelsFixture();
    BigInteger id = f.modelIn(State.DEPLOYED);
    f.ok(Addresses.TIMELOCK, Models.DEPLOY, id, big(2));
    assertThat(f.chain.host.logs()).endsWith(Models.VERSION_DEPLOYED.toLog(Addresses.MODELS, id, big(2), BigInteger.ONE));
    assertThat(f.deployedFlag(id, 2)).isTrue();
    assertThat(f.deployedFlag(id, 1)).isFalse();
    f.ok(Addresses.TIMELOCK, Models.DEPLOY, id, BigInteger.ONE);
    assertThat(f.deployedVersion(id)).isEqualTo(BigInteger.ONE);
  }

  @Test
  void theFirstDeploymentNamesNoPreviousVersion() {
    ModelsFixture f = new ModelsFixture();
    BigInteger id = f.modelIn(State.EVALUATION);
    f.ok(Addresses.TIMELOCK, Models.DEPLOY, id, BigInteger.ONE);
    assertThat(f.chain.host.logs()).endsWith(
        Models.STATE_CHANGED.toLog(Addresses.MODELS, id, State.EVALUATION.uint8(), State.DEPLOYED.uint8()),
        Models.VERSION_DEPLOYED.toLog(Addresses.MODELS, id, BigInteger.ONE, BigInteger.ZERO));
  }

  @Test
  void anOwnerCanSkipModelFactoryAndRegisterStraightFromApproved() {
    ModelsFixture f = new ModelsFixture();
    BigInteger id = f.modelIn(State.APPROVED);
    f.register(id, OWNER, Spec.valid());
    assertThat(f.state(id)).isEqualTo(State.EVALUATION);
  }
}

package org.openledger.contracts.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.services.ServicesFixture.CALLERS;
import static org.openledger.contracts.services.ServicesFixture.OPEN;
import static org.openledger.contracts.services.ServicesFixture.OWNER;
import static org.openledger.contracts.services.ServicesFixture.REJECTION_WINDOW;
import static org.openledger.contracts.services.ServicesFixture.TRAINER;
import static org.openledger.contracts.services.ServicesFixture.VALIDATOR;
import static org.openledger.contracts.services.ServicesFixture.big;
import static org.openledger.contracts.services.ServicesFixture.root;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.model.Models.State;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.contract.Mutability;
import org.openledger.precompiles.host.CallResult;

/**
 * For every state-changing function, who may call it: every caller in {@link ServicesFixture#CALLERS} tries it on a
 * fresh chain where the call is otherwise legal. The one authorized account succeeds and everyone else gets {@code
 * NotAuthorized(caller, authorized)}; a function open to anyone but the owner refuses the owner with {@code
 * SelfDealing(owner)}; a function open to anyone succeeds for everyone. A refused call changes nothing.
 */
class ServicesAccessTest {

  enum Rule { ONLY, ANYONE_BUT, ANYONE }

  /** A legal call prepared on a fixture: the value to send, its arguments, and who the rule names. */
  record Call(BigInteger value, Object[] args, Address who) {}

  record Row(FunctionSpec fn, Rule rule, Function<ServicesFixture, Call> setup) {
    @Override
    public String toString() {
      return fn.name();
    }
  }

  static Call call(BigInteger value, Address who, Object... args) {
    return new Call(value, args, who);
  }

  static final List<Row> ROWS = List.of(
      new Row(Services.OPEN_JOB, Rule.ONLY, f -> call(OPEN, OWNER, f.modelIn(State.APPROVED), root("d"), big(1), big(10))),
      new Row(Services.ACCEPT_JOB, Rule.ANYONE_BUT, f -> call(BigInteger.ZERO, OWNER, f.openedJob(OPEN)[1])),
      new Row(Services.CANCEL_JOB, Rule.ONLY, f -> call(BigInteger.ZERO, OWNER, f.openedJob(OPEN)[1])),
      new Row(Services.DELIVER, Rule.ONLY, f -> {
        BigInteger[] mj = f.acceptedJob(OPEN);
        BigInteger version = f.registerVersion(mj[0], OWNER, "trained");
        return call(BigInteger.ZERO, TRAINER, mj[1], version, big(9_500), root("eval"));
      }),
      new Row(Services.DELIVER_VERSION, Rule.ONLY, f -> call(BigInteger.ZERO, TRAINER, f.acceptedJob(OPEN)[1],
          ServicesFixture.versionSpec("trained"), big(9_500), root("eval"))),
      new Row(Services.DISPUTE, Rule.ONLY, f -> call(BigInteger.ZERO, OWNER, f.deliveredJob(OPEN)[1], "score not reproducible")),
      new Row(Services.RESOLVE_DISPUTE, Rule.ONLY, f -> call(BigInteger.ZERO, Addresses.TIMELOCK, f.disputedJob(OPEN)[1], true)),
      new Row(Services.RELEASE, Rule.ANYONE, f -> {
        BigInteger job = f.deliveredJob(OPEN)[1];
        f.chain.advance(ServicesFixture.DISPUTE_WINDOW + 1);
        return call(BigInteger.ZERO, null, job);
      }),
      new Row(Services.REFUND_JOB, Rule.ANYONE, f -> {
        BigInteger job = f.acceptedJob(OPEN)[1];
        f.chain.advance(1_001);
        return call(BigInteger.ZERO, null, job);
      }),
      new Row(Services.OPEN_ROUND, Rule.ONLY, f -> call(OPEN.multiply(big(2)), OWNER, f.modelIn(State.EVALUATION), OPEN, big(2), big(10))),
      new Row(Services.SUBMIT_FEEDBACK, Rule.ANYONE_BUT, f -> call(BigInteger.ZERO, OWNER, f.openedRound(), big(5), root("fb"))),
      new Row(Services.REJECT_FEEDBACK, Rule.ONLY, f -> call(BigInteger.ZERO, OWNER, f.submit(VALIDATOR, f.openedRound(), 5), "spam")),
      new Row(Services.CLAIM_FEEDBACK, Rule.ONLY, f -> {
        BigInteger fb = f.submit(VALIDATOR, f.openedRound(), 5);
        f.chain.advance(REJECTION_WINDOW + 1);
        return call(BigInteger.ZERO, VALIDATOR, List.of(fb));
      }),
      new Row(Services.CLOSE_ROUND, Rule.ANYONE, f -> {
        BigInteger round = f.openedRound();
        f.submit(VALIDATOR, round, 5);
        f.chain.advance(100 + REJECTION_WINDOW);
        return call(BigInteger.ZERO, null, round);
      }),
      new Row(Services.SET_PARAMETER, Rule.ONLY,
          f -> call(BigInteger.ZERO, Addresses.TIMELOCK, Services.SERVICE_FEE_BP.label(), big(500))));

  static Stream<Arguments> rowsAndCallers() {
    List<Arguments> out = new ArrayList<>();
    for (Row row : ROWS) for (Address caller : CALLERS) out.add(Arguments.of(row, caller));
    return out.stream();
  }

  @ParameterizedTest(name = "{0} called by {1}")
  @MethodSource("rowsAndCallers")
  void onlyTheRightCallerMayCallAStateChangingFunction(Row row, Address caller) {
    ServicesFixture f = new ServicesFixture();
    Call c = row.setup().apply(f);
    if (c.value().signum() > 0) f.chain.fund(caller, c.value()); // only ONLY rows send value: a refused caller gets it back
    boolean allowed = switch (row.rule()) {
      case ONLY -> caller.equals(c.who());
      case ANYONE_BUT -> !caller.equals(c.who());
      case ANYONE -> true;
    };
    if (allowed) {
      CallResult r = f.send(caller, c.value(), row.fn(), c.args());
      assertThat(r.isSuccess()).as("%s by %s: %s", row.fn().name(), caller, f.describe(r)).isTrue();
      f.assertBooksBalance();
    } else if (row.rule() == Rule.ONLY) {
      f.assertRevertsAndChangesNothing(() -> f.send(caller, c.value(), row.fn(), c.args()), Services.NOT_AUTHORIZED, caller, c.who());
    } else {
      f.assertRevertsAndChangesNothing(() -> f.send(caller, c.value(), row.fn(), c.args()), Services.SELF_DEALING, caller);
    }
  }

  @Test
  void everyStateChangingFunctionHasARowInTheAccessTable() {
    List<String> covered = ROWS.stream().map(r -> r.fn().name()).toList();
    List<String> stateChanging = Services.SPEC.functions().stream()
        .filter(fn -> fn.mutability() == Mutability.NONPAYABLE || fn.mutability() == Mutability.PAYABLE)
        .map(FunctionSpec::name).toList();
    assertThat(covered).containsExactlyInAnyOrderElementsOf(stateChanging);
  }

  @Test
  void theOwnerOfAnotherModelCannotFundJobsOrRoundsOnThisOne() {
    ServicesFixture f = new ServicesFixture();
    BigInteger approved = f.modelIn(State.APPROVED);
    BigInteger evaluated = f.modelIn(State.EVALUATION);
    f.modelIn(State.APPROVED, ServicesFixture.OTHER_OWNER);
    f.assertRevertsAndChangesNothing(() -> f.send(ServicesFixture.OTHER_OWNER, OPEN, Services.OPEN_JOB, approved, root("d"), big(1), big(10)),
        Services.NOT_AUTHORIZED, ServicesFixture.OTHER_OWNER, OWNER);
    f.assertRevertsAndChangesNothing(() -> f.send(ServicesFixture.OTHER_OWNER, OPEN, Services.OPEN_ROUND, evaluated, OPEN, big(1), big(10)),
        Services.NOT_AUTHORIZED, ServicesFixture.OTHER_OWNER, OWNER);
  }

  @Test
  void aValidatorCannotClaimAnotherValidatorsFeedback() {
    ServicesFixture f = new ServicesFixture();
    BigInteger round = f.openedRound();
    BigInteger mine = f.submit(ServicesFixture.VALIDATOR_2, round, 1);
    BigInteger theirs = f.submit(VALIDATOR, round, 1);
    f.chain.advance(REJECTION_WINDOW + 1);
    f.assertRevertsAndChangesNothing(() -> f.send(ServicesFixture.VALIDATOR_2, Services.CLAIM_FEEDBACK, List.of(mine, theirs)),
        Services.NOT_AUTHORIZED, ServicesFixture.VALIDATOR_2, VALIDATOR);
  }
}

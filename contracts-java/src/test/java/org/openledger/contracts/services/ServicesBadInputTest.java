package org.openledger.contracts.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.services.ServicesFixture.OPEN;
import static org.openledger.contracts.services.ServicesFixture.OWNER;
import static org.openledger.contracts.services.ServicesFixture.REJECTION_WINDOW;
import static org.openledger.contracts.services.ServicesFixture.STRANGER;
import static org.openledger.contracts.services.ServicesFixture.TRAINER;
import static org.openledger.contracts.services.ServicesFixture.VALIDATOR;
import static org.openledger.contracts.services.ServicesFixture.VALIDATOR_2;
import static org.openledger.contracts.services.ServicesFixture.big;
import static org.openledger.contracts.services.ServicesFixture.open;
import static org.openledger.contracts.services.ServicesFixture.root;

import java.math.BigInteger;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Governed;
import org.openledger.contracts.model.Models.State;
import org.openledger.precompiles.contract.FrameworkErrors;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.contract.Mutability;

/** Bad input for every function: each is refused with its custom error and changes nothing. */
class ServicesBadInputTest {
  final ServicesFixture f = new ServicesFixture();
  static final BigInteger UNKNOWN = big(99);
  static final String TOO_LONG = "x".repeat(Services.MAX_REASON_BYTES + 1);

  // ------------------------------------------------------------------ openJob

  @Test
  void openJobOnAnUnknownModelIsRefused() {
    for (BigInteger id : List.of(BigInteger.ZERO, UNKNOWN)) {
      f.assertRevertsAndChangesNothing(() -> f.send(OWNER, OPEN, Services.OPEN_JOB, id, root("d"), big(1), big(10)),
          Services.UNKNOWN_MODEL, id);
    }
  }

  @Test
  void openJobOnAModelGovernanceHasNotApprovedOrHasRetiredIsRefused() {
    for (State state : List.of(State.PROPOSED, State.REJECTED, State.DEPRECATED)) {
      BigInteger model = f.modelIn(state);
      f.assertRevertsAndChangesNothing(() -> f.send(OWNER, OPEN, Services.OPEN_JOB, model, root("d"), big(1), big(10)),
          Services.MODEL_NOT_TRAINABLE, model, state);
    }
  }

  @Test
  void openJobWithoutABudgetIsRefused() {
    BigInteger model = f.modelIn(State.APPROVED);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Services.OPEN_JOB, model, root("d"), big(1), big(10)), Services.ZERO_BUDGET);
  }

  @Test
  void openJobWithoutADatasetRootIsRefused() {
    BigInteger model = f.modelIn(State.APPROVED);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, OPEN, Services.OPEN_JOB, model, Bytes32.ZERO, big(1), big(10)), Services.ZERO_HASH);
  }

  @Test
  void openJobWithAZeroOrTooLongDeadlineIsRefused() {
    BigInteger model = f.modelIn(State.APPROVED);
    BigInteger max = Services.MAX_JOB_DURATION_BLOCKS.defaultValue();
    for (BigInteger blocks : List.of(BigInteger.ZERO, max.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE))) {
      f.assertRevertsAndChangesNothing(() -> f.send(OWNER, OPEN, Services.OPEN_JOB, model, root("d"), big(1), blocks),
          Services.INVALID_DURATION, blocks, max);
    }
    f.ok(OWNER, OPEN, Services.OPEN_JOB, model, root("d"), big(1), max);
  }

  // ------------------------------------------------------------------ job ids and states

  @Test
  void everyJobFunctionRefusesAnUnknownJob() {
    f.deliveredJob(OPEN);
    for (BigInteger id : List.of(BigInteger.ZERO, UNKNOWN)) {
      f.assertRevertsAndChangesNothing(() -> f.send(TRAINER, Services.ACCEPT_JOB, id), Services.UNKNOWN_JOB, id);
      f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Services.CANCEL_JOB, id), Services.UNKNOWN_JOB, id);
      f.assertRevertsAndChangesNothing(() -> f.send(TRAINER, Services.DELIVER, id, BigInteger.ONE, big(1), root("e")), Services.UNKNOWN_JOB, id);
      f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Services.DISPUTE, id, "bad"), Services.UNKNOWN_JOB, id);
      f.assertRevertsAndChangesNothing(() -> f.send(Addresses.TIMELOCK, Services.RESOLVE_DISPUTE, id, true), Services.UNKNOWN_JOB, id);
      f.assertRevertsAndChangesNothing(() -> f.send(STRANGER, Services.RELEASE, id), Services.UNKNOWN_JOB, id);
      f.assertRevertsAndChangesNothing(() -> f.send(STRANGER, Services.REFUND_JOB, id), Services.UNKNOWN_JOB, id);
      assertThat(f.chain.executor().execute(f.chain.host, org.openledger.precompiles.host.Message.staticCall(STRANGER, Addresses.SERVICES,
          Services.JOB.encodeCall(id), 1_000_000)).output()).isEqualTo(Services.UNKNOWN_JOB.encode(id));
    }
  }

  @Test
  void aJobIsAcceptedOnlyOnce() {
    BigInteger[] mj = f.acceptedJob(OPEN);
    f.assertRevertsAndChangesNothing(() -> f.send(STRANGER, Services.ACCEPT_JOB, mj[1]), Services.WRONG_JOB_STATE, mj[1], Services.JOB_ACCEPTED);
  }

  @Test
  void anOpenJobCannotBeDeliveredDisputedReleasedOrResolved() {
    BigInteger[] mj = f.openedJob(OPEN);
    BigInteger version = f.registerVersion(mj[0], OWNER, "v");
    BigInteger open = big(Services.JOB_OPEN);
    f.assertRevertsAndChangesNothing(() -> f.send(TRAINER, Services.DELIVER, mj[1], version, big(9_999), root("e")),
        Services.WRONG_JOB_STATE, mj[1], open);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Services.DISPUTE, mj[1], "no"), Services.WRONG_JOB_STATE, mj[1], open);
    f.assertRevertsAndChangesNothing(() -> f.send(STRANGER, Services.RELEASE, mj[1]), Services.WRONG_JOB_STATE, mj[1], open);
    f.assertRevertsAndChangesNothing(() -> f.send(Addresses.TIMELOCK, Services.RESOLVE_DISPUTE, mj[1], false), Services.WRONG_JOB_STATE,
        mj[1], open);
  }

  @Test
  void aDeliveredJobCannotBeDeliveredAgainCancelledRefundedOrResolvedWithoutADispute() {
    BigInteger[] mjv = f.deliveredJob(OPEN);
    BigInteger delivered = big(Services.JOB_DELIVERED);
    BigInteger again = f.registerVersion(mjv[0], OWNER, "again");
    f.assertRevertsAndChangesNothing(() -> f.send(TRAINER, Services.DELIVER, mjv[1], again, big(9_999), root("e")),
        Services.WRONG_JOB_STATE, mjv[1], delivered);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Services.CANCEL_JOB, mjv[1]), Services.WRONG_JOB_STATE, mjv[1], delivered);
    f.chain.advance(5_000);
    f.assertRevertsAndChangesNothing(() -> f.send(STRANGER, Services.REFUND_JOB, mjv[1]), Services.WRONG_JOB_STATE, mjv[1], delivered);
    f.assertRevertsAndChangesNothing(() -> f.send(Addresses.TIMELOCK, Services.RESOLVE_DISPUTE, mjv[1], true), Services.WRONG_JOB_STATE,
        mjv[1], delivered);
  }

  @Test
  void aDisputedJobIsNotDisputedTwice() {
    BigInteger[] mjv = f.disputedJob(OPEN);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Services.DISPUTE, mjv[1], "again"), Services.WRONG_JOB_STATE, mjv[1],
        Services.JOB_DISPUTED);
  }

  // ------------------------------------------------------------------ deliver

  @Test
  void deliveringAVersionTheModelDoesNotHaveIsRefused() {
    BigInteger[] mj = f.acceptedJob(OPEN);
    for (BigInteger v : List.of(BigInteger.ZERO, UNKNOWN)) {
      f.assertRevertsAndChangesNothing(() -> f.send(TRAINER, Services.DELIVER, mj[1], v, big(9_999), root("e")), Services.UNKNOWN_VERSION,
          mj[0], v);
    }
  }

  @Test
  void deliveringAVersionRegisteredBeforeTheJobOpenedIsRefused() {
    BigInteger model = f.modelIn(State.EVALUATION); // version 1 registered now
    long registeredAt = f.now();
    f.chain.advance(3);
    BigInteger job = f.openJob(model, OWNER, OPEN, 1, 100);
    f.ok(TRAINER, Services.ACCEPT_JOB, job);
    f.assertRevertsAndChangesNothing(() -> f.send(TRAINER, Services.DELIVER, job, BigInteger.ONE, big(9_999), root("e")),
        Services.VERSION_PREDATES_JOB, model, BigInteger.ONE, big(registeredAt), big(registeredAt + 3));
  }

  @Test
  void aVersionIsDeliveredForOneJobOnly() {
    BigInteger model = f.modelIn(State.APPROVED);
    BigInteger first = f.openJob(model, OWNER, OPEN, 1, 100);
    BigInteger second = f.openJob(model, OWNER, OPEN, 1, 100);
    f.ok(TRAINER, Services.ACCEPT_JOB, first);
    f.ok(ServicesFixture.OTHER_OWNER, Services.ACCEPT_JOB, second);
    BigInteger version = f.registerVersion(model, OWNER, "trained");
    f.ok(TRAINER, Services.DELIVER, first, version, big(5), root("e"));
    f.assertRevertsAndChangesNothing(() -> f.send(ServicesFixture.OTHER_OWNER, Services.DELIVER, second, version, big(5), root("e")),
        Services.VERSION_ALREADY_DELIVERED, model, version, first);
  }

  @Test
  void deliveringWithoutAnEvaluationRootIsRefused() {
    BigInteger[] mj = f.acceptedJob(OPEN);
    BigInteger version = f.registerVersion(mj[0], OWNER, "v");
    f.assertRevertsAndChangesNothing(() -> f.send(TRAINER, Services.DELIVER, mj[1], version, big(9_999), Bytes32.ZERO), Services.ZERO_HASH);
  }

  // ------------------------------------------------------------------ reasons

  @Test
  void aDisputeNeedsAReasonOfOneTo256Bytes() {
    BigInteger[] mjv = f.deliveredJob(OPEN);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Services.DISPUTE, mjv[1], ""), Services.INVALID_REASON, 0, Services.MAX_REASON_BYTES);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Services.DISPUTE, mjv[1], TOO_LONG), Services.INVALID_REASON,
        Services.MAX_REASON_BYTES + 1, Services.MAX_REASON_BYTES);
    f.ok(OWNER, Services.DISPUTE, mjv[1], "é".repeat(Services.MAX_REASON_BYTES / 2));
  }

  @Test
  void aRejectionNeedsAReasonOfOneTo256Bytes() {
    BigInteger round = f.openedRound();
    BigInteger fb = f.submit(VALIDATOR, round, 1);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Services.REJECT_FEEDBACK, fb, ""), Services.INVALID_REASON, 0,
        Services.MAX_REASON_BYTES);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Services.REJECT_FEEDBACK, fb, TOO_LONG), Services.INVALID_REASON,
        Services.MAX_REASON_BYTES + 1, Services.MAX_REASON_BYTES);
  }

  // ------------------------------------------------------------------ openRound

  @Test
  void openRoundOnAnUnknownModelIsRefused() {
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, OPEN, Services.OPEN_ROUND, UNKNOWN, OPEN, big(1), big(10)), Services.UNKNOWN_MODEL,
        UNKNOWN);
  }

  @Test
  void openRoundOutsideEvaluationAndDeploymentIsRefused() {
    for (State state : List.of(State.PROPOSED, State.APPROVED, State.REJECTED, State.TRAINING, State.DEPRECATED)) {
      BigInteger model = f.modelIn(state);
      f.assertRevertsAndChangesNothing(() -> f.send(OWNER, OPEN, Services.OPEN_ROUND, model, OPEN, big(1), big(10)),
          Services.MODEL_NOT_IN_FEEDBACK_PHASE, model, state);
    }
  }

  @Test
  void openRoundWithAZeroOrOverflowingRewardIsRefused() {
    BigInteger model = f.modelIn(State.EVALUATION);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Services.OPEN_ROUND, model, BigInteger.ZERO, big(1), big(10)), Services.ZERO_REWARD);
    BigInteger huge = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE); // × maxFeedback would overflow a uint256
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, OPEN, Services.OPEN_ROUND, model, huge, big(10_000), big(10)),
        Services.REWARD_TOO_LARGE, huge, Services.MAX_REWARD);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, OPEN, Services.OPEN_ROUND, model, Services.MAX_REWARD, big(10_000), big(10)),
        Services.WRONG_BUDGET, OPEN, Services.MAX_REWARD.multiply(big(10_000)));
  }

  @Test
  void openRoundWithZeroOrTooManySlotsIsRefused() {
    BigInteger model = f.modelIn(State.EVALUATION);
    BigInteger limit = Services.MAX_FEEDBACK_PER_ROUND.defaultValue();
    for (BigInteger slots : List.of(BigInteger.ZERO, limit.add(BigInteger.ONE))) {
      f.assertRevertsAndChangesNothing(() -> f.send(OWNER, slots, Services.OPEN_ROUND, model, BigInteger.ONE, slots, big(10)),
          Services.INVALID_MAX_FEEDBACK, slots, limit);
    }
  }

  @Test
  void openRoundWithAZeroOrTooLongDurationIsRefused() {
    BigInteger model = f.modelIn(State.EVALUATION);
    BigInteger max = Services.MAX_JOB_DURATION_BLOCKS.defaultValue();
    for (BigInteger blocks : List.of(BigInteger.ZERO, max.add(BigInteger.ONE))) {
      f.assertRevertsAndChangesNothing(() -> f.send(OWNER, OPEN, Services.OPEN_ROUND, model, OPEN, big(1), blocks), Services.INVALID_DURATION,
          blocks, max);
    }
  }

  @Test
  void openRoundMustLockExactlyTheBudget() {
    BigInteger model = f.modelIn(State.EVALUATION);
    BigInteger budget = open(3);
    for (BigInteger sent : List.of(BigInteger.ZERO, budget.subtract(BigInteger.ONE), budget.add(BigInteger.ONE))) {
      f.assertRevertsAndChangesNothing(() -> f.send(OWNER, sent, Services.OPEN_ROUND, model, OPEN, big(3), big(10)), Services.WRONG_BUDGET,
          sent, budget);
    }
  }

  // ------------------------------------------------------------------ feedback

  @Test
  void everyRoundAndFeedbackFunctionRefusesAnUnknownId() {
    BigInteger round = f.openedRound();
    f.submit(VALIDATOR, round, 1);
    for (BigInteger id : List.of(BigInteger.ZERO, UNKNOWN)) {
      f.assertRevertsAndChangesNothing(() -> f.send(VALIDATOR, Services.SUBMIT_FEEDBACK, id, big(1), root("f")), Services.UNKNOWN_ROUND, id);
      f.assertRevertsAndChangesNothing(() -> f.send(STRANGER, Services.CLOSE_ROUND, id), Services.UNKNOWN_ROUND, id);
      f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Services.REJECT_FEEDBACK, id, "r"), Services.UNKNOWN_FEEDBACK, id);
      f.assertRevertsAndChangesNothing(() -> f.send(VALIDATOR, Services.CLAIM_FEEDBACK, List.of(id)), Services.UNKNOWN_FEEDBACK, id);
    }
  }

  @Test
  void feedbackWithoutARequestOrHashIsRefused() {
    BigInteger round = f.openedRound();
    f.assertRevertsAndChangesNothing(() -> f.send(VALIDATOR, Services.SUBMIT_FEEDBACK, round, BigInteger.ZERO, root("f")),
        Services.ZERO_REQUEST_ID);
    f.assertRevertsAndChangesNothing(() -> f.send(VALIDATOR, Services.SUBMIT_FEEDBACK, round, big(1), Bytes32.ZERO), Services.ZERO_HASH);
  }

  @Test
  void aFullRoundRefusesMoreFeedback() {
    BigInteger round = f.openedRound(); // 3 slots
    f.submit(VALIDATOR, round, 1);
    f.submit(VALIDATOR, round, 2);
    f.submit(VALIDATOR_2, round, 1);
    f.assertRevertsAndChangesNothing(() -> f.send(VALIDATOR_2, Services.SUBMIT_FEEDBACK, round, big(2), root("f")), Services.ROUND_FULL, round,
        big(3));
  }

  @Test
  void aFeedbackIsRejectedOnceAndAPaidOneNotAtAll() {
    BigInteger round = f.openRound(f.modelIn(State.EVALUATION), OWNER, OPEN, 3, 1_000);
    BigInteger a = f.submit(VALIDATOR, round, 1);
    f.ok(OWNER, Services.REJECT_FEEDBACK, a, "no");
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Services.REJECT_FEEDBACK, a, "again"), Services.WRONG_FEEDBACK_STATE, a,
        Services.FEEDBACK_REJECTED);
    BigInteger b = f.submit(VALIDATOR, round, 2);
    f.chain.advance(REJECTION_WINDOW + 1);
    f.ok(VALIDATOR, Services.CLAIM_FEEDBACK, List.of(b));
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Services.REJECT_FEEDBACK, b, "late"), Services.WRONG_FEEDBACK_STATE, b,
        Services.FEEDBACK_PAID);
  }

  @Test
  void anEmptyClaimIsRefused() {
    f.assertRevertsAndChangesNothing(() -> f.send(VALIDATOR, Services.CLAIM_FEEDBACK, List.of()), Services.EMPTY_CLAIM);
  }

  @Test
  void aClaimWithOneUnpayableFeedbackPaysNothing() {
    BigInteger round = f.openRound(f.modelIn(State.EVALUATION), OWNER, open(2), 3, 1_000);
    BigInteger a = f.submit(VALIDATOR, round, 1);
    f.chain.advance(REJECTION_WINDOW + 1);
    BigInteger b = f.submit(VALIDATOR, round, 2); // still inside its window
    f.assertRevertsAndChangesNothing(() -> f.send(VALIDATOR, Services.CLAIM_FEEDBACK, List.of(a, b)), Services.REJECTION_WINDOW_OPEN, b,
        big(f.now() + REJECTION_WINDOW));
  }

  @Test
  void aRoundIsNotClosedBeforeItsLastWindowNorTwice() {
    BigInteger round = f.openedRound();
    long closableAt = ((BigInteger) f.round(round).get(12)).longValueExact();
    f.assertRevertsAndChangesNothing(() -> f.send(STRANGER, Services.CLOSE_ROUND, round), Services.ROUND_NOT_OVER, round, big(closableAt));
    f.advanceTo(closableAt);
    f.ok(STRANGER, Services.CLOSE_ROUND, round);
    f.assertRevertsAndChangesNothing(() -> f.send(STRANGER, Services.CLOSE_ROUND, round), Services.ROUND_ALREADY_CLOSED, round);
  }

  // ------------------------------------------------------------------ parameters

  @Test
  void anUnknownParameterIsRefused() {
    Bytes32 name = Bytes32.rightPad(org.apache.tuweni.bytes.Bytes.wrap("platformFee".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    f.assertRevertsAndChangesNothing(() -> f.send(Addresses.TIMELOCK, Services.SET_PARAMETER, name, BigInteger.ONE), Services.UNKNOWN_PARAMETER,
        name);
  }

  @Test
  void everyParameterIsRefusedOutsideItsBoundsAndAcceptedAtThem() {
    for (Governed.Bounded b : Services.PARAMETERS_IN_ORDER) {
      Bytes32 name = b.parameter().label();
      if (b.min().signum() > 0) {
        BigInteger below = b.min().subtract(BigInteger.ONE);
        f.assertRevertsAndChangesNothing(() -> f.send(Addresses.TIMELOCK, Services.SET_PARAMETER, name, below),
            Services.PARAMETER_OUT_OF_RANGE, name, below, b.min(), b.max());
      }
      BigInteger above = b.max().add(BigInteger.ONE);
      f.assertRevertsAndChangesNothing(() -> f.send(Addresses.TIMELOCK, Services.SET_PARAMETER, name, above),
          Services.PARAMETER_OUT_OF_RANGE, name, above, b.min(), b.max());
      f.ok(Addresses.TIMELOCK, Services.SET_PARAMETER, name, b.min());
      assertThat(b.parameter().read(storageOfServices())).isEqualTo(b.min());
      f.ok(Addresses.TIMELOCK, Services.SET_PARAMETER, name, b.max());
    }
    assertThat(f.view(Services.PARAMETERS)).isEqualTo(Services.PARAMETERS_IN_ORDER.stream().map(b -> (Object) b.max()).toList());
  }

  @Test
  void theParametersReadAsTheirDocumentedDefaultsUntilSet() {
    assertThat(f.view(Services.PARAMETERS)).isEqualTo(List.of(big(600), big(300), big(250), big(201_600), big(10_000)));
  }

  /** Services' storage as a {@link org.openledger.precompiles.storage.Storage}, for reading a parameter directly. */
  private org.openledger.precompiles.storage.Storage storageOfServices() {
    return new org.openledger.precompiles.storage.Storage() {
      @Override
      public Bytes32 load(org.openledger.precompiles.storage.Slot slot) {
        return f.chain.host.storage(Addresses.SERVICES, slot.key());
      }

      @Override
      public void store(org.openledger.precompiles.storage.Slot slot, Bytes32 value) {
        throw new UnsupportedOperationException();
      }
    };
  }

  // ------------------------------------------------------------------ value

  @Test
  void onlyOpenJobAndOpenRoundAcceptValue() {
    assertThat(Services.SPEC.functions().stream().filter(fn -> fn.mutability() == Mutability.PAYABLE).map(FunctionSpec::name).toList())
        .containsExactlyInAnyOrder("openJob", "openRound");
    BigInteger[] mj = f.openedJob(OPEN);
    f.assertRevertsAndChangesNothing(() -> f.send(TRAINER, OPEN, Services.ACCEPT_JOB, mj[1]), FrameworkErrors.NOT_PAYABLE, OPEN);
  }
}

package org.openledger.contracts.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.services.ServicesFixture.OWNER;
import static org.openledger.contracts.services.ServicesFixture.REJECTION_WINDOW;
import static org.openledger.contracts.services.ServicesFixture.SERVICES;
import static org.openledger.contracts.services.ServicesFixture.STRANGER;
import static org.openledger.contracts.services.ServicesFixture.TREASURY;
import static org.openledger.contracts.services.ServicesFixture.VALIDATOR;
import static org.openledger.contracts.services.ServicesFixture.VALIDATOR_2;
import static org.openledger.contracts.services.ServicesFixture.big;
import static org.openledger.contracts.services.ServicesFixture.open;
import static org.openledger.contracts.services.ServicesFixture.root;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.model.Models.State;
import org.openledger.precompiles.host.CallResult;

/** RLHF rounds: a locked budget, feedback accepted unless rejected inside its window, claims, and the close. */
class ServicesRoundsTest {
  final ServicesFixture f = new ServicesFixture();

  @Test
  void aRoundPaysAcceptedFeedbackAndReturnsRejectedAndUnusedSlotsToTheOwner() {
    BigInteger model = f.modelIn(State.EVALUATION);
    BigInteger ownerStart = f.chain.balance(OWNER), v1Start = f.chain.balance(VALIDATOR), v2Start = f.chain.balance(VALIDATOR_2);
    BigInteger treasuryStart = f.chain.balance(TREASURY);

    // 2 OPEN for each of 3 feedbacks: exactly 6 OPEN locked
    CallResult opened = f.send(OWNER, open(6), Services.OPEN_ROUND, model, open(2), big(3), big(100));
    assertThat(opened.isSuccess()).as(f.describe(opened)).isTrue();
    BigInteger round = (BigInteger) Services.OPEN_ROUND.decodeOutput(opened.output());
    long openedAt = f.now();
    assertThat(opened.logs()).contains(Services.ROUND_OPENED_EVENT.toLog(SERVICES, round, model, OWNER, open(2), big(3),
        big(openedAt + 100), big(REJECTION_WINDOW)));
    assertThat(f.chain.balance(SERVICES)).isEqualTo(open(6));
    assertThat(f.view(Services.LIABILITIES)).isEqualTo(List.of(BigInteger.ZERO, open(6)));

    // two validators give feedback on two inference requests; the owner rejects the second with a reason
    BigInteger accepted = f.submit(VALIDATOR, round, 11);
    BigInteger rejected = f.submit(VALIDATOR_2, round, 12);
    f.chain.advance(10);
    CallResult r = f.send(OWNER, Services.REJECT_FEEDBACK, rejected, "the rating contradicts the output");
    assertThat(r.isSuccess()).as(f.describe(r)).isTrue();
    assertThat(r.logs()).contains(Services.FEEDBACK_REJECTED_EVENT.toLog(SERVICES, rejected, round, VALIDATOR_2,
        "the rating contradicts the output"));
    assertThat(f.feedbackStatus(accepted)).isEqualTo(Services.FEEDBACK_PENDING);
    assertThat(f.feedbackStatus(rejected)).isEqualTo(Services.FEEDBACK_REJECTED);

    // once its window has passed the first is accepted and its validator is paid exactly the reward
    f.advanceTo(openedAt + REJECTION_WINDOW + 1);
    assertThat(f.feedbackStatus(accepted)).isEqualTo(Services.FEEDBACK_ACCEPTED);
    assertThat(f.ok(VALIDATOR, Services.CLAIM_FEEDBACK, List.of(accepted))).isEqualTo(open(2));
    assertThat(f.feedbackStatus(accepted)).isEqualTo(Services.FEEDBACK_PAID);
    f.assertRevertsAndChangesNothing(() -> f.send(VALIDATOR_2, Services.CLAIM_FEEDBACK, List.of(rejected)),
        Services.WRONG_FEEDBACK_STATE, rejected, Services.FEEDBACK_REJECTED);

    // the close waits for the end of the round and of the last possible window
    long closableAt = openedAt + 100 + REJECTION_WINDOW;
    assertThat(f.round(round).get(12)).isEqualTo(big(closableAt));
    f.advanceTo(closableAt - 1);
    f.assertRevertsAndChangesNothing(() -> f.send(STRANGER, Services.CLOSE_ROUND, round), Services.ROUND_NOT_OVER, round, big(closableAt));
    f.chain.advance(1);
    CallResult closed = f.send(STRANGER, Services.CLOSE_ROUND, round);
    assertThat(closed.isSuccess()).as(f.describe(closed)).isTrue();
    assertThat(closed.logs()).contains(Services.ROUND_CLOSED_EVENT.toLog(SERVICES, round, OWNER, BigInteger.ONE, open(4)));

    // owner paid 6, got 4 back: 2 OPEN, exactly the one accepted feedback; nobody else gained or lost
    assertThat(f.chain.balance(OWNER)).isEqualTo(ownerStart.subtract(open(2)));
    assertThat(f.chain.balance(VALIDATOR)).isEqualTo(v1Start.add(open(2)));
    assertThat(f.chain.balance(VALIDATOR_2)).isEqualTo(v2Start);
    assertThat(f.chain.balance(TREASURY)).isEqualTo(treasuryStart);
    assertThat(f.chain.balance(SERVICES)).isZero();
    List<Object> view = f.round(round);
    assertThat(view.subList(7, 12)).isEqualTo(List.of(big(2), BigInteger.ONE, BigInteger.ONE, true, open(4)));
    assertThat(view.get(13)).isEqualTo(BigInteger.ZERO);
    f.assertBooksBalance();
    f.assertRevertsAndChangesNothing(() -> f.send(STRANGER, Services.CLOSE_ROUND, round), Services.ROUND_ALREADY_CLOSED, round);
  }

  @Test
  void acceptedFeedbackStaysClaimableAfterTheClose() {
    BigInteger round = f.openedRound();
    BigInteger a = f.submit(VALIDATOR, round, 1);
    BigInteger b = f.submit(VALIDATOR, round, 2);
    BigInteger ownerBefore = f.chain.balance(OWNER);
    f.chain.advance(100 + REJECTION_WINDOW);
    f.ok(STRANGER, Services.CLOSE_ROUND, round);
    assertThat(f.chain.balance(OWNER).subtract(ownerBefore)).isEqualTo(open(2)); // one unused slot
    assertThat(f.round(round).get(13)).isEqualTo(open(4));
    assertThat(f.view(Services.LIABILITIES)).isEqualTo(List.of(BigInteger.ZERO, open(4)));
    f.assertBooksBalance();
    BigInteger before = f.chain.balance(VALIDATOR);
    assertThat(f.ok(VALIDATOR, Services.CLAIM_FEEDBACK, List.of(a, b))).isEqualTo(open(4));
    assertThat(f.chain.balance(VALIDATOR).subtract(before)).isEqualTo(open(4));
    assertThat(f.chain.balance(SERVICES)).isZero();
    f.assertBooksBalance();
  }

  @Test
  void theOwnerMayRejectUpToTheLastBlockOfTheWindowAndNotAfter() {
    BigInteger round = f.openedRound();
    BigInteger a = f.submit(VALIDATOR, round, 1);
    BigInteger b = f.submit(VALIDATOR_2, round, 1);
    long windowEnds = f.now() + REJECTION_WINDOW;
    assertThat(f.feedback(a).get(5)).isEqualTo(big(windowEnds));
    f.advanceTo(windowEnds);
    f.ok(OWNER, Services.REJECT_FEEDBACK, a, "spam");
    f.chain.advance(1);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Services.REJECT_FEEDBACK, b, "late"), Services.REJECTION_WINDOW_CLOSED, b,
        big(windowEnds));
    assertThat(f.feedbackStatus(b)).isEqualTo(Services.FEEDBACK_ACCEPTED);
  }

  @Test
  void feedbackIsPaidOnlyAfterItsWindowAndOnlyOnce() {
    BigInteger round = f.openedRound();
    BigInteger a = f.submit(VALIDATOR, round, 1);
    long windowEnds = f.now() + REJECTION_WINDOW;
    f.advanceTo(windowEnds);
    f.assertRevertsAndChangesNothing(() -> f.send(VALIDATOR, Services.CLAIM_FEEDBACK, List.of(a)), Services.REJECTION_WINDOW_OPEN, a,
        big(windowEnds));
    f.chain.advance(1);
    f.ok(VALIDATOR, Services.CLAIM_FEEDBACK, List.of(a));
    f.assertRevertsAndChangesNothing(() -> f.send(VALIDATOR, Services.CLAIM_FEEDBACK, List.of(a)), Services.WRONG_FEEDBACK_STATE, a,
        Services.FEEDBACK_PAID);
  }

  @Test
  void aFeedbackNamedTwiceInOneClaimIsRefusedAndNothingIsPaid() {
    BigInteger round = f.openedRound();
    BigInteger a = f.submit(VALIDATOR, round, 1);
    f.chain.advance(REJECTION_WINDOW + 1);
    f.assertRevertsAndChangesNothing(() -> f.send(VALIDATOR, Services.CLAIM_FEEDBACK, List.of(a, a)), Services.WRONG_FEEDBACK_STATE, a,
        Services.FEEDBACK_PAID);
  }

  @Test
  void aRejectedFeedbackFreesItsSlot() {
    BigInteger round = f.openRound(f.modelIn(State.EVALUATION), OWNER, open(1), 1, 50);
    BigInteger spam = f.submit(VALIDATOR, round, 1);
    f.assertRevertsAndChangesNothing(() -> f.send(VALIDATOR_2, Services.SUBMIT_FEEDBACK, round, big(2), root("fb")), Services.ROUND_FULL,
        round, BigInteger.ONE);
    f.ok(OWNER, Services.REJECT_FEEDBACK, spam, "not about this model");
    BigInteger good = f.submit(VALIDATOR_2, round, 2);
    f.chain.advance(50 + REJECTION_WINDOW);
    BigInteger ownerBefore = f.chain.balance(OWNER);
    f.ok(STRANGER, Services.CLOSE_ROUND, round);
    assertThat(f.chain.balance(OWNER)).isEqualTo(ownerBefore); // the one slot is taken by accepted feedback
    assertThat(f.ok(VALIDATOR_2, Services.CLAIM_FEEDBACK, List.of(good))).isEqualTo(open(1));
    f.assertBooksBalance();
  }

  @Test
  void aValidatorGivesOneFeedbackPerRequestAndRound() {
    BigInteger round = f.openedRound();
    BigInteger first = f.submit(VALIDATOR, round, 7);
    f.assertRevertsAndChangesNothing(() -> f.send(VALIDATOR, Services.SUBMIT_FEEDBACK, round, big(7), root("again")),
        Services.DUPLICATE_FEEDBACK, round, big(7), VALIDATOR, first);
    assertThat(f.view(Services.FEEDBACK_ID_OF, round, VALIDATOR, big(7))).isEqualTo(first);
    // another request, or another validator on the same request, is fine; so is the same request in another round
    f.submit(VALIDATOR, round, 8);
    f.submit(VALIDATOR_2, round, 7);
    BigInteger other = f.openRound(f.modelIn(State.EVALUATION), OWNER, open(1), 1, 50);
    f.submit(VALIDATOR, other, 7);
    // a rejection does not allow a second feedback on the same request
    f.ok(OWNER, Services.REJECT_FEEDBACK, first, "wrong");
    f.assertRevertsAndChangesNothing(() -> f.send(VALIDATOR, Services.SUBMIT_FEEDBACK, round, big(7), root("again")),
        Services.DUPLICATE_FEEDBACK, round, big(7), VALIDATOR, first);
  }

  @Test
  void aRoundTakesFeedbackUntilTheBlockBeforeItEnds() {
    BigInteger round = f.openedRound();
    long endsAt = ((BigInteger) f.round(round).get(5)).longValueExact();
    f.advanceTo(endsAt - 1);
    f.submit(VALIDATOR, round, 1);
    f.chain.advance(1);
    f.assertRevertsAndChangesNothing(() -> f.send(VALIDATOR, Services.SUBMIT_FEEDBACK, round, big(2), root("fb")),
        Services.ROUND_NOT_ACTIVE, round, big(endsAt));
  }

  @Test
  void aRoundRunsOnADeployedModelToo() {
    BigInteger round = f.openRound(f.modelIn(State.DEPLOYED), OWNER, big(3), 2, 10);
    BigInteger a = f.submit(VALIDATOR, round, 1);
    f.chain.advance(10 + REJECTION_WINDOW);
    f.ok(STRANGER, Services.CLOSE_ROUND, round);
    assertThat(f.ok(VALIDATOR, Services.CLAIM_FEEDBACK, List.of(a))).isEqualTo(big(3));
    f.assertBooksBalance();
  }

  @Test
  void aGovernanceChangeLeavesAnOpenRoundOnItsRejectionWindow() {
    BigInteger round = f.openedRound();
    BigInteger a = f.submit(VALIDATOR, round, 1);
    f.ok(Addresses.TIMELOCK, Services.SET_PARAMETER, Services.REJECTION_WINDOW.label(), big(1_000));
    f.chain.advance(REJECTION_WINDOW + 1);
    f.ok(VALIDATOR, Services.CLAIM_FEEDBACK, List.of(a));
    assertThat(f.round(f.openedRound()).get(6)).isEqualTo(big(1_000));
  }

  @Test
  void theFeedbackViewRecordsTheSubmission() {
    BigInteger round = f.openedRound();
    BigInteger a = (BigInteger) f.ok(VALIDATOR, Services.SUBMIT_FEEDBACK, round, big(42), root("thumbs up"));
    assertThat(f.feedback(a)).isEqualTo(List.of(round, VALIDATOR, big(42), root("thumbs up"), big(f.now()),
        big(f.now() + REJECTION_WINDOW), big(Services.FEEDBACK_PENDING)));
    assertThat(f.view(Services.FEEDBACK_COUNT_VIEW)).isEqualTo(BigInteger.ONE);
    assertThat(f.view(Services.ROUND_COUNT_VIEW)).isEqualTo(BigInteger.ONE);
  }
}

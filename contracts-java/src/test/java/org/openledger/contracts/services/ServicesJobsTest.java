package org.openledger.contracts.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.services.ServicesFixture.DISPUTE_WINDOW;
import static org.openledger.contracts.services.ServicesFixture.OPEN;
import static org.openledger.contracts.services.ServicesFixture.OWNER;
import static org.openledger.contracts.services.ServicesFixture.SERVICES;
import static org.openledger.contracts.services.ServicesFixture.STRANGER;
import static org.openledger.contracts.services.ServicesFixture.TRAINER;
import static org.openledger.contracts.services.ServicesFixture.TREASURY;
import static org.openledger.contracts.services.ServicesFixture.big;
import static org.openledger.contracts.services.ServicesFixture.open;
import static org.openledger.contracts.services.ServicesFixture.root;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.model.Models.State;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.host.CallResult;

/** ModelFactory fine-tuning jobs on a real Models contract: escrow, delivery, dispute window, release, refunds. */
class ServicesJobsTest {
  final ServicesFixture f = new ServicesFixture();

  @Test
  void aFullModelFactoryFlowPaysTheTrainerItsShareAndTheTreasuryTheFeeToTheWei() {
    // governance approves a proposed model
    BigInteger model = f.propose(OWNER);
    f.chain.ok(Addresses.TIMELOCK, Addresses.MODELS, Models.APPROVE, model);
    BigInteger ownerStart = f.chain.balance(OWNER);

    // the owner funds a job: 10 OPEN escrowed, the model moves to Training
    BigInteger budget = open(10);
    CallResult opened = f.send(OWNER, budget, Services.OPEN_JOB, model, root("dataset"), big(9_000), big(1_000));
    assertThat(opened.isSuccess()).as(f.describe(opened)).isTrue();
    BigInteger job = (BigInteger) Services.OPEN_JOB.decodeOutput(opened.output());
    assertThat(job).isEqualTo(BigInteger.ONE);
    assertThat(f.modelState(model)).isEqualTo(State.TRAINING);
    assertThat(opened.logs()).contains(Services.JOB_OPENED_EVENT.toLog(SERVICES, job, model, OWNER, root("dataset"), big(9_000), budget,
        big(f.now() + 1_000), big(250), big(DISPUTE_WINDOW)));
    assertThat(f.chain.balance(OWNER)).isEqualTo(ownerStart.subtract(budget));
    assertThat(f.chain.balance(SERVICES)).isEqualTo(budget);
    assertThat(f.view(Services.LIABILITIES)).isEqualTo(List.of(budget, BigInteger.ZERO));

    // a trainer takes it, trains off-chain; the owner registers the trained version (Training → Evaluation)
    f.ok(TRAINER, Services.ACCEPT_JOB, job);
    f.chain.advance(50);
    BigInteger version = f.registerVersion(model, OWNER, "fine-tuned");
    assertThat(f.modelState(model)).isEqualTo(State.EVALUATION);

    // the trainer delivers it with a score above the threshold: the dispute window opens
    f.ok(TRAINER, Services.DELIVER, job, version, big(9_412), root("eval-set"));
    long deliveredAt = f.now();
    List<Object> j = f.job(job);
    assertThat(j.get(7)).isEqualTo(big(Services.JOB_DELIVERED));
    assertThat(j.get(8)).isEqualTo(TRAINER);
    assertThat(j.get(9)).isEqualTo(version);
    assertThat(j.get(10)).isEqualTo(root("fine-tuned"));
    assertThat(j.get(11)).isEqualTo(big(9_412));
    assertThat(j.get(12)).isEqualTo(root("eval-set"));
    assertThat(j.get(13)).isEqualTo(big(deliveredAt));
    assertThat(j.get(14)).isEqualTo(big(deliveredAt + DISPUTE_WINDOW));

    // nothing is paid inside the window
    f.advanceTo(deliveredAt + DISPUTE_WINDOW);
    f.assertRevertsAndChangesNothing(() -> f.send(STRANGER, Services.RELEASE, job), Services.DISPUTE_WINDOW_OPEN, job,
        big(deliveredAt + DISPUTE_WINDOW));

    // after it anyone releases: 9.75 OPEN to the trainer, 0.25 OPEN (250 bp) to the treasury
    f.chain.advance(1);
    BigInteger trainerBefore = f.chain.balance(TRAINER), treasuryBefore = f.chain.balance(TREASURY);
    CallResult released = f.send(STRANGER, Services.RELEASE, job);
    assertThat(released.isSuccess()).as(f.describe(released)).isTrue();
    assertThat(f.chain.balance(TRAINER).subtract(trainerBefore)).isEqualTo(new BigInteger("9750000000000000000"));
    assertThat(f.chain.balance(TREASURY).subtract(treasuryBefore)).isEqualTo(new BigInteger("250000000000000000"));
    assertThat(released.logs()).contains(Services.JOB_RELEASED_EVENT.toLog(SERVICES, job, TRAINER, new BigInteger("9750000000000000000"),
        new BigInteger("250000000000000000")));
    assertThat(f.chain.balance(OWNER)).isEqualTo(ownerStart.subtract(budget));
    assertThat(f.chain.balance(SERVICES)).isZero();
    assertThat(f.view(Services.LIABILITIES)).isEqualTo(List.of(BigInteger.ZERO, BigInteger.ZERO));
    assertThat(f.jobState(job)).isEqualTo(Services.JOB_RELEASED);
    f.assertBooksBalance();

    // and only once
    f.assertRevertsAndChangesNothing(() -> f.send(STRANGER, Services.RELEASE, job), Services.WRONG_JOB_STATE, job, Services.JOB_RELEASED);
  }

  // ------------------------------------------------------------------ deliverVersion: the trainer registers and delivers in one call

  @Test
  void aTrainerDeliversItsWeightsAsANewVersionInOneCallWithoutTheOwner() {
    BigInteger[] mj = f.acceptedJob(open(10));
    CallResult r = f.send(TRAINER, Services.DELIVER_VERSION, mj[1], ServicesFixture.versionSpec("trainer weights"), big(9_500), root("eval"));
    assertThat(r.isSuccess()).as(f.describe(r)).isTrue();
    BigInteger version = (BigInteger) Services.DELIVER_VERSION.decodeOutput(r.output());

    // the version exists at Models, with the trainer's weights root, served by the owner (host zero)
    List<?> registered = (List<?>) f.chain.view(Addresses.MODELS, Models.VERSION_VIEW, mj[0], version);
    List<Object> stored = new ArrayList<>(ServicesFixture.versionSpec("trainer weights"));
    stored.set(9, OWNER);
    assertThat(ServicesFixture.normalize((List<?>) registered.get(0))).isEqualTo(ServicesFixture.normalize(stored));
    assertThat(registered.get(2)).isEqualTo(big(f.now()));
    assertThat(f.modelState(mj[0])).isEqualTo(State.EVALUATION);
    assertThat(r.logs()).contains(Models.VERSION_REGISTERED.toLog(Addresses.MODELS, mj[0], version, stored));

    // and the job is delivered with it, in the same call
    List<Object> j = f.job(mj[1]);
    assertThat(j.get(7)).isEqualTo(big(Services.JOB_DELIVERED));
    assertThat(j.get(9)).isEqualTo(version);
    assertThat(j.get(10)).isEqualTo(root("trainer weights"));
    assertThat(r.logs()).contains(Services.JOB_DELIVERED_EVENT.toLog(SERVICES, mj[1], TRAINER, version, big(9_500), root("eval"),
        root("trainer weights"), big(f.now() + DISPUTE_WINDOW)));
    f.assertBooksBalance();
  }

  @Test
  void aVersionDeliveredByItsTrainerIsReleasedToTheTrainerAfterTheWindow() {
    BigInteger[] mj = f.acceptedJob(open(10));
    f.ok(TRAINER, Services.DELIVER_VERSION, mj[1], ServicesFixture.versionSpec("trainer weights"), big(9_500), root("eval"));
    f.chain.advance(DISPUTE_WINDOW + 1);
    BigInteger trainerBefore = f.chain.balance(TRAINER);
    f.ok(STRANGER, Services.RELEASE, mj[1]);
    assertThat(f.chain.balance(TRAINER).subtract(trainerBefore)).isEqualTo(new BigInteger("9750000000000000000"));
    f.assertBooksBalance();
  }

  @Test
  void deliverVersionRefusesEveryoneButTheJobsTrainerAndRegistersNothing() {
    BigInteger[] mj = f.acceptedJob(open(10));
    for (Address caller : List.of(OWNER, STRANGER, Addresses.SERVICES)) {
      f.assertRevertsAndChangesNothing(
          () -> f.send(caller, Services.DELIVER_VERSION, mj[1], ServicesFixture.versionSpec("stolen"), big(9_500), root("eval")),
          Services.NOT_AUTHORIZED, caller, TRAINER);
    }
  }

  @Test
  void deliverVersionRefusesAnUnknownJob() {
    f.acceptedJob(open(10));
    for (BigInteger unknown : List.of(BigInteger.ZERO, big(2), big(1_000))) {
      f.assertRevertsAndChangesNothing(
          () -> f.send(TRAINER, Services.DELIVER_VERSION, unknown, ServicesFixture.versionSpec("w"), big(9_500), root("eval")),
          Services.UNKNOWN_JOB, unknown);
    }
  }

  @Test
  void aJobIsDeliveredOnlyOnce() {
    BigInteger[] mj = f.acceptedJob(open(10));
    f.ok(TRAINER, Services.DELIVER_VERSION, mj[1], ServicesFixture.versionSpec("first"), big(9_500), root("eval"));
    f.assertRevertsAndChangesNothing(
        () -> f.send(TRAINER, Services.DELIVER_VERSION, mj[1], ServicesFixture.versionSpec("second"), big(9_900), root("eval")),
        Services.WRONG_JOB_STATE, mj[1], big(Services.JOB_DELIVERED));
    BigInteger ownerVersion = f.registerVersion(mj[0], OWNER, "owner's");
    f.assertRevertsAndChangesNothing(() -> f.send(TRAINER, Services.DELIVER, mj[1], ownerVersion, big(9_900), root("eval")),
        Services.WRONG_JOB_STATE, mj[1], big(Services.JOB_DELIVERED));
  }

  @Test
  void aSpecModelsRefusesRevertsTheWholeDeliveryWithModelsError() {
    BigInteger[] mj = f.acceptedJob(open(10));
    List<Object> noWeights = new ArrayList<>(ServicesFixture.versionSpec("w"));
    noWeights.set(0, Bytes32.ZERO);
    f.assertRevertsAndChangesNothing(() -> f.send(TRAINER, Services.DELIVER_VERSION, mj[1], noWeights, big(9_500), root("eval")),
        Models.EMPTY_ROOT);
  }

  @Test
  void aTrainersVersionBelowTheThresholdStaysRegisteredAndTheOwnerIsRefunded() {
    BigInteger[] mj = f.acceptedJob(open(4));
    BigInteger ownerBefore = f.chain.balance(OWNER);
    BigInteger version = (BigInteger) f.ok(TRAINER, Services.DELIVER_VERSION, mj[1], ServicesFixture.versionSpec("underfit"), big(8_999),
        root("eval"));
    assertThat(f.jobState(mj[1])).isEqualTo(Services.JOB_FAILED);
    assertThat(f.chain.balance(OWNER).subtract(ownerBefore)).isEqualTo(open(4));
    assertThat(f.chain.view(Addresses.MODELS, Models.VERSION_VIEW, mj[0], version)).isNotNull();
    f.assertBooksBalance();
  }

  @Test
  void theTrainersShareIsRoundedDownAndTheRemainderGoesToTheTreasury() {
    BigInteger budget = big(12_345); // 12,345 × 9,750 / 10,000 = 12,036.375
    BigInteger[] mjv = f.deliveredJob(budget);
    f.chain.advance(DISPUTE_WINDOW + 1);
    BigInteger trainerBefore = f.chain.balance(TRAINER), treasuryBefore = f.chain.balance(TREASURY);
    f.ok(STRANGER, Services.RELEASE, mjv[1]);
    assertThat(f.chain.balance(TRAINER).subtract(trainerBefore)).isEqualTo(big(12_036));
    assertThat(f.chain.balance(TREASURY).subtract(treasuryBefore)).isEqualTo(big(309));
    f.assertBooksBalance();
  }

  @Test
  void aJobOnAModelAlreadyInTrainingEvaluationOrDeployedLeavesTheModelsStateAlone() {
    for (State state : List.of(State.TRAINING, State.EVALUATION, State.DEPLOYED)) {
      BigInteger model = f.modelIn(state);
      BigInteger job = f.openJob(model, OWNER, OPEN, 1, 10);
      assertThat(f.jobState(job)).isEqualTo(Services.JOB_OPEN);
      assertThat(f.modelState(model)).isEqualTo(state);
    }
    f.assertBooksBalance();
  }

  @Test
  void aScoreBelowTheThresholdFailsTheJobAndRefundsTheOwnerAtOnce() {
    BigInteger[] mj = f.acceptedJob(open(4));
    BigInteger version = f.registerVersion(mj[0], OWNER, "underfit");
    BigInteger ownerBefore = f.chain.balance(OWNER), trainerBefore = f.chain.balance(TRAINER);
    CallResult r = f.send(TRAINER, Services.DELIVER, mj[1], version, big(8_999), root("eval"));
    assertThat(r.isSuccess()).as(f.describe(r)).isTrue();
    assertThat(r.logs()).contains(Services.JOB_REFUNDED_EVENT.toLog(SERVICES, mj[1], OWNER, big(Services.CAUSE_BELOW_THRESHOLD), open(4)));
    assertThat(f.chain.balance(OWNER).subtract(ownerBefore)).isEqualTo(open(4));
    assertThat(f.chain.balance(TRAINER)).isEqualTo(trainerBefore);
    assertThat(f.jobState(mj[1])).isEqualTo(Services.JOB_FAILED);
    assertThat(f.job(mj[1]).get(14)).isEqualTo(BigInteger.ZERO);
    assertThat(f.chain.balance(SERVICES)).isZero();
    f.assertBooksBalance();
    // a failed job cannot be disputed, released or refunded again
    f.assertRevertsAndChangesNothing(() -> f.send(STRANGER, Services.RELEASE, mj[1]), Services.WRONG_JOB_STATE, mj[1], Services.JOB_FAILED);
    f.chain.advance(2_000);
    f.assertRevertsAndChangesNothing(() -> f.send(STRANGER, Services.REFUND_JOB, mj[1]), Services.WRONG_JOB_STATE, mj[1], Services.JOB_FAILED);
  }

  @Test
  void aScoreExactlyAtTheThresholdPasses() {
    BigInteger[] mj = f.acceptedJob(OPEN);
    BigInteger version = f.registerVersion(mj[0], OWNER, "exact");
    f.ok(TRAINER, Services.DELIVER, mj[1], version, big(9_000), root("eval"));
    assertThat(f.jobState(mj[1])).isEqualTo(Services.JOB_DELIVERED);
  }

  @Test
  void anAcceptedJobNotDeliveredByItsDeadlineIsRefundedInFull() {
    BigInteger ownerStart = f.chain.balance(OWNER);
    BigInteger[] mj = f.acceptedJob(open(7));
    BigInteger deadline = (BigInteger) f.job(mj[1]).get(6);
    f.advanceTo(deadline.longValueExact());
    f.assertRevertsAndChangesNothing(() -> f.send(STRANGER, Services.REFUND_JOB, mj[1]), Services.JOB_NOT_EXPIRED, mj[1], deadline);
    f.chain.advance(1);
    BigInteger version = f.registerVersion(mj[0], OWNER, "late");
    f.assertRevertsAndChangesNothing(() -> f.send(TRAINER, Services.DELIVER, mj[1], version, big(9_999), root("eval")),
        Services.JOB_EXPIRED, mj[1], deadline);
    CallResult r = f.send(STRANGER, Services.REFUND_JOB, mj[1]);
    assertThat(r.isSuccess()).as(f.describe(r)).isTrue();
    assertThat(r.logs()).contains(Services.JOB_REFUNDED_EVENT.toLog(SERVICES, mj[1], OWNER, big(Services.CAUSE_TIMEOUT), open(7)));
    assertThat(f.chain.balance(OWNER)).isEqualTo(ownerStart);
    assertThat(f.jobState(mj[1])).isEqualTo(Services.JOB_REFUNDED);
    f.assertBooksBalance();
  }

  @Test
  void anOpenJobNobodyAcceptedIsRefundedAfterItsDeadlineAndCannotBeAcceptedLate() {
    BigInteger ownerStart = f.chain.balance(OWNER);
    BigInteger[] mj = f.openedJob(open(3));
    BigInteger deadline = (BigInteger) f.job(mj[1]).get(6);
    f.advanceTo(deadline.longValueExact() + 1);
    f.assertRevertsAndChangesNothing(() -> f.send(TRAINER, Services.ACCEPT_JOB, mj[1]), Services.JOB_EXPIRED, mj[1], deadline);
    f.ok(TRAINER, Services.REFUND_JOB, mj[1]);
    assertThat(f.chain.balance(OWNER)).isEqualTo(ownerStart);
    f.assertBooksBalance();
  }

  @Test
  void theOwnerMayCancelAJobNoTrainerHasAccepted() {
    BigInteger ownerStart = f.chain.balance(OWNER);
    BigInteger[] mj = f.openedJob(open(5));
    CallResult r = f.send(OWNER, Services.CANCEL_JOB, mj[1]);
    assertThat(r.isSuccess()).as(f.describe(r)).isTrue();
    assertThat(r.logs()).contains(Services.JOB_REFUNDED_EVENT.toLog(SERVICES, mj[1], OWNER, big(Services.CAUSE_CANCELLED), open(5)));
    assertThat(f.chain.balance(OWNER)).isEqualTo(ownerStart);
    assertThat(f.jobState(mj[1])).isEqualTo(Services.JOB_REFUNDED);
    // the model stays Training: Models has no way back to Approved
    assertThat(f.modelState(mj[0])).isEqualTo(State.TRAINING);
    f.assertRevertsAndChangesNothing(() -> f.send(TRAINER, Services.ACCEPT_JOB, mj[1]), Services.WRONG_JOB_STATE, mj[1], Services.JOB_REFUNDED);
    f.assertBooksBalance();
  }

  @Test
  void anAcceptedJobCannotBeCancelled() {
    BigInteger[] mj = f.acceptedJob(open(5));
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Services.CANCEL_JOB, mj[1]), Services.WRONG_JOB_STATE, mj[1], Services.JOB_ACCEPTED);
  }

  @Test
  void aDisputeDecidedForTheTrainerPaysTheTrainerAsARelease() {
    BigInteger[] mjv = f.disputedJob(open(20));
    assertThat(f.jobState(mjv[1])).isEqualTo(Services.JOB_DISPUTED);
    // a disputed job is not released when the window passes
    f.chain.advance(DISPUTE_WINDOW + 1);
    f.assertRevertsAndChangesNothing(() -> f.send(STRANGER, Services.RELEASE, mjv[1]), Services.WRONG_JOB_STATE, mjv[1],
        Services.JOB_DISPUTED);
    BigInteger trainerBefore = f.chain.balance(TRAINER), treasuryBefore = f.chain.balance(TREASURY), ownerBefore = f.chain.balance(OWNER);
    CallResult r = f.send(Addresses.TIMELOCK, Services.RESOLVE_DISPUTE, mjv[1], true);
    assertThat(r.isSuccess()).as(f.describe(r)).isTrue();
    assertThat(r.logs()).contains(Services.DISPUTE_RESOLVED_EVENT.toLog(SERVICES, mjv[1], true));
    assertThat(f.chain.balance(TRAINER).subtract(trainerBefore)).isEqualTo(new BigInteger("19500000000000000000"));
    assertThat(f.chain.balance(TREASURY).subtract(treasuryBefore)).isEqualTo(new BigInteger("500000000000000000"));
    assertThat(f.chain.balance(OWNER)).isEqualTo(ownerBefore);
    assertThat(f.jobState(mjv[1])).isEqualTo(Services.JOB_RELEASED);
    f.assertBooksBalance();
  }

  @Test
  void aDisputeDecidedForTheOwnerRefundsTheWholeBudget() {
    BigInteger ownerStart = f.chain.balance(OWNER);
    BigInteger[] mjv = f.disputedJob(open(20));
    BigInteger trainerBefore = f.chain.balance(TRAINER), treasuryBefore = f.chain.balance(TREASURY);
    CallResult r = f.send(Addresses.TIMELOCK, Services.RESOLVE_DISPUTE, mjv[1], false);
    assertThat(r.isSuccess()).as(f.describe(r)).isTrue();
    assertThat(r.logs()).contains(Services.JOB_REFUNDED_EVENT.toLog(SERVICES, mjv[1], OWNER, big(Services.CAUSE_DISPUTE_UPHELD), open(20)));
    assertThat(f.chain.balance(OWNER)).isEqualTo(ownerStart);
    assertThat(f.chain.balance(TRAINER)).isEqualTo(trainerBefore);
    assertThat(f.chain.balance(TREASURY)).isEqualTo(treasuryBefore);
    assertThat(f.jobState(mjv[1])).isEqualTo(Services.JOB_REFUNDED);
    f.assertRevertsAndChangesNothing(() -> f.send(Addresses.TIMELOCK, Services.RESOLVE_DISPUTE, mjv[1], true), Services.WRONG_JOB_STATE,
        mjv[1], Services.JOB_REFUNDED);
    f.assertBooksBalance();
  }

  @Test
  void theOwnerMayDisputeUpToTheLastBlockOfTheWindowAndNotAfter() {
    BigInteger[] mjv = f.deliveredJob(OPEN);
    BigInteger ends = (BigInteger) f.job(mjv[1]).get(14);
    f.advanceTo(ends.longValueExact() + 1);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Services.DISPUTE, mjv[1], "too late"), Services.DISPUTE_WINDOW_CLOSED, mjv[1], ends);

    BigInteger[] other = f.deliveredJob(OPEN);
    BigInteger otherEnds = (BigInteger) f.job(other[1]).get(14);
    f.advanceTo(otherEnds.longValueExact());
    CallResult r = f.send(OWNER, Services.DISPUTE, other[1], "eval root does not match the dataset");
    assertThat(r.isSuccess()).as(f.describe(r)).isTrue();
    assertThat(r.logs()).contains(Services.JOB_DISPUTED_EVENT.toLog(SERVICES, other[1], OWNER, "eval root does not match the dataset"));
  }

  @Test
  void aGovernanceChangeLeavesAnOpenJobOnTheFeeAndWindowItWasOpenedWith() {
    BigInteger[] mj = f.acceptedJob(open(10));
    f.ok(Addresses.TIMELOCK, Services.SET_PARAMETER, Services.SERVICE_FEE_BP.label(), big(1_000));
    f.ok(Addresses.TIMELOCK, Services.SET_PARAMETER, Services.DISPUTE_WINDOW.label(), big(5));
    BigInteger version = f.registerVersion(mj[0], OWNER, "trained");
    f.ok(TRAINER, Services.DELIVER, mj[1], version, big(9_500), root("eval"));
    assertThat(f.job(mj[1]).get(14)).isEqualTo(big(f.now() + DISPUTE_WINDOW));
    f.chain.advance(DISPUTE_WINDOW + 1);
    BigInteger trainerBefore = f.chain.balance(TRAINER);
    f.ok(STRANGER, Services.RELEASE, mj[1]);
    assertThat(f.chain.balance(TRAINER).subtract(trainerBefore)).isEqualTo(new BigInteger("9750000000000000000"));
    // a job opened now takes the new terms
    BigInteger next = f.openJob(mj[0], OWNER, open(10), 0, 10);
    assertThat(f.job(next).get(15)).isEqualTo(big(1_000));
    assertThat(f.job(next).get(16)).isEqualTo(big(5));
  }

  @Test
  void theJobViewRecordsItsTerms() {
    BigInteger[] mj = f.openedJob(open(2));
    long opened = f.now();
    List<Object> j = f.job(mj[1]);
    assertThat(j.subList(0, 9)).isEqualTo(List.of(OWNER, mj[0], root("dataset"), big(9_000), open(2), big(opened), big(opened + 1_000),
        big(Services.JOB_OPEN), Address.ZERO));
    assertThat(j.get(15)).isEqualTo(big(250));
    assertThat(j.get(16)).isEqualTo(big(DISPUTE_WINDOW));
    assertThat(f.view(Services.JOB_COUNT_VIEW)).isEqualTo(BigInteger.ONE);
  }

  @Test
  void everyFunctionStaysWithinItsDeclaredGasWhenEveryParameterIsSet() {
    // set parameters cost two reads each: the worst case of every rule
    f.ok(Addresses.TIMELOCK, Services.SET_PARAMETER, Services.SERVICE_FEE_BP.label(), big(100));
    f.ok(Addresses.TIMELOCK, Services.SET_PARAMETER, Services.DISPUTE_WINDOW.label(), big(10));
    f.ok(Addresses.TIMELOCK, Services.SET_PARAMETER, Services.REJECTION_WINDOW.label(), big(10));
    f.ok(Addresses.TIMELOCK, Services.SET_PARAMETER, Services.MAX_JOB_DURATION_BLOCKS.label(), big(10_000));
    f.ok(Addresses.TIMELOCK, Services.SET_PARAMETER, Services.MAX_FEEDBACK_PER_ROUND.label(), big(50));
    BigInteger[] mjv = f.disputedJob(open(3));
    f.ok(Addresses.TIMELOCK, Services.RESOLVE_DISPUTE, mjv[1], true);
    BigInteger[] failed = f.acceptedJob(OPEN);
    f.ok(TRAINER, Services.DELIVER, failed[1], f.registerVersion(failed[0], OWNER, "bad"), big(1), root("eval"));
    BigInteger[] released = f.deliveredJob(OPEN);
    f.chain.advance(11);
    f.ok(STRANGER, Services.RELEASE, released[1]);
    BigInteger round = f.openRound(f.modelIn(State.DEPLOYED), OWNER, OPEN, 50, 100);
    BigInteger a = f.submit(ServicesFixture.VALIDATOR, round, 1);
    f.ok(OWNER, Services.REJECT_FEEDBACK, a, "x".repeat(Services.MAX_REASON_BYTES));
    BigInteger b = f.submit(ServicesFixture.VALIDATOR, round, 2);
    f.chain.advance(120);
    f.ok(STRANGER, Services.CLOSE_ROUND, round);
    f.ok(ServicesFixture.VALIDATOR, Services.CLAIM_FEEDBACK, List.of(b));
    f.assertBooksBalance();
  }
}

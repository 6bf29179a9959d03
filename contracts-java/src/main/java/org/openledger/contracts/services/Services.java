package org.openledger.contracts.services;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Governed;
import org.openledger.contracts.Governed.Bounded;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.settlement.BasisPoints;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.Args;
import org.openledger.precompiles.contract.CallContext;
import org.openledger.precompiles.contract.ContractSpec;
import org.openledger.precompiles.contract.Declarations;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.contract.EventSpec;
import org.openledger.precompiles.contract.FrameworkErrors;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.contract.NativeContract;
import org.openledger.precompiles.contract.Revert;
import org.openledger.precompiles.contract.StructSpec;
import org.openledger.precompiles.gas.GasRule;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.storage.Parameter;
import org.openledger.precompiles.storage.Slot;
import org.openledger.precompiles.storage.StorageString;

/**
 * Paid AI services (DESIGN §4, "AI services") at {@link Addresses#SERVICES} ({@code 0x…0a06}):
 * ModelFactory fine-tuning jobs held in escrow, and RLHF feedback rounds paid from a locked budget.
 *
 * <h2>ModelFactory jobs</h2>
 * <pre>
 *   openJob (model owner, budget as value) ──▶ Open ──acceptJob (first trainer)──▶ Accepted
 *   Open ──cancelJob (owner)──▶ Refunded            Open | Accepted ──refundJob (after deadline)──▶ Refunded
 *   Accepted ──deliverVersion | deliver (trainer, before deadline)──▶ Delivered   (score ≥ minScore; dispute window opens)
 *                                                └──▶ Failed     (score &lt; minScore; budget back to the owner at once)
 *   Delivered ──release (anyone, after the window)──▶ Released   (trainer paid, fee to the treasury)
 *   Delivered ──dispute (owner, inside the window)──▶ Disputed ──resolveDispute (Timelock)──▶ Released | Refunded
 * </pre>
 * <ul>
 *   <li>{@code openJob} reads the model through {@code Models.model}: only its owner may fund a job,
 *       and only while the model is Approved, Training, Evaluation or Deployed (governance has
 *       approved it; Proposed, Rejected and Deprecated models get no jobs). An Approved model is
 *       moved to Training with {@code Models.markTraining}; a model already Training or beyond is
 *       left as it is, so a second job never fails because of the lifecycle. A refunded job does
 *       not move the model back: Models has no Training → Approved transition.
 *   <li>The job snapshots {@code serviceFeeBp} and {@code disputeWindow} when it is opened: later
 *       governance changes never alter the terms owner and trainer agreed to.
 *   <li>The trainer delivers a version of the job's model with {@code deliverVersion}: Services
 *       registers the trainer's {@code VersionSpec} at Models ({@code registerVersionFor}, which only
 *       Services may call) and records the delivery in the same call. So the version exists, with
 *       the trainer's weights root, exactly when the job is delivered: an owner cannot take the
 *       weights and leave the job undelivered until it times out and refunds. {@code deliver} names
 *       a version the owner registered itself; it must have been registered no earlier than the
 *       block the job was opened in (an old version is not this job's work). A version is delivered
 *       for at most one job. The job records the version's weights root.
 *   <li>{@code evaluationScore} is the trainer's committed evaluation score, an integer in the unit
 *       the owner chose for {@code minScore} (e.g. accuracy in basis points), over the evaluation
 *       set committed in {@code evaluationRoot}. It is not recomputed on-chain yet: during the
 *       dispute window the owner may challenge it (or the version) with {@code dispute}, and the
 *       Timelock decides. Recomputation by provers for the small models is a later fork.
 *   <li>A dispute needs no bond: only the owner, who funded the job, may raise one, and the
 *       escrow stays put until governance decides. A disputed job has no timeout.
 * </ul>
 *
 * <h2>RLHF rounds</h2>
 * The model owner ({@code Evaluation} or {@code Deployed} model) locks exactly {@code
 * rewardPerFeedback × maxFeedback}. During the round ({@code durationBlocks} blocks from the
 * opening block) anyone but the owner submits feedback on an inference request, once per
 * (validator, requestId) per round. The request id is a reference, not checked against the
 * Inference contract (RLHF may run on evaluation outputs before a model serves inference): the
 * owner rejects feedback that does not concern this model. A feedback is accepted unless the owner
 * rejects it, with a reason, within {@code rejectionWindow} blocks (snapshotted per round) after its
 * submission block; a rejected feedback frees its slot, so at most {@code maxFeedback} feedbacks of
 * a round are live (not rejected) at once and rejected spam cannot exhaust a round. Accepted
 * feedback is paid {@code rewardPerFeedback} to its validator by {@code claimFeedback}. When the
 * round has ended and every window has passed ({@code block ≥ endsAt + rejectionWindow}), {@code
 * closeRound} returns {@code rewardPerFeedback × (maxFeedback − accepted)} to the owner; accepted
 * feedback stays claimable after the close.
 *
 * <h2>Money</h2>
 * All amounts are wei. A released job pays the trainer {@code floor(budget × (10000 − feeBp) /
 * 10000)} and the treasury the rest (the fee and the rounding remainder). Refunds return the whole
 * budget. A round never pays out more than it locked: claims pay {@code rewardPerFeedback} per
 * accepted feedback (at most {@code maxFeedback} of them) and the close returns exactly the
 * unaccepted slots. The contract keeps {@code jobEscrow} (budgets of jobs not yet released or
 * refunded) and {@code roundBudgets} (locked budget not yet paid or returned); its balance equals
 * their sum ({@code liabilities()}) after every call, unless OPEN is forced onto it from outside
 * (a self-destruct); such surplus is not owed to anyone and stays. State is updated before the
 * transfers that depend on it, and a call that reverts changes nothing (the executor's journal
 * drops its writes, transfers and logs): a claim naming one unpayable feedback pays nothing.
 *
 * <h2>Storage layout (as the equivalent Solidity contract; every field a full word)</h2>
 * <pre>
 * slot 0:  uint256 jobCount
 * slot 1:  mapping(uint256 =&gt; Job) jobs           (words in {@link J} order)
 * slot 2:  uint256 roundCount
 * slot 3:  mapping(uint256 =&gt; Round) rounds       (words in {@link R} order)
 * slot 4:  uint256 feedbackCount
 * slot 5:  mapping(uint256 =&gt; Feedback) feedback  (words in {@link F} order)
 * slot 6:  mapping(uint256 roundId =&gt; mapping(address validator =&gt; mapping(uint256 requestId =&gt; uint256 feedbackId)))
 * slot 7:  mapping(uint256 modelId =&gt; mapping(uint256 version =&gt; uint256 jobId)) deliveredIn
 * slot 8:  uint256 jobEscrow
 * slot 9:  uint256 roundBudgets
 * slot 10, 11: parameters ({@link Parameter})
 * </pre>
 */
public final class Services extends NativeContract {
  /** {@code 0x…0a06}. */
  public static final Address ADDRESS = Addresses.SERVICES;

  /** Job states, as {@code job(id).state} reports them. */
  public static final int JOB_OPEN = 1, JOB_ACCEPTED = 2, JOB_DELIVERED = 3, JOB_DISPUTED = 4, JOB_RELEASED = 5, JOB_REFUNDED = 6,
      JOB_FAILED = 7;
  /** Why a job's budget went back to its owner, as {@code JobRefunded.cause} reports it. */
  public static final int CAUSE_TIMEOUT = 0, CAUSE_CANCELLED = 1, CAUSE_BELOW_THRESHOLD = 2, CAUSE_DISPUTE_UPHELD = 3;
  /** Feedback status, as {@code feedback(id).status} reports it (Accepted is Pending whose window has passed). */
  public static final int FEEDBACK_PENDING = 1, FEEDBACK_ACCEPTED = 2, FEEDBACK_REJECTED = 3, FEEDBACK_PAID = 4;

  /** Longest dispute or rejection reason, in UTF-8 bytes. */
  public static final int MAX_REASON_BYTES = 256;
  /** Largest reward per feedback: 2^128 − 1 wei, so a round's budget always fits a uint256. */
  public static final BigInteger MAX_REWARD = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
  /** Upper bound of every block-count parameter and of maxFeedbackPerRound: 2^32 − 1. */
  public static final BigInteger MAX_UINT32 = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);

  private static final BigInteger WHOLE_BP = BigInteger.valueOf(BasisPoints.WHOLE);
  /** A VersionSpec of the right shape: the ABI encoding of the fixed-size struct, hence registerVersionFor's gas, does not depend on its values. */
  private static final List<Object> ANY_SPEC = Models.VERSION_SPEC.fields().stream().map(p -> switch (p.type().canonical()) {
    case "bytes32" -> (Object) Bytes32.ZERO;
    case "address" -> Address.ZERO;
    default -> BigInteger.ZERO;
  }).toList();

  // ------------------------------------------------------------------ storage

  private static final Slot JOB_COUNT = Slot.at(0);
  private static final Slot JOBS = Slot.at(1);
  private static final Slot ROUND_COUNT = Slot.at(2);
  private static final Slot ROUNDS = Slot.at(3);
  private static final Slot FEEDBACK_COUNT = Slot.at(4);
  private static final Slot FEEDBACK = Slot.at(5);
  private static final Slot FEEDBACK_OF = Slot.at(6);
  private static final Slot DELIVERED_IN = Slot.at(7);
  private static final Slot JOB_ESCROW = Slot.at(8);
  private static final Slot ROUND_BUDGETS = Slot.at(9);
  private static final Slot PARAMS = Slot.at(10);

  /** Words of a stored job, in the order of the {@code Job} struct. */
  enum J {
    OWNER, MODEL_ID, DATASET_ROOT, MIN_SCORE, BUDGET, OPENED_AT, DEADLINE, STATE, TRAINER, VERSION, WEIGHTS_ROOT, EVALUATION_SCORE,
    EVALUATION_ROOT, DELIVERED_AT, DISPUTE_ENDS, FEE_BP, DISPUTE_WINDOW
  }

  /** Words of a stored round (the {@code Round} struct adds the derived closableAt and locked). */
  enum R { OWNER, MODEL_ID, REWARD, MAX_FEEDBACK, OPENED_AT, ENDS_AT, REJECTION_WINDOW, SUBMITTED, REJECTED, PAID, CLOSED, REFUNDED }

  /** Words of a stored feedback (the {@code Feedback} struct adds the derived windowEnds; status is derived from state). */
  enum F { ROUND_ID, VALIDATOR, REQUEST_ID, FEEDBACK_HASH, SUBMITTED_AT, STATE }

  // ------------------------------------------------------------------ parameters

  /** Blocks after a delivery during which the owner may dispute it; default 600. Snapshotted per job. */
  public static final Parameter DISPUTE_WINDOW = new Parameter("disputeWindow", PARAMS, BigInteger.valueOf(600));
  /** Blocks after a feedback's submission during which the round's owner may reject it; default 300. Snapshotted per round. */
  public static final Parameter REJECTION_WINDOW = new Parameter("rejectionWindow", PARAMS, BigInteger.valueOf(300));
  /** The treasury's share of a released job's budget, in basis points; default 250 (2.5%). Snapshotted per job. */
  public static final Parameter SERVICE_FEE_BP = new Parameter("serviceFeeBp", PARAMS, BigInteger.valueOf(250));
  /** Longest job deadline and longest RLHF round, in blocks; default 201,600 (four weeks of 12-second blocks). */
  public static final Parameter MAX_JOB_DURATION_BLOCKS = new Parameter("maxJobDurationBlocks", PARAMS, BigInteger.valueOf(201_600));
  /** Most feedback slots a round may lock a budget for; default 10,000. */
  public static final Parameter MAX_FEEDBACK_PER_ROUND = new Parameter("maxFeedbackPerRound", PARAMS, BigInteger.valueOf(10_000));

  /** Every parameter with its bounds, in the order {@code parameters()} returns them. */

  static final List<Bounded> PARAMETERS_IN_ORDER = List.of(
      new Bounded(DISPUTE_WINDOW, BigInteger.ONE, MAX_UINT32),
      new Bounded(REJECTION_WINDOW, BigInteger.ONE, MAX_UINT32),
      new Bounded(SERVICE_FEE_BP, BigInteger.ZERO, WHOLE_BP),
      new Bounded(MAX_JOB_DURATION_BLOCKS, BigInteger.ONE, MAX_UINT32),
      new Bounded(MAX_FEEDBACK_PER_ROUND, BigInteger.ONE, MAX_UINT32));

  // ------------------------------------------------------------------ interface

  private static final Declarations D = new Declarations("IServices");

  /** The {@code deliverVersion} argument: Models' {@code VersionSpec}, the same ABI tuple. */
  public static final StructSpec VERSION_SPEC_STRUCT = D.struct("VersionSpec", Models.VERSION_SPEC_FIELDS.toArray(String[]::new));
  /** The {@code job(uint256)} view. */
  public static final StructSpec JOB_STRUCT = D.struct("Job",
      "address owner", "uint256 modelId", "bytes32 datasetRoot", "uint256 minScore", "uint256 budget", "uint64 openedAt",
      "uint64 deadline", "uint8 state", "address trainer", "uint256 version", "bytes32 weightsRoot", "uint256 evaluationScore",
      "bytes32 evaluationRoot", "uint64 deliveredAt", "uint64 disputeEnds", "uint16 serviceFeeBp", "uint64 disputeWindow");
  /** The {@code round(uint256)} view. */
  public static final StructSpec ROUND_STRUCT = D.struct("Round",
      "address owner", "uint256 modelId", "uint256 rewardPerFeedback", "uint32 maxFeedback", "uint64 openedAt", "uint64 endsAt",
      "uint64 rejectionWindow", "uint256 submitted", "uint256 rejected", "uint256 paid", "bool closed", "uint256 refunded",
      "uint64 closableAt", "uint256 locked");
  /** The {@code feedback(uint256)} view. */
  public static final StructSpec FEEDBACK_STRUCT = D.struct("Feedback",
      "uint256 roundId", "address validator", "uint256 requestId", "bytes32 feedbackHash", "uint64 submittedAt", "uint64 windowEnds",
      "uint8 status");

  // errors

  public static final ErrorSpec NOT_AUTHORIZED = D.error("NotAuthorized(address caller, address authorized)",
      "Only `authorized` may call this: the model's or job's or round's owner, the job's trainer, the feedback's validator, or the Timelock.");
  public static final ErrorSpec SELF_DEALING = D.error("SelfDealing(address caller)",
      "The owner of a job or round cannot be its trainer or one of its validators.");
  public static final ErrorSpec UNKNOWN_MODEL = D.error("UnknownModel(uint256 modelId)", "No model has this id at the Models contract.");
  public static final ErrorSpec UNKNOWN_VERSION = D.error("UnknownVersion(uint256 modelId, uint256 version)",
      "The model has no registered version with this number.");
  public static final ErrorSpec UNKNOWN_JOB = D.error("UnknownJob(uint256 jobId)", "No job has this id (ids start at 1).");
  public static final ErrorSpec UNKNOWN_ROUND = D.error("UnknownRound(uint256 roundId)", "No round has this id (ids start at 1).");
  public static final ErrorSpec UNKNOWN_FEEDBACK = D.error("UnknownFeedback(uint256 feedbackId)", "No feedback has this id (ids start at 1).");
  public static final ErrorSpec MODEL_NOT_TRAINABLE = D.error("ModelNotTrainable(uint256 modelId, uint8 state)", """
      Jobs are funded only for models governance approved and did not retire: Approved (1), Training (3), Evaluation (4) or
      Deployed (5).""");
  public static final ErrorSpec MODEL_NOT_IN_FEEDBACK_PHASE = D.error("ModelNotInFeedbackPhase(uint256 modelId, uint8 state)",
      "RLHF rounds run on a model in Evaluation (4) or Deployed (5).");
  public static final ErrorSpec ZERO_BUDGET = D.error("ZeroBudget()", "A job must escrow a positive budget (sent as value).");
  public static final ErrorSpec ZERO_REWARD = D.error("ZeroReward()", "A round must pay a positive reward per feedback.");
  public static final ErrorSpec REWARD_TOO_LARGE = D.error("RewardTooLarge(uint256 rewardPerFeedback, uint256 max)",
      "The reward per feedback is above 2^128 - 1 wei.");
  public static final ErrorSpec WRONG_BUDGET = D.error("WrongBudget(uint256 sent, uint256 required)",
      "A round must lock exactly rewardPerFeedback x maxFeedback (sent as value).");
  public static final ErrorSpec ZERO_HASH = D.error("ZeroHash()", "A dataset root, evaluation root or feedback hash cannot be zero.");
  public static final ErrorSpec ZERO_REQUEST_ID = D.error("ZeroRequestId()", "Feedback must name an inference request (ids start at 1).");
  public static final ErrorSpec INVALID_DURATION = D.error("InvalidDuration(uint256 blocks, uint256 max)",
      "A job deadline or round duration must be 1 to maxJobDurationBlocks blocks.");
  public static final ErrorSpec INVALID_MAX_FEEDBACK = D.error("InvalidMaxFeedback(uint256 maxFeedback, uint256 limit)",
      "A round must have 1 to maxFeedbackPerRound feedback slots.");
  public static final ErrorSpec INVALID_REASON = D.error("InvalidReason(uint256 length, uint256 max)",
      "A dispute or rejection needs a reason of 1 to `max` UTF-8 bytes.");
  public static final ErrorSpec WRONG_JOB_STATE = D.error("WrongJobState(uint256 jobId, uint8 state)", """
      The job's state does not allow this (1 Open, 2 Accepted, 3 Delivered, 4 Disputed, 5 Released, 6 Refunded, 7 Failed).""");
  public static final ErrorSpec JOB_EXPIRED = D.error("JobExpired(uint256 jobId, uint64 deadline)",
      "The job's deadline has passed: it can no longer be accepted or delivered, only refunded.");
  public static final ErrorSpec JOB_NOT_EXPIRED = D.error("JobNotExpired(uint256 jobId, uint64 deadline)",
      "An undelivered job is refunded only after its deadline block.");
  public static final ErrorSpec VERSION_PREDATES_JOB = D.error(
      "VersionPredatesJob(uint256 modelId, uint256 version, uint256 registeredAt, uint256 openedAt)",
      "The version was registered before the job was opened, so it is not this job's work.");
  public static final ErrorSpec VERSION_ALREADY_DELIVERED = D.error("VersionAlreadyDelivered(uint256 modelId, uint256 version, uint256 jobId)",
      "The version was already delivered for job `jobId`; a version is delivered at most once.");
  public static final ErrorSpec DISPUTE_WINDOW_CLOSED = D.error("DisputeWindowClosed(uint256 jobId, uint64 disputeEnds)",
      "The dispute window ended at that block.");
  public static final ErrorSpec DISPUTE_WINDOW_OPEN = D.error("DisputeWindowOpen(uint256 jobId, uint64 disputeEnds)",
      "The budget is released only after the dispute window's last block.");
  public static final ErrorSpec ROUND_NOT_ACTIVE = D.error("RoundNotActive(uint256 roundId, uint64 endsAt)",
      "The round took feedback until the block before `endsAt`.");
  public static final ErrorSpec ROUND_FULL = D.error("RoundFull(uint256 roundId, uint256 maxFeedback)",
      "The round already holds maxFeedback feedbacks that are not rejected.");
  public static final ErrorSpec DUPLICATE_FEEDBACK = D.error(
      "DuplicateFeedback(uint256 roundId, uint256 requestId, address validator, uint256 feedbackId)",
      "The validator already gave feedback on this request in this round (as `feedbackId`).");
  public static final ErrorSpec WRONG_FEEDBACK_STATE = D.error("WrongFeedbackState(uint256 feedbackId, uint8 status)",
      "The feedback was already rejected (3) or paid (4).");
  public static final ErrorSpec REJECTION_WINDOW_CLOSED = D.error("RejectionWindowClosed(uint256 feedbackId, uint64 windowEnds)",
      "The feedback's rejection window ended at that block: it is accepted.");
  public static final ErrorSpec REJECTION_WINDOW_OPEN = D.error("RejectionWindowOpen(uint256 feedbackId, uint64 windowEnds)",
      "The feedback is paid only after its rejection window's last block.");
  public static final ErrorSpec EMPTY_CLAIM = D.error("EmptyClaim()", "Name at least one feedback to claim.");
  public static final ErrorSpec ROUND_NOT_OVER = D.error("RoundNotOver(uint256 roundId, uint64 closableAt)",
      "A round closes from block endsAt + rejectionWindow on, when every feedback's window has passed.");
  public static final ErrorSpec ROUND_ALREADY_CLOSED = D.error("RoundAlreadyClosed(uint256 roundId)", "The round was closed before.");
  public static final ErrorSpec UNKNOWN_PARAMETER = D.error("UnknownParameter(bytes32 name)",
      "Parameters: disputeWindow, rejectionWindow, serviceFeeBp, maxJobDurationBlocks, maxFeedbackPerRound.");
  public static final ErrorSpec PARAMETER_OUT_OF_RANGE = D.error("ParameterOutOfRange(bytes32 name, uint256 value, uint256 min, uint256 max)",
      "A governance parameter must lie within [min, max].");

  // events

  public static final EventSpec JOB_OPENED_EVENT = D.event(
      "JobOpened(uint256 indexed jobId, uint256 indexed modelId, address indexed owner, bytes32 datasetRoot, uint256 minScore, uint256 budget, uint64 deadline, uint16 serviceFeeBp, uint64 disputeWindow)",
      "A fine-tuning job escrowed `budget`; its fee and dispute window are fixed for its life.");
  public static final EventSpec JOB_ACCEPTED_EVENT = D.event("JobAccepted(uint256 indexed jobId, address indexed trainer)",
      "A trainer took the job; only it may deliver.");
  public static final EventSpec JOB_DELIVERED_EVENT = D.event(
      "JobDelivered(uint256 indexed jobId, address indexed trainer, uint256 indexed version, uint256 evaluationScore, bytes32 evaluationRoot, bytes32 weightsRoot, uint64 disputeEnds)",
      "The trainer delivered a version with its committed evaluation score; disputeEnds is 0 when the score missed the threshold.");
  public static final EventSpec JOB_DISPUTED_EVENT = D.event("JobDisputed(uint256 indexed jobId, address indexed owner, string reason)",
      "The owner disputed the delivery inside the window; the Timelock decides.");
  public static final EventSpec DISPUTE_RESOLVED_EVENT = D.event("DisputeResolved(uint256 indexed jobId, bool trainerWins)",
      "Governance decided a dispute: the trainer is paid, or the owner refunded.");
  public static final EventSpec JOB_RELEASED_EVENT = D.event(
      "JobReleased(uint256 indexed jobId, address indexed trainer, uint256 toTrainer, uint256 toTreasury)",
      "The budget was paid out: the trainer's share rounded down, the fee and remainder to the treasury.");
  public static final EventSpec JOB_REFUNDED_EVENT = D.event(
      "JobRefunded(uint256 indexed jobId, address indexed owner, uint8 indexed cause, uint256 amount)",
      "The whole budget went back to the owner: cause 0 timeout, 1 cancelled, 2 score below threshold, 3 dispute upheld.");
  public static final EventSpec ROUND_OPENED_EVENT = D.event(
      "RoundOpened(uint256 indexed roundId, uint256 indexed modelId, address indexed owner, uint256 rewardPerFeedback, uint32 maxFeedback, uint64 endsAt, uint64 rejectionWindow)",
      "An RLHF round locked rewardPerFeedback x maxFeedback and takes feedback until the block before endsAt.");
  public static final EventSpec FEEDBACK_SUBMITTED_EVENT = D.event(
      "FeedbackSubmitted(uint256 indexed feedbackId, uint256 indexed roundId, address indexed validator, uint256 requestId, bytes32 feedbackHash)",
      "A validator submitted feedback on an inference request; it is accepted unless rejected within the window.");
  public static final EventSpec FEEDBACK_REJECTED_EVENT = D.event(
      "FeedbackRejected(uint256 indexed feedbackId, uint256 indexed roundId, address indexed validator, string reason)",
      "The round's owner rejected a feedback inside its window, with a reason; its slot is free again.");
  public static final EventSpec FEEDBACK_PAID_EVENT = D.event(
      "FeedbackPaid(uint256 indexed feedbackId, uint256 indexed roundId, address indexed validator, uint256 amount)",
      "An accepted feedback was paid its reward.");
  public static final EventSpec ROUND_CLOSED_EVENT = D.event(
      "RoundClosed(uint256 indexed roundId, address indexed owner, uint256 accepted, uint256 refund)",
      "The round closed: `refund` (the unused and rejected slots' rewards) went back to the owner.");
  public static final EventSpec PARAMETER_SET_EVENT = D.event("ParameterSet(bytes32 indexed name, uint256 value)", "Governance changed a parameter.");

  // functions

  public static final FunctionSpec OPEN_JOB = D.function(
      "openJob(uint256 modelId, bytes32 datasetRoot, uint256 minScore, uint64 deadlineBlocks) payable returns (uint256 jobId)", """
      The model's owner opens a fine-tuning job, escrowing the value sent as its budget. `datasetRoot` commits what the job
      asks for: the Keccak-256 of its training specification in the content store (evaluation set, architecture and
      hyper-parameters; docs/attribution.md §9), or of its evaluation set alone, which leaves the training to the trainer.
      A trainer must deliver a version whose committed evaluation score is at least `minScore` within `deadlineBlocks`
      blocks (1 to maxJobDurationBlocks).
      An Approved model moves to Training; a model already Training, Evaluation or Deployed is left as it is.
      @return jobId the new job's id""",
      (s, data) -> Models.MODEL_VIEW.nestedCost(s, BigInteger.ONE) + Models.MARK_TRAINING.nestedCost(s, BigInteger.ONE)
          + 8 * s.storageRead() + 12 * s.storageWrite() + 7 * s.storageKey() + s.log(4, 6 * 32)); // keys: 3 parameters, the job
  public static final FunctionSpec ACCEPT_JOB = D.function("acceptJob(uint256 jobId)",
      "The first caller other than the owner takes an Open job before its deadline and becomes its trainer.",
      GasRule.fixed(s -> 4 * s.storageRead() + 2 * s.storageWrite() + s.storageKey() + s.log(3, 0)));
  public static final FunctionSpec CANCEL_JOB = D.function("cancelJob(uint256 jobId)",
      "The owner withdraws a job no trainer has accepted yet; the whole budget comes back.",
      GasRule.fixed(Services::refundGas));
  public static final FunctionSpec DELIVER = D.function(
      "deliver(uint256 jobId, uint256 version, uint256 evaluationScore, bytes32 evaluationRoot)", """
      The trainer delivers `version` of the job's model (registered by the owner since the job opened, not delivered
      before) with its committed evaluation score over the evaluation set `evaluationRoot`, before the deadline. A score
      below minScore fails the job and refunds the owner at once; otherwise the dispute window opens. The score can be
      challenged by the owner during the window (recomputation by provers comes in a later fork).""",
      (s, data) -> Models.VERSION_VIEW.nestedCost(s, BigInteger.ONE, BigInteger.ONE)
          + 13 * s.storageRead() + 9 * s.storageWrite() + 3 * s.storageKey() + s.transfer() + s.log(4, 4 * 32) + s.log(4, 32));
  public static final FunctionSpec DELIVER_VERSION = D.function(
      "deliverVersion(uint256 jobId, VersionSpec spec, uint256 evaluationScore, bytes32 evaluationRoot) returns (uint256 version)", """
      The trainer delivers its trained weights as a new version of the job's model, before the deadline: the version is
      registered at Models on the owner's behalf (registerVersionFor; its checks and state change apply) and delivered
      in the same call, as deliver would deliver it. The owner keeps setHost and setRates for the version.
      @return version the new version's number""",
      (s, data) -> Models.REGISTER_VERSION_FOR.nestedCost(s, BigInteger.ONE, ANY_SPEC)
          + 11 * s.storageRead() + 9 * s.storageWrite() + 3 * s.storageKey() + s.transfer() + s.log(4, 4 * 32) + s.log(4, 32));
  public static final FunctionSpec DISPUTE = D.function("dispute(uint256 jobId, string reason)", """
      The owner disputes a delivery inside its dispute window, with a reason of 1 to 256 bytes; the budget stays escrowed
      until the Timelock decides with resolveDispute.""",
      GasRule.perWordAfter(2, s -> 4 * s.storageRead() + s.storageWrite() + s.storageKey() + s.log(3, 64), GasSchedule::loggedStringWord));
  public static final FunctionSpec RESOLVE_DISPUTE = D.function("resolveDispute(uint256 jobId, bool trainerWins)", """
      Governance decides a disputed job: the trainer is paid as by release, or the owner is refunded in full. Timelock only.""",
      GasRule.fixed(s -> s.log(2, 32) + payoutGas(s)));
  public static final FunctionSpec RELEASE = D.function("release(uint256 jobId)", """
      After the dispute window's last block, anyone pays a delivered job: floor(budget x (10000 - serviceFeeBp) / 10000) to
      the trainer, the rest to the treasury.""",
      GasRule.fixed(s -> s.storageRead() + payoutGas(s)));
  public static final FunctionSpec REFUND_JOB = D.function("refundJob(uint256 jobId)",
      "After the deadline block, anyone returns the whole budget of a job that was not delivered (Open or Accepted) to its owner.",
      GasRule.fixed(Services::refundGas));
  public static final FunctionSpec OPEN_ROUND = D.function(
      "openRound(uint256 modelId, uint256 rewardPerFeedback, uint32 maxFeedback, uint64 durationBlocks) payable returns (uint256 roundId)", """
      The owner of a model in Evaluation or Deployed opens an RLHF round, locking exactly rewardPerFeedback x maxFeedback
      (sent as value). The round takes feedback for `durationBlocks` blocks (1 to maxJobDurationBlocks); maxFeedback is
      1 to maxFeedbackPerRound.
      @return roundId the new round's id""",
      (s, data) -> Models.MODEL_VIEW.nestedCost(s, BigInteger.ONE) + 8 * s.storageRead() + 9 * s.storageWrite()
          + 7 * s.storageKey() + s.log(4, 4 * 32)); // keys: 3 parameters, the round
  public static final FunctionSpec SUBMIT_FEEDBACK = D.function(
      "submitFeedback(uint256 roundId, uint256 requestId, bytes32 feedbackHash) returns (uint256 feedbackId)", """
      Anyone but the round's owner submits feedback on an inference request while the round runs: once per (validator,
      requestId) per round, while fewer than maxFeedback of the round's feedbacks are live (not rejected).
      @return feedbackId the new feedback's id""",
      // keys: the round, the (round, validator, request) entry (3), the feedback
      GasRule.fixed(s -> 8 * s.storageRead() + 9 * s.storageWrite() + 5 * s.storageKey() + s.log(4, 64)));
  public static final FunctionSpec REJECT_FEEDBACK = D.function("rejectFeedback(uint256 feedbackId, string reason)", """
      The round's owner rejects a feedback within rejectionWindow blocks of its submission, with a reason of 1 to 256
      bytes. A rejected feedback is never paid and frees its slot; its reward returns to the owner at closeRound.""",
      GasRule.perWordAfter(2, s -> 8 * s.storageRead() + 2 * s.storageWrite() + 2 * s.storageKey() + s.log(4, 64),
          GasSchedule::loggedStringWord));
  public static final FunctionSpec CLAIM_FEEDBACK = D.function("claimFeedback(uint256[] feedbackIds) returns (uint256 amount)", """
      Pays the caller rewardPerFeedback for each named feedback it submitted that is accepted (not rejected, its window
      passed) and not yet paid. Reverts if any named feedback is not payable to the caller. Gas grows with the number of ids.
      @return amount the wei sent to the caller""",
      GasRule.perWordAfter(2, s -> 3 * s.storageRead() + s.storageWrite() + s.transfer(),
          s -> 7 * s.storageRead() + 2 * s.storageWrite() + 2 * s.storageKey() + s.log(4, 32)));
  public static final FunctionSpec CLOSE_ROUND = D.function("closeRound(uint256 roundId)", """
      From block endsAt + rejectionWindow on, anyone closes a round: rewardPerFeedback x (maxFeedback - accepted) goes
      back to the owner. Accepted feedback stays claimable.""",
      GasRule.fixed(s -> 10 * s.storageRead() + 4 * s.storageWrite() + s.storageKey() + s.transfer() + s.log(3, 64)));
  public static final FunctionSpec SET_PARAMETER = D.function("setParameter(bytes32 name, uint256 value)", """
      Governance sets disputeWindow (1 to 2^32-1 blocks), rejectionWindow (1 to 2^32-1), serviceFeeBp (0 to 10000),
      maxJobDurationBlocks (1 to 2^32-1) or maxFeedbackPerRound (1 to 2^32-1). Open jobs and rounds keep their snapshot.
      Timelock only.""",
      GasRule.fixed(s -> 2 * s.storageWrite() + 2 * s.storageKey() + s.log(2, 32)));

  public static final FunctionSpec JOB = D.function("job(uint256 jobId) view returns (Job job)",
      "A job: terms, state, trainer and delivery. Zero fields are not set yet.",
      GasRule.view(1 + J.values().length, 1));
  public static final FunctionSpec ROUND = D.function("round(uint256 roundId) view returns (Round round)", """
      A round: terms; submitted counts every feedback ever submitted (rejected ones included), rejected and paid those
      rejected and paid; whether it is closed and what the close refunded; closableAt = endsAt + rejectionWindow; locked is
      the budget not yet paid or refunded.""",
      GasRule.view(1 + R.values().length, 1));
  public static final FunctionSpec FEEDBACK_VIEW = D.function("feedback(uint256 feedbackId) view returns (Feedback feedback)",
      "A feedback: status 1 Pending (inside its window), 2 Accepted (window passed, unpaid), 3 Rejected, 4 Paid.",
      GasRule.view(2 + F.values().length, 2));
  public static final FunctionSpec FEEDBACK_ID_OF = D.function(
      "feedbackIdOf(uint256 roundId, address validator, uint256 requestId) view returns (uint256 feedbackId)",
      "The feedback `validator` gave on `requestId` in the round, or 0 if none.", GasRule.view(1, 3));
  public static final FunctionSpec JOB_COUNT_VIEW = D.function("jobCount() view returns (uint256 count)",
      "How many jobs were opened; ids run from 1 to this.", GasRule.view(1, 0));
  public static final FunctionSpec ROUND_COUNT_VIEW = D.function("roundCount() view returns (uint256 count)",
      "How many rounds were opened; ids run from 1 to this.", GasRule.view(1, 0));
  public static final FunctionSpec FEEDBACK_COUNT_VIEW = D.function("feedbackCount() view returns (uint256 count)",
      "How many feedbacks were submitted, in all rounds; ids run from 1 to this.", GasRule.view(1, 0));
  public static final FunctionSpec LIABILITIES = D.function("liabilities() view returns (uint256 jobEscrow, uint256 roundBudgets)", """
      What the contract owes: budgets of jobs not yet released or refunded, and round budgets not yet paid or returned.
      The contract's balance equals their sum.""",
      GasRule.view(2, 0));
  public static final FunctionSpec PARAMETERS = D.function(
      "parameters() view returns (uint64 disputeWindow, uint64 rejectionWindow, uint16 serviceFeeBp, uint64 maxJobDurationBlocks, uint32 maxFeedbackPerRound)",
      "The governance parameters in force for new jobs and rounds (defaults until set: 600, 300, 250, 201600, 10000).",
      GasRule.view(2L * PARAMETERS_IN_ORDER.size(), 2L * PARAMETERS_IN_ORDER.size()));

  public static final ContractSpec SPEC = D.spec("""
      OpenLedger's paid AI services: ModelFactory fine-tuning jobs in escrow (threshold on a committed evaluation score,
      dispute window, refund on timeout or failed threshold) and RLHF rounds (locked budget, feedback accepted unless the
      owner rejects it with a reason inside a window, payment of accepted feedback).""");

  public Services() {
    super(SPEC);
    on(OPEN_JOB, this::openJob);
    on(ACCEPT_JOB, this::acceptJob);
    on(CANCEL_JOB, this::cancelJob);
    on(DELIVER, this::deliver);
    on(DELIVER_VERSION, this::deliverVersion);
    on(DISPUTE, this::dispute);
    on(RESOLVE_DISPUTE, this::resolveDispute);
    on(RELEASE, this::release);
    on(REFUND_JOB, this::refundJob);
    on(OPEN_ROUND, this::openRound);
    on(SUBMIT_FEEDBACK, this::submitFeedback);
    on(REJECT_FEEDBACK, this::rejectFeedback);
    on(CLAIM_FEEDBACK, this::claimFeedback);
    on(CLOSE_ROUND, this::closeRound);
    on(SET_PARAMETER, this::setParameter);
    on(JOB, this::jobView);
    on(ROUND, this::roundView);
    on(FEEDBACK_VIEW, this::feedbackView);
    on(FEEDBACK_ID_OF, (ctx, in) -> ctx.loadUint(feedbackOf(in.uint(0), in.address(1), in.uint(2))));
    on(JOB_COUNT_VIEW, (ctx, in) -> ctx.loadUint(JOB_COUNT));
    on(ROUND_COUNT_VIEW, (ctx, in) -> ctx.loadUint(ROUND_COUNT));
    on(FEEDBACK_COUNT_VIEW, (ctx, in) -> ctx.loadUint(FEEDBACK_COUNT));
    on(LIABILITIES, (ctx, in) -> List.of(ctx.loadUint(JOB_ESCROW), ctx.loadUint(ROUND_BUDGETS)));
    on(PARAMETERS, (ctx, in) -> PARAMETERS_IN_ORDER.stream().map(b -> (Object) b.parameter().read(ctx)).toList());
  }

  // ------------------------------------------------------------------ jobs

  private Object openJob(CallContext ctx, Args in) {
    BigInteger modelId = in.uint(0);
    Bytes32 datasetRoot = in.bytes32(1);
    BigInteger minScore = in.uint(2);
    BigInteger deadlineBlocks = in.uint(3);
    BigInteger budget = ctx.value();
    List<?> model = model(ctx, modelId);
    Address owner = (Address) model.get(0);
    only(ctx, owner);
    Models.State state = Models.State.of(((BigInteger) model.get(4)).intValueExact());
    switch (state) {
      case APPROVED, TRAINING, EVALUATION, DEPLOYED -> { }
      default -> throw MODEL_NOT_TRAINABLE.revert(modelId, state.uint8());
    }
    if (budget.signum() == 0) throw ZERO_BUDGET.revert();
    if (datasetRoot.isZero()) throw ZERO_HASH.revert();
    BigInteger maxDuration = MAX_JOB_DURATION_BLOCKS.read(ctx);
    if (deadlineBlocks.signum() == 0 || deadlineBlocks.compareTo(maxDuration) > 0) throw INVALID_DURATION.revert(deadlineBlocks, maxDuration);
    BigInteger feeBp = SERVICE_FEE_BP.read(ctx);
    BigInteger disputeWindow = DISPUTE_WINDOW.read(ctx);

    if (state == Models.State.APPROVED) ctx.call(Addresses.MODELS, Models.MARK_TRAINING, BigInteger.ZERO, modelId);

    BigInteger id = ctx.loadUint(JOB_COUNT).add(BigInteger.ONE);
    ctx.storeUint(JOB_COUNT, id);
    Slot job = JOBS.mapping(id);
    BigInteger now = now(ctx);
    BigInteger deadline = now.add(deadlineBlocks);
    ctx.storeAddress(j(job, J.OWNER), owner);
    ctx.storeUint(j(job, J.MODEL_ID), modelId);
    ctx.store(j(job, J.DATASET_ROOT), datasetRoot);
    if (minScore.signum() != 0) ctx.storeUint(j(job, J.MIN_SCORE), minScore);
    ctx.storeUint(j(job, J.BUDGET), budget);
    ctx.storeUint(j(job, J.OPENED_AT), now);
    ctx.storeUint(j(job, J.DEADLINE), deadline);
    ctx.storeUint(j(job, J.STATE), BigInteger.valueOf(JOB_OPEN));
    if (feeBp.signum() != 0) ctx.storeUint(j(job, J.FEE_BP), feeBp);
    ctx.storeUint(j(job, J.DISPUTE_WINDOW), disputeWindow);
    add(ctx, JOB_ESCROW, budget);
    ctx.emit(JOB_OPENED_EVENT, id, modelId, owner, datasetRoot, minScore, budget, deadline, feeBp, disputeWindow);
    return id;
  }

  private Object acceptJob(CallContext ctx, Args in) {
    BigInteger id = in.uint(0);
    Slot job = existingJob(ctx, id);
    if (ctx.caller().equals(ctx.loadAddress(j(job, J.OWNER)))) throw SELF_DEALING.revert(ctx.caller());
    requireJobState(ctx, job, id, JOB_OPEN);
    BigInteger deadline = ctx.loadUint(j(job, J.DEADLINE));
    if (now(ctx).compareTo(deadline) > 0) throw JOB_EXPIRED.revert(id, deadline);
    ctx.storeAddress(j(job, J.TRAINER), ctx.caller());
    ctx.storeUint(j(job, J.STATE), BigInteger.valueOf(JOB_ACCEPTED));
    ctx.emit(JOB_ACCEPTED_EVENT, id, ctx.caller());
    return null;
  }

  private Object cancelJob(CallContext ctx, Args in) {
    BigInteger id = in.uint(0);
    Slot job = existingJob(ctx, id);
    Address owner = ctx.loadAddress(j(job, J.OWNER));
    only(ctx, owner);
    requireJobState(ctx, job, id, JOB_OPEN);
    refundOwner(ctx, job, id, owner, JOB_REFUNDED, CAUSE_CANCELLED);
    return null;
  }

  private Object deliver(CallContext ctx, Args in) {
    BigInteger id = in.uint(0);
    BigInteger version = in.uint(1);
    Slot job = existingJob(ctx, id);
    Address trainer = requireDeliverable(ctx, job, id, in.bytes32(3));
    BigInteger modelId = ctx.loadUint(j(job, J.MODEL_ID));
    List<?> registered = version(ctx, modelId, version);
    Bytes32 weightsRoot = Bytes32.wrap((Bytes) ((List<?>) registered.get(0)).get(0));
    BigInteger registeredAt = (BigInteger) registered.get(2);
    BigInteger openedAt = ctx.loadUint(j(job, J.OPENED_AT));
    if (registeredAt.compareTo(openedAt) < 0) throw VERSION_PREDATES_JOB.revert(modelId, version, registeredAt, openedAt);
    recordDelivery(ctx, job, id, trainer, modelId, version, weightsRoot, in.uint(2), in.bytes32(3));
    return null;
  }

  private Object deliverVersion(CallContext ctx, Args in) {
    BigInteger id = in.uint(0);
    List<Object> spec = in.list(1);
    Slot job = existingJob(ctx, id);
    Address trainer = requireDeliverable(ctx, job, id, in.bytes32(3));
    BigInteger modelId = ctx.loadUint(j(job, J.MODEL_ID));
    // a nested call: if Models refuses the spec, its custom error reverts the whole delivery
    BigInteger version = (BigInteger) ctx.call(Addresses.MODELS, Models.REGISTER_VERSION_FOR, BigInteger.ZERO, modelId, spec);
    recordDelivery(ctx, job, id, trainer, modelId, version, Bytes32.wrap((Bytes) spec.get(0)), in.uint(2), in.bytes32(3));
    return version;
  }

  /** The job is Accepted, the caller is its trainer, the deadline has not passed and the evaluation root is set; returns the trainer. */
  private static Address requireDeliverable(CallContext ctx, Slot job, BigInteger id, Bytes32 evaluationRoot) {
    requireJobState(ctx, job, id, JOB_ACCEPTED);
    Address trainer = ctx.loadAddress(j(job, J.TRAINER));
    only(ctx, trainer);
    BigInteger deadline = ctx.loadUint(j(job, J.DEADLINE));
    if (now(ctx).compareTo(deadline) > 0) throw JOB_EXPIRED.revert(id, deadline);
    if (evaluationRoot.isZero()) throw ZERO_HASH.revert();
    return trainer;
  }

  /** Records a delivery of {@code version}: Delivered with its dispute window, or Failed and refunded below the threshold. */
  private static void recordDelivery(CallContext ctx, Slot job, BigInteger id, Address trainer, BigInteger modelId, BigInteger version,
                                     Bytes32 weightsRoot, BigInteger score, Bytes32 evaluationRoot) {
    BigInteger now = now(ctx);
    Slot deliveredIn = DELIVERED_IN.mapping(modelId).mapping(version);
    BigInteger earlier = ctx.loadUint(deliveredIn);
    if (earlier.signum() != 0) throw VERSION_ALREADY_DELIVERED.revert(modelId, version, earlier);
    boolean passed = score.compareTo(ctx.loadUint(j(job, J.MIN_SCORE))) >= 0;

    ctx.storeUint(deliveredIn, id);
    ctx.storeUint(j(job, J.VERSION), version);
    ctx.store(j(job, J.WEIGHTS_ROOT), weightsRoot);
    if (score.signum() != 0) ctx.storeUint(j(job, J.EVALUATION_SCORE), score);
    ctx.store(j(job, J.EVALUATION_ROOT), evaluationRoot);
    ctx.storeUint(j(job, J.DELIVERED_AT), now);
    if (passed) {
      BigInteger disputeEnds = now.add(ctx.loadUint(j(job, J.DISPUTE_WINDOW)));
      ctx.storeUint(j(job, J.DISPUTE_ENDS), disputeEnds);
      ctx.storeUint(j(job, J.STATE), BigInteger.valueOf(JOB_DELIVERED));
      ctx.emit(JOB_DELIVERED_EVENT, id, trainer, version, score, evaluationRoot, weightsRoot, disputeEnds);
    } else {
      ctx.emit(JOB_DELIVERED_EVENT, id, trainer, version, score, evaluationRoot, weightsRoot, BigInteger.ZERO);
      refundOwner(ctx, job, id, ctx.loadAddress(j(job, J.OWNER)), JOB_FAILED, CAUSE_BELOW_THRESHOLD);
    }
  }

  private Object dispute(CallContext ctx, Args in) {
    BigInteger id = in.uint(0);
    String reason = in.string(1);
    Slot job = existingJob(ctx, id);
    Address owner = ctx.loadAddress(j(job, J.OWNER));
    only(ctx, owner);
    requireJobState(ctx, job, id, JOB_DELIVERED);
    BigInteger disputeEnds = ctx.loadUint(j(job, J.DISPUTE_ENDS));
    if (now(ctx).compareTo(disputeEnds) > 0) throw DISPUTE_WINDOW_CLOSED.revert(id, disputeEnds);
    checkReason(reason);
    ctx.storeUint(j(job, J.STATE), BigInteger.valueOf(JOB_DISPUTED));
    ctx.emit(JOB_DISPUTED_EVENT, id, owner, reason);
    return null;
  }

  private Object resolveDispute(CallContext ctx, Args in) {
    onlyTimelock(ctx);
    BigInteger id = in.uint(0);
    boolean trainerWins = in.bool(1);
    Slot job = existingJob(ctx, id);
    requireJobState(ctx, job, id, JOB_DISPUTED);
    ctx.emit(DISPUTE_RESOLVED_EVENT, id, trainerWins);
    if (trainerWins) payTrainer(ctx, job, id);
    else refundOwner(ctx, job, id, ctx.loadAddress(j(job, J.OWNER)), JOB_REFUNDED, CAUSE_DISPUTE_UPHELD);
    return null;
  }

  private Object release(CallContext ctx, Args in) {
    BigInteger id = in.uint(0);
    Slot job = existingJob(ctx, id);
    requireJobState(ctx, job, id, JOB_DELIVERED);
    BigInteger disputeEnds = ctx.loadUint(j(job, J.DISPUTE_ENDS));
    if (now(ctx).compareTo(disputeEnds) <= 0) throw DISPUTE_WINDOW_OPEN.revert(id, disputeEnds);
    payTrainer(ctx, job, id);
    return null;
  }

  private Object refundJob(CallContext ctx, Args in) {
    BigInteger id = in.uint(0);
    Slot job = existingJob(ctx, id);
    int state = ctx.loadUint(j(job, J.STATE)).intValueExact();
    if (state != JOB_OPEN && state != JOB_ACCEPTED) throw WRONG_JOB_STATE.revert(id, BigInteger.valueOf(state));
    BigInteger deadline = ctx.loadUint(j(job, J.DEADLINE));
    if (now(ctx).compareTo(deadline) <= 0) throw JOB_NOT_EXPIRED.revert(id, deadline);
    refundOwner(ctx, job, id, ctx.loadAddress(j(job, J.OWNER)), JOB_REFUNDED, CAUSE_TIMEOUT);
    return null;
  }

  /** Pays a job out: the trainer's share rounded down, the fee and the remainder to the treasury. */
  private static void payTrainer(CallContext ctx, Slot job, BigInteger id) {
    BigInteger budget = ctx.loadUint(j(job, J.BUDGET));
    int feeBp = ctx.loadUint(j(job, J.FEE_BP)).intValueExact();
    Address trainer = ctx.loadAddress(j(job, J.TRAINER));
    BigInteger toTrainer = BasisPoints.share(budget, BasisPoints.WHOLE - feeBp);
    BigInteger toTreasury = budget.subtract(toTrainer);
    ctx.storeUint(j(job, J.STATE), BigInteger.valueOf(JOB_RELEASED));
    add(ctx, JOB_ESCROW, budget.negate());
    pay(ctx, trainer, toTrainer);
    pay(ctx, Addresses.TREASURY, toTreasury);
    ctx.emit(JOB_RELEASED_EVENT, id, trainer, toTrainer, toTreasury);
  }

  /** Returns the whole budget to the owner and leaves the job in {@code finalState}. */
  private static void refundOwner(CallContext ctx, Slot job, BigInteger id, Address owner, int finalState, int cause) {
    BigInteger budget = ctx.loadUint(j(job, J.BUDGET));
    ctx.storeUint(j(job, J.STATE), BigInteger.valueOf(finalState));
    add(ctx, JOB_ESCROW, budget.negate());
    pay(ctx, owner, budget);
    ctx.emit(JOB_REFUNDED_EVENT, id, owner, BigInteger.valueOf(cause), budget);
  }

  /** Reads and writes of a payout after the job's state has been read (state, budget, fee, trainer, escrow), and the job's key. */
  private static long payoutGas(GasSchedule s) {
    return 7 * s.storageRead() + 2 * s.storageWrite() + s.storageKey() + 2 * s.transfer() + Math.max(s.log(3, 64), s.log(4, 32));
  }

  /** cancelJob and refundJob: count, owner, state, deadline, budget, escrow; state and escrow written; one transfer. */
  private static long refundGas(GasSchedule s) {
    return 6 * s.storageRead() + 2 * s.storageWrite() + s.storageKey() + s.transfer() + s.log(4, 32);
  }

  // ------------------------------------------------------------------ RLHF rounds

  private Object openRound(CallContext ctx, Args in) {
    BigInteger modelId = in.uint(0);
    BigInteger reward = in.uint(1);
    BigInteger maxFeedback = in.uint(2);
    BigInteger duration = in.uint(3);
    List<?> model = model(ctx, modelId);
    Address owner = (Address) model.get(0);
    only(ctx, owner);
    Models.State state = Models.State.of(((BigInteger) model.get(4)).intValueExact());
    if (state != Models.State.EVALUATION && state != Models.State.DEPLOYED) throw MODEL_NOT_IN_FEEDBACK_PHASE.revert(modelId, state.uint8());
    if (reward.signum() == 0) throw ZERO_REWARD.revert();
    if (reward.compareTo(MAX_REWARD) > 0) throw REWARD_TOO_LARGE.revert(reward, MAX_REWARD);
    BigInteger limit = MAX_FEEDBACK_PER_ROUND.read(ctx);
    if (maxFeedback.signum() == 0 || maxFeedback.compareTo(limit) > 0) throw INVALID_MAX_FEEDBACK.revert(maxFeedback, limit);
    BigInteger maxDuration = MAX_JOB_DURATION_BLOCKS.read(ctx);
    if (duration.signum() == 0 || duration.compareTo(maxDuration) > 0) throw INVALID_DURATION.revert(duration, maxDuration);
    BigInteger budget = reward.multiply(maxFeedback);
    if (!ctx.value().equals(budget)) throw WRONG_BUDGET.revert(ctx.value(), budget);
    BigInteger window = REJECTION_WINDOW.read(ctx);

    BigInteger id = ctx.loadUint(ROUND_COUNT).add(BigInteger.ONE);
    ctx.storeUint(ROUND_COUNT, id);
    Slot round = ROUNDS.mapping(id);
    BigInteger now = now(ctx);
    BigInteger endsAt = now.add(duration);
    ctx.storeAddress(r(round, R.OWNER), owner);
    ctx.storeUint(r(round, R.MODEL_ID), modelId);
    ctx.storeUint(r(round, R.REWARD), reward);
    ctx.storeUint(r(round, R.MAX_FEEDBACK), maxFeedback);
    ctx.storeUint(r(round, R.OPENED_AT), now);
    ctx.storeUint(r(round, R.ENDS_AT), endsAt);
    ctx.storeUint(r(round, R.REJECTION_WINDOW), window);
    add(ctx, ROUND_BUDGETS, budget);
    ctx.emit(ROUND_OPENED_EVENT, id, modelId, owner, reward, maxFeedback, endsAt, window);
    return id;
  }

  private Object submitFeedback(CallContext ctx, Args in) {
    BigInteger roundId = in.uint(0);
    BigInteger requestId = in.uint(1);
    Bytes32 hash = in.bytes32(2);
    Address validator = ctx.caller();
    Slot round = existingRound(ctx, roundId);
    if (validator.equals(ctx.loadAddress(r(round, R.OWNER)))) throw SELF_DEALING.revert(validator);
    BigInteger endsAt = ctx.loadUint(r(round, R.ENDS_AT));
    if (now(ctx).compareTo(endsAt) >= 0) throw ROUND_NOT_ACTIVE.revert(roundId, endsAt);
    if (requestId.signum() == 0) throw ZERO_REQUEST_ID.revert();
    if (hash.isZero()) throw ZERO_HASH.revert();
    Slot byRequest = feedbackOf(roundId, validator, requestId);
    BigInteger existing = ctx.loadUint(byRequest);
    if (existing.signum() != 0) throw DUPLICATE_FEEDBACK.revert(roundId, requestId, validator, existing);
    BigInteger submitted = ctx.loadUint(r(round, R.SUBMITTED));
    BigInteger live = submitted.subtract(ctx.loadUint(r(round, R.REJECTED)));
    BigInteger maxFeedback = ctx.loadUint(r(round, R.MAX_FEEDBACK));
    if (live.compareTo(maxFeedback) >= 0) throw ROUND_FULL.revert(roundId, maxFeedback);

    BigInteger id = ctx.loadUint(FEEDBACK_COUNT).add(BigInteger.ONE);
    ctx.storeUint(FEEDBACK_COUNT, id);
    Slot fb = FEEDBACK.mapping(id);
    ctx.storeUint(f(fb, F.ROUND_ID), roundId);
    ctx.storeAddress(f(fb, F.VALIDATOR), validator);
    ctx.storeUint(f(fb, F.REQUEST_ID), requestId);
    ctx.store(f(fb, F.FEEDBACK_HASH), hash);
    ctx.storeUint(f(fb, F.SUBMITTED_AT), now(ctx));
    ctx.storeUint(f(fb, F.STATE), BigInteger.valueOf(FEEDBACK_PENDING));
    ctx.storeUint(byRequest, id);
    ctx.storeUint(r(round, R.SUBMITTED), submitted.add(BigInteger.ONE));
    ctx.emit(FEEDBACK_SUBMITTED_EVENT, id, roundId, validator, requestId, hash);
    return id;
  }

  private Object rejectFeedback(CallContext ctx, Args in) {
    BigInteger id = in.uint(0);
    String reason = in.string(1);
    Slot fb = existingFeedback(ctx, id);
    BigInteger roundId = ctx.loadUint(f(fb, F.ROUND_ID));
    Slot round = ROUNDS.mapping(roundId);
    only(ctx, ctx.loadAddress(r(round, R.OWNER)));
    int state = ctx.loadUint(f(fb, F.STATE)).intValueExact();
    if (state != FEEDBACK_PENDING) throw WRONG_FEEDBACK_STATE.revert(id, BigInteger.valueOf(state));
    BigInteger windowEnds = ctx.loadUint(f(fb, F.SUBMITTED_AT)).add(ctx.loadUint(r(round, R.REJECTION_WINDOW)));
    if (now(ctx).compareTo(windowEnds) > 0) throw REJECTION_WINDOW_CLOSED.revert(id, windowEnds);
    checkReason(reason);
    ctx.storeUint(f(fb, F.STATE), BigInteger.valueOf(FEEDBACK_REJECTED));
    add(ctx, r(round, R.REJECTED), BigInteger.ONE);
    ctx.emit(FEEDBACK_REJECTED_EVENT, id, roundId, ctx.loadAddress(f(fb, F.VALIDATOR)), reason);
    return null;
  }

  private Object claimFeedback(CallContext ctx, Args in) {
    List<Object> ids = in.list(0);
    if (ids.isEmpty()) throw EMPTY_CLAIM.revert();
    BigInteger count = ctx.loadUint(FEEDBACK_COUNT);
    BigInteger now = now(ctx);
    BigInteger total = BigInteger.ZERO;
    for (Object o : ids) {
      BigInteger id = (BigInteger) o;
      if (!exists(id, count)) throw UNKNOWN_FEEDBACK.revert(id);
      Slot fb = FEEDBACK.mapping(id);
      only(ctx, ctx.loadAddress(f(fb, F.VALIDATOR)));
      int state = ctx.loadUint(f(fb, F.STATE)).intValueExact();
      if (state != FEEDBACK_PENDING) throw WRONG_FEEDBACK_STATE.revert(id, BigInteger.valueOf(state));
      BigInteger roundId = ctx.loadUint(f(fb, F.ROUND_ID));
      Slot round = ROUNDS.mapping(roundId);
      BigInteger windowEnds = ctx.loadUint(f(fb, F.SUBMITTED_AT)).add(ctx.loadUint(r(round, R.REJECTION_WINDOW)));
      if (now.compareTo(windowEnds) <= 0) throw REJECTION_WINDOW_OPEN.revert(id, windowEnds);
      BigInteger reward = ctx.loadUint(r(round, R.REWARD));
      ctx.storeUint(f(fb, F.STATE), BigInteger.valueOf(FEEDBACK_PAID));
      add(ctx, r(round, R.PAID), BigInteger.ONE);
      ctx.emit(FEEDBACK_PAID_EVENT, id, roundId, ctx.caller(), reward);
      total = total.add(reward);
    }
    add(ctx, ROUND_BUDGETS, total.negate());
    ctx.transfer(ctx.caller(), total);
    return total;
  }

  private Object closeRound(CallContext ctx, Args in) {
    BigInteger id = in.uint(0);
    Slot round = existingRound(ctx, id);
    if (ctx.loadBool(r(round, R.CLOSED))) throw ROUND_ALREADY_CLOSED.revert(id);
    BigInteger closableAt = ctx.loadUint(r(round, R.ENDS_AT)).add(ctx.loadUint(r(round, R.REJECTION_WINDOW)));
    if (now(ctx).compareTo(closableAt) < 0) throw ROUND_NOT_OVER.revert(id, closableAt);
    BigInteger accepted = ctx.loadUint(r(round, R.SUBMITTED)).subtract(ctx.loadUint(r(round, R.REJECTED)));
    BigInteger refund = ctx.loadUint(r(round, R.REWARD)).multiply(ctx.loadUint(r(round, R.MAX_FEEDBACK)).subtract(accepted));
    Address owner = ctx.loadAddress(r(round, R.OWNER));
    ctx.storeBool(r(round, R.CLOSED), true);
    if (refund.signum() != 0) {
      ctx.storeUint(r(round, R.REFUNDED), refund);
      add(ctx, ROUND_BUDGETS, refund.negate());
      ctx.transfer(owner, refund);
    }
    ctx.emit(ROUND_CLOSED_EVENT, id, owner, accepted, refund);
    return null;
  }

  // ------------------------------------------------------------------ governance

  private Object setParameter(CallContext ctx, Args in) {
    onlyTimelock(ctx);
    Bytes32 name = in.bytes32(0);
    BigInteger value = in.uint(1);
    for (Bounded b : PARAMETERS_IN_ORDER) {
      if (b.parameter().label().equals(name)) {
        b.check(value, PARAMETER_OUT_OF_RANGE);
        Governed.set(ctx, b.parameter(), value, PARAMETER_SET_EVENT);
        return null;
      }
    }
    throw UNKNOWN_PARAMETER.revert(name);
  }

  // ------------------------------------------------------------------ views

  private Object jobView(CallContext ctx, Args in) {
    Slot job = existingJob(ctx, in.uint(0));
    return List.of(ctx.loadAddress(j(job, J.OWNER)), ctx.loadUint(j(job, J.MODEL_ID)), ctx.load(j(job, J.DATASET_ROOT)),
        ctx.loadUint(j(job, J.MIN_SCORE)), ctx.loadUint(j(job, J.BUDGET)), ctx.loadUint(j(job, J.OPENED_AT)),
        ctx.loadUint(j(job, J.DEADLINE)), ctx.loadUint(j(job, J.STATE)), ctx.loadAddress(j(job, J.TRAINER)),
        ctx.loadUint(j(job, J.VERSION)), ctx.load(j(job, J.WEIGHTS_ROOT)), ctx.loadUint(j(job, J.EVALUATION_SCORE)),
        ctx.load(j(job, J.EVALUATION_ROOT)), ctx.loadUint(j(job, J.DELIVERED_AT)), ctx.loadUint(j(job, J.DISPUTE_ENDS)),
        ctx.loadUint(j(job, J.FEE_BP)), ctx.loadUint(j(job, J.DISPUTE_WINDOW)));
  }

  private Object roundView(CallContext ctx, Args in) {
    Slot round = existingRound(ctx, in.uint(0));
    BigInteger reward = ctx.loadUint(r(round, R.REWARD));
    BigInteger maxFeedback = ctx.loadUint(r(round, R.MAX_FEEDBACK));
    BigInteger endsAt = ctx.loadUint(r(round, R.ENDS_AT));
    BigInteger window = ctx.loadUint(r(round, R.REJECTION_WINDOW));
    BigInteger paid = ctx.loadUint(r(round, R.PAID));
    BigInteger refunded = ctx.loadUint(r(round, R.REFUNDED));
    BigInteger locked = reward.multiply(maxFeedback).subtract(reward.multiply(paid)).subtract(refunded);
    return List.of(ctx.loadAddress(r(round, R.OWNER)), ctx.loadUint(r(round, R.MODEL_ID)), reward, maxFeedback,
        ctx.loadUint(r(round, R.OPENED_AT)), endsAt, window, ctx.loadUint(r(round, R.SUBMITTED)), ctx.loadUint(r(round, R.REJECTED)),
        paid, ctx.loadBool(r(round, R.CLOSED)), refunded, endsAt.add(window), locked);
  }

  private Object feedbackView(CallContext ctx, Args in) {
    Slot fb = existingFeedback(ctx, in.uint(0));
    BigInteger roundId = ctx.loadUint(f(fb, F.ROUND_ID));
    BigInteger submittedAt = ctx.loadUint(f(fb, F.SUBMITTED_AT));
    BigInteger windowEnds = submittedAt.add(ctx.loadUint(r(ROUNDS.mapping(roundId), R.REJECTION_WINDOW)));
    int state = ctx.loadUint(f(fb, F.STATE)).intValueExact();
    if (state == FEEDBACK_PENDING && now(ctx).compareTo(windowEnds) > 0) state = FEEDBACK_ACCEPTED;
    return List.of(roundId, ctx.loadAddress(f(fb, F.VALIDATOR)), ctx.loadUint(f(fb, F.REQUEST_ID)), ctx.load(f(fb, F.FEEDBACK_HASH)),
        submittedAt, windowEnds, BigInteger.valueOf(state));
  }

  // ------------------------------------------------------------------ reading Models

  /** {@code Models.model(modelId)}; an unknown model reverts with this contract's {@code UnknownModel}. */
  private static List<?> model(CallContext ctx, BigInteger modelId) {
    CallResult r = ctx.tryCall(Addresses.MODELS, Models.MODEL_VIEW, BigInteger.ZERO, modelId);
    if (!r.isSuccess() && Models.UNKNOWN_MODEL.matches(r.output())) throw UNKNOWN_MODEL.revert(modelId);
    return (List<?>) succeeded(r, Models.MODEL_VIEW);
  }

  /** {@code Models.version(modelId, version)}: [spec, attestationCount, registeredAt]; unknown reverts with {@code UnknownVersion}. */
  private static List<?> version(CallContext ctx, BigInteger modelId, BigInteger version) {
    CallResult r = ctx.tryCall(Addresses.MODELS, Models.VERSION_VIEW, BigInteger.ZERO, modelId, version);
    if (!r.isSuccess() && (Models.UNKNOWN_VERSION.matches(r.output()) || Models.UNKNOWN_MODEL.matches(r.output()))) {
      throw UNKNOWN_VERSION.revert(modelId, version);
    }
    return (List<?>) succeeded(r, Models.VERSION_VIEW);
  }

  /** A nested call's output; any other failure propagates as {@code ctx.call} would propagate it. */
  private static Object succeeded(CallResult r, FunctionSpec fn) {
    return switch (r.status()) {
      case SUCCESS -> fn.decodeOutput(r.output());
      case REVERT -> throw new Revert(null, r.output());
      case HALT -> throw FrameworkErrors.NESTED_CALL_HALTED.revert(Addresses.MODELS);
    };
  }

  // ------------------------------------------------------------------ helpers

  private static void onlyTimelock(CallContext ctx) {
    Governed.requireTimelock(ctx, caller -> NOT_AUTHORIZED.revert(caller, Addresses.TIMELOCK));
  }

  private static void only(CallContext ctx, Address authorized) {
    if (!ctx.caller().equals(authorized)) throw NOT_AUTHORIZED.revert(ctx.caller(), authorized);
  }

  private static BigInteger now(CallContext ctx) {
    return BigInteger.valueOf(ctx.block().number());
  }

  private static boolean exists(BigInteger id, BigInteger count) {
    return id.signum() > 0 && id.compareTo(count) <= 0;
  }

  private static Slot existingJob(CallContext ctx, BigInteger id) {
    if (!exists(id, ctx.loadUint(JOB_COUNT))) throw UNKNOWN_JOB.revert(id);
    return JOBS.mapping(id);
  }

  private static Slot existingRound(CallContext ctx, BigInteger id) {
    if (!exists(id, ctx.loadUint(ROUND_COUNT))) throw UNKNOWN_ROUND.revert(id);
    return ROUNDS.mapping(id);
  }

  private static Slot existingFeedback(CallContext ctx, BigInteger id) {
    if (!exists(id, ctx.loadUint(FEEDBACK_COUNT))) throw UNKNOWN_FEEDBACK.revert(id);
    return FEEDBACK.mapping(id);
  }

  private static void requireJobState(CallContext ctx, Slot job, BigInteger id, int expected) {
    BigInteger state = ctx.loadUint(j(job, J.STATE));
    if (state.intValueExact() != expected) throw WRONG_JOB_STATE.revert(id, state);
  }

  private static void checkReason(String reason) {
    int length = StorageString.byteLength(reason);
    if (length == 0 || length > MAX_REASON_BYTES) throw INVALID_REASON.revert(BigInteger.valueOf(length), BigInteger.valueOf(MAX_REASON_BYTES));
  }

  private static void pay(CallContext ctx, Address to, BigInteger amount) {
    if (amount.signum() != 0) ctx.transfer(to, amount);
  }

  private static void add(CallContext ctx, Slot slot, BigInteger delta) {
    ctx.storeUint(slot, ctx.loadUint(slot).add(delta));
  }

  private static Slot feedbackOf(BigInteger roundId, Address validator, BigInteger requestId) {
    return FEEDBACK_OF.mapping(roundId).mapping(validator).mapping(requestId);
  }

  private static Slot j(Slot job, J field) {
    return job.field(field.ordinal());
  }

  private static Slot r(Slot round, R field) {
    return round.field(field.ordinal());
  }

  private static Slot f(Slot feedback, F field) {
    return feedback.field(field.ordinal());
  }

  /** Where job {@code id}'s words start ({@code jobs[id]}, slot 1), for readers using {@code eth_getStorageAt}. */
  public static Slot jobSlot(BigInteger id) {
    return JOBS.mapping(id);
  }

  /** Where round {@code id}'s words start ({@code rounds[id]}, slot 3). */
  public static Slot roundSlot(BigInteger id) {
    return ROUNDS.mapping(id);
  }

  /** Where feedback {@code id}'s words start ({@code feedback[id]}, slot 5). */
  public static Slot feedbackSlot(BigInteger id) {
    return FEEDBACK.mapping(id);
  }
}

// SPDX-License-Identifier: Apache-2.0
// Generated from the native contract's declarations; do not edit.
pragma solidity ^0.8.4;

/// @title IServices
/// @notice OpenLedger's paid AI services: ModelFactory fine-tuning jobs in escrow (threshold on a committed evaluation score,
/// dispute window, refund on timeout or failed threshold) and RLHF rounds (locked budget, feedback accepted unless the
/// owner rejects it with a reason inside a window, payment of accepted feedback).
interface IServices {
    struct VersionSpec {
        bytes32 weightsRoot;
        bytes32 basisRoot;
        bytes32 indexRoot;
        uint256 damping;
        uint256 scale;
        uint8 outputFunction;
        uint8 tokenMode;
        uint256 fixedInTokens;
        uint256 fixedOutTokens;
        address host;
        uint256 inRate;
        uint256 outRate;
        uint32 basisRank;
    }

    struct Job {
        address owner;
        uint256 modelId;
        bytes32 datasetRoot;
        uint256 minScore;
        uint256 budget;
        uint64 openedAt;
        uint64 deadline;
        uint8 state;
        address trainer;
        uint256 version;
        bytes32 weightsRoot;
        uint256 evaluationScore;
        bytes32 evaluationRoot;
        uint64 deliveredAt;
        uint64 disputeEnds;
        uint16 serviceFeeBp;
        uint64 disputeWindow;
    }

    struct Round {
        address owner;
        uint256 modelId;
        uint256 rewardPerFeedback;
        uint32 maxFeedback;
        uint64 openedAt;
        uint64 endsAt;
        uint64 rejectionWindow;
        uint256 submitted;
        uint256 rejected;
        uint256 paid;
        bool closed;
        uint256 refunded;
        uint64 closableAt;
        uint256 locked;
    }

    struct Feedback {
        uint256 roundId;
        address validator;
        uint256 requestId;
        bytes32 feedbackHash;
        uint64 submittedAt;
        uint64 windowEnds;
        uint8 status;
    }

    /// @notice Only `authorized` may call this: the model's or job's or round's owner, the job's trainer, the feedback's validator, or the Timelock.
    error NotAuthorized(address caller, address authorized);

    /// @notice The owner of a job or round cannot be its trainer or one of its validators.
    error SelfDealing(address caller);

    /// @notice No model has this id at the Models contract.
    error UnknownModel(uint256 modelId);

    /// @notice The model has no registered version with this number.
    error UnknownVersion(uint256 modelId, uint256 version);

    /// @notice No job has this id (ids start at 1).
    error UnknownJob(uint256 jobId);

    /// @notice No round has this id (ids start at 1).
    error UnknownRound(uint256 roundId);

    /// @notice No feedback has this id (ids start at 1).
    error UnknownFeedback(uint256 feedbackId);

    /// @notice Jobs are funded only for models governance approved and did not retire: Approved (1), Training (3), Evaluation (4) or
    /// Deployed (5).
    error ModelNotTrainable(uint256 modelId, uint8 state);

    /// @notice RLHF rounds run on a model in Evaluation (4) or Deployed (5).
    error ModelNotInFeedbackPhase(uint256 modelId, uint8 state);

    /// @notice A job must escrow a positive budget (sent as value).
    error ZeroBudget();

    /// @notice A round must pay a positive reward per feedback.
    error ZeroReward();

    /// @notice The reward per feedback is above 2^128 - 1 wei.
    error RewardTooLarge(uint256 rewardPerFeedback, uint256 max);

    /// @notice A round must lock exactly rewardPerFeedback x maxFeedback (sent as value).
    error WrongBudget(uint256 sent, uint256 required);

    /// @notice A dataset root, evaluation root or feedback hash cannot be zero.
    error ZeroHash();

    /// @notice Feedback must name an inference request (ids start at 1).
    error ZeroRequestId();

    /// @notice A job deadline or round duration must be 1 to maxJobDurationBlocks blocks.
    error InvalidDuration(uint256 blocks, uint256 max);

    /// @notice A round must have 1 to maxFeedbackPerRound feedback slots.
    error InvalidMaxFeedback(uint256 maxFeedback, uint256 limit);

    /// @notice A dispute or rejection needs a reason of 1 to `max` UTF-8 bytes.
    error InvalidReason(uint256 length, uint256 max);

    /// @notice The job's state does not allow this (1 Open, 2 Accepted, 3 Delivered, 4 Disputed, 5 Released, 6 Refunded, 7 Failed).
    error WrongJobState(uint256 jobId, uint8 state);

    /// @notice The job's deadline has passed: it can no longer be accepted or delivered, only refunded.
    error JobExpired(uint256 jobId, uint64 deadline);

    /// @notice An undelivered job is refunded only after its deadline block.
    error JobNotExpired(uint256 jobId, uint64 deadline);

    /// @notice The version was registered before the job was opened, so it is not this job's work.
    error VersionPredatesJob(uint256 modelId, uint256 version, uint256 registeredAt, uint256 openedAt);

    /// @notice The version was already delivered for job `jobId`; a version is delivered at most once.
    error VersionAlreadyDelivered(uint256 modelId, uint256 version, uint256 jobId);

    /// @notice The dispute window ended at that block.
    error DisputeWindowClosed(uint256 jobId, uint64 disputeEnds);

    /// @notice The budget is released only after the dispute window's last block.
    error DisputeWindowOpen(uint256 jobId, uint64 disputeEnds);

    /// @notice The round took feedback until the block before `endsAt`.
    error RoundNotActive(uint256 roundId, uint64 endsAt);

    /// @notice The round already holds maxFeedback feedbacks that are not rejected.
    error RoundFull(uint256 roundId, uint256 maxFeedback);

    /// @notice The validator already gave feedback on this request in this round (as `feedbackId`).
    error DuplicateFeedback(uint256 roundId, uint256 requestId, address validator, uint256 feedbackId);

    /// @notice The feedback was already rejected (3) or paid (4).
    error WrongFeedbackState(uint256 feedbackId, uint8 status);

    /// @notice The feedback's rejection window ended at that block: it is accepted.
    error RejectionWindowClosed(uint256 feedbackId, uint64 windowEnds);

    /// @notice The feedback is paid only after its rejection window's last block.
    error RejectionWindowOpen(uint256 feedbackId, uint64 windowEnds);

    /// @notice Name at least one feedback to claim.
    error EmptyClaim();

    /// @notice A round closes from block endsAt + rejectionWindow on, when every feedback's window has passed.
    error RoundNotOver(uint256 roundId, uint64 closableAt);

    /// @notice The round was closed before.
    error RoundAlreadyClosed(uint256 roundId);

    /// @notice Parameters: disputeWindow, rejectionWindow, serviceFeeBp, maxJobDurationBlocks, maxFeedbackPerRound.
    error UnknownParameter(bytes32 name);

    /// @notice A governance parameter must lie within [min, max].
    error ParameterOutOfRange(bytes32 name, uint256 value, uint256 min, uint256 max);

    /// @notice No function of this contract has that selector.
    error UnknownSelector(bytes4 selector);

    /// @notice The calldata is shorter than a selector or does not decode as the function's parameters.
    error MalformedCalldata();

    /// @notice Value was sent to a function that does not accept it.
    error NotPayable(uint256 value);

    /// @notice A state change was attempted in a static call (eth_call, STATICCALL, a view function).
    error WriteInStaticCall();

    /// @notice Native contracts cannot be reached by DELEGATECALL or CALLCODE: their storage lives at their own address.
    error DelegateCallRefused();

    /// @notice A transfer needs more OPEN than the account holds.
    error InsufficientBalance(address account, uint256 balance, uint256 needed);

    /// @notice A native contract called an address that holds no native contract.
    error NoNativeContract(address target);

    /// @notice A nested native call ran out of gas or faulted.
    error NestedCallHalted(address target);

    /// @notice A fine-tuning job escrowed `budget`; its fee and dispute window are fixed for its life.
    event JobOpened(uint256 indexed jobId, uint256 indexed modelId, address indexed owner, bytes32 datasetRoot, uint256 minScore, uint256 budget, uint64 deadline, uint16 serviceFeeBp, uint64 disputeWindow);

    /// @notice A trainer took the job; only it may deliver.
    event JobAccepted(uint256 indexed jobId, address indexed trainer);

    /// @notice The trainer delivered a version with its committed evaluation score; disputeEnds is 0 when the score missed the threshold.
    event JobDelivered(uint256 indexed jobId, address indexed trainer, uint256 indexed version, uint256 evaluationScore, bytes32 evaluationRoot, bytes32 weightsRoot, uint64 disputeEnds);

    /// @notice The owner disputed the delivery inside the window; the Timelock decides.
    event JobDisputed(uint256 indexed jobId, address indexed owner, string reason);

    /// @notice Governance decided a dispute: the trainer is paid, or the owner refunded.
    event DisputeResolved(uint256 indexed jobId, bool trainerWins);

    /// @notice The budget was paid out: the trainer's share rounded down, the fee and remainder to the treasury.
    event JobReleased(uint256 indexed jobId, address indexed trainer, uint256 toTrainer, uint256 toTreasury);

    /// @notice The whole budget went back to the owner: cause 0 timeout, 1 cancelled, 2 score below threshold, 3 dispute upheld.
    event JobRefunded(uint256 indexed jobId, address indexed owner, uint8 indexed cause, uint256 amount);

    /// @notice An RLHF round locked rewardPerFeedback x maxFeedback and takes feedback until the block before endsAt.
    event RoundOpened(uint256 indexed roundId, uint256 indexed modelId, address indexed owner, uint256 rewardPerFeedback, uint32 maxFeedback, uint64 endsAt, uint64 rejectionWindow);

    /// @notice A validator submitted feedback on an inference request; it is accepted unless rejected within the window.
    event FeedbackSubmitted(uint256 indexed feedbackId, uint256 indexed roundId, address indexed validator, uint256 requestId, bytes32 feedbackHash);

    /// @notice The round's owner rejected a feedback inside its window, with a reason; its slot is free again.
    event FeedbackRejected(uint256 indexed feedbackId, uint256 indexed roundId, address indexed validator, string reason);

    /// @notice An accepted feedback was paid its reward.
    event FeedbackPaid(uint256 indexed feedbackId, uint256 indexed roundId, address indexed validator, uint256 amount);

    /// @notice The round closed: `refund` (the unused and rejected slots' rewards) went back to the owner.
    event RoundClosed(uint256 indexed roundId, address indexed owner, uint256 accepted, uint256 refund);

    /// @notice Governance changed a parameter.
    event ParameterSet(bytes32 indexed name, uint256 value);

    /// @notice The model's owner opens a fine-tuning job, escrowing the value sent as its budget. `datasetRoot` commits what the job
    /// asks for: the Keccak-256 of its training specification in the content store (evaluation set, architecture and
    /// hyper-parameters; docs/attribution.md §9), or of its evaluation set alone, which leaves the training to the trainer.
    /// A trainer must deliver a version whose committed evaluation score is at least `minScore` within `deadlineBlocks`
    /// blocks (1 to maxJobDurationBlocks).
    /// An Approved model moves to Training; a model already Training, Evaluation or Deployed is left as it is.
    /// @return jobId the new job's id
    function openJob(uint256 modelId, bytes32 datasetRoot, uint256 minScore, uint64 deadlineBlocks) external payable returns (uint256 jobId);

    /// @notice The first caller other than the owner takes an Open job before its deadline and becomes its trainer.
    function acceptJob(uint256 jobId) external;

    /// @notice The owner withdraws a job no trainer has accepted yet; the whole budget comes back.
    function cancelJob(uint256 jobId) external;

    /// @notice The trainer delivers `version` of the job's model (registered by the owner since the job opened, not delivered
    /// before) with its committed evaluation score over the evaluation set `evaluationRoot`, before the deadline. A score
    /// below minScore fails the job and refunds the owner at once; otherwise the dispute window opens. The score can be
    /// challenged by the owner during the window (recomputation by provers comes in a later fork).
    function deliver(uint256 jobId, uint256 version, uint256 evaluationScore, bytes32 evaluationRoot) external;

    /// @notice The trainer delivers its trained weights as a new version of the job's model, before the deadline: the version is
    /// registered at Models on the owner's behalf (registerVersionFor; its checks and state change apply) and delivered
    /// in the same call, as deliver would deliver it. The owner keeps setHost and setRates for the version.
    /// @return version the new version's number
    function deliverVersion(uint256 jobId, VersionSpec calldata spec, uint256 evaluationScore, bytes32 evaluationRoot) external returns (uint256 version);

    /// @notice The owner disputes a delivery inside its dispute window, with a reason of 1 to 256 bytes; the budget stays escrowed
    /// until the Timelock decides with resolveDispute.
    function dispute(uint256 jobId, string calldata reason) external;

    /// @notice Governance decides a disputed job: the trainer is paid as by release, or the owner is refunded in full. Timelock only.
    function resolveDispute(uint256 jobId, bool trainerWins) external;

    /// @notice After the dispute window's last block, anyone pays a delivered job: floor(budget x (10000 - serviceFeeBp) / 10000) to
    /// the trainer, the rest to the treasury.
    function release(uint256 jobId) external;

    /// @notice After the deadline block, anyone returns the whole budget of a job that was not delivered (Open or Accepted) to its owner.
    function refundJob(uint256 jobId) external;

    /// @notice The owner of a model in Evaluation or Deployed opens an RLHF round, locking exactly rewardPerFeedback x maxFeedback
    /// (sent as value). The round takes feedback for `durationBlocks` blocks (1 to maxJobDurationBlocks); maxFeedback is
    /// 1 to maxFeedbackPerRound.
    /// @return roundId the new round's id
    function openRound(uint256 modelId, uint256 rewardPerFeedback, uint32 maxFeedback, uint64 durationBlocks) external payable returns (uint256 roundId);

    /// @notice Anyone but the round's owner submits feedback on an inference request while the round runs: once per (validator,
    /// requestId) per round, while fewer than maxFeedback of the round's feedbacks are live (not rejected).
    /// @return feedbackId the new feedback's id
    function submitFeedback(uint256 roundId, uint256 requestId, bytes32 feedbackHash) external returns (uint256 feedbackId);

    /// @notice The round's owner rejects a feedback within rejectionWindow blocks of its submission, with a reason of 1 to 256
    /// bytes. A rejected feedback is never paid and frees its slot; its reward returns to the owner at closeRound.
    function rejectFeedback(uint256 feedbackId, string calldata reason) external;

    /// @notice Pays the caller rewardPerFeedback for each named feedback it submitted that is accepted (not rejected, its window
    /// passed) and not yet paid. Reverts if any named feedback is not payable to the caller. Gas grows with the number of ids.
    /// @return amount the wei sent to the caller
    function claimFeedback(uint256[] calldata feedbackIds) external returns (uint256 amount);

    /// @notice From block endsAt + rejectionWindow on, anyone closes a round: rewardPerFeedback x (maxFeedback - accepted) goes
    /// back to the owner. Accepted feedback stays claimable.
    function closeRound(uint256 roundId) external;

    /// @notice Governance sets disputeWindow (1 to 2^32-1 blocks), rejectionWindow (1 to 2^32-1), serviceFeeBp (0 to 10000),
    /// maxJobDurationBlocks (1 to 2^32-1) or maxFeedbackPerRound (1 to 2^32-1). Open jobs and rounds keep their snapshot.
    /// Timelock only.
    function setParameter(bytes32 name, uint256 value) external;

    /// @notice A job: terms, state, trainer and delivery. Zero fields are not set yet.
    function job(uint256 jobId) external view returns (Job memory job);

    /// @notice A round: terms; submitted counts every feedback ever submitted (rejected ones included), rejected and paid those
    /// rejected and paid; whether it is closed and what the close refunded; closableAt = endsAt + rejectionWindow; locked is
    /// the budget not yet paid or refunded.
    function round(uint256 roundId) external view returns (Round memory round);

    /// @notice A feedback: status 1 Pending (inside its window), 2 Accepted (window passed, unpaid), 3 Rejected, 4 Paid.
    function feedback(uint256 feedbackId) external view returns (Feedback memory feedback);

    /// @notice The feedback `validator` gave on `requestId` in the round, or 0 if none.
    function feedbackIdOf(uint256 roundId, address validator, uint256 requestId) external view returns (uint256 feedbackId);

    /// @notice How many jobs were opened; ids run from 1 to this.
    function jobCount() external view returns (uint256 count);

    /// @notice How many rounds were opened; ids run from 1 to this.
    function roundCount() external view returns (uint256 count);

    /// @notice How many feedbacks were submitted, in all rounds; ids run from 1 to this.
    function feedbackCount() external view returns (uint256 count);

    /// @notice What the contract owes: budgets of jobs not yet released or refunded, and round budgets not yet paid or returned.
    /// The contract's balance equals their sum.
    function liabilities() external view returns (uint256 jobEscrow, uint256 roundBudgets);

    /// @notice The governance parameters in force for new jobs and rounds (defaults until set: 600, 300, 250, 201600, 10000).
    function parameters() external view returns (uint64 disputeWindow, uint64 rejectionWindow, uint16 serviceFeeBp, uint64 maxJobDurationBlocks, uint32 maxFeedbackPerRound);
}

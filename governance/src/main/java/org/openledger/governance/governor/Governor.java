package org.openledger.governance.governor;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.staking.Staking;
import org.openledger.governance.timelock.ActionPolicy;
import org.openledger.governance.timelock.Timelock;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.abi.AbiCodec;
import org.openledger.precompiles.contract.Args;
import org.openledger.precompiles.contract.CallContext;
import org.openledger.precompiles.contract.ContractSpec;
import org.openledger.precompiles.contract.Declarations;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.contract.EventSpec;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.contract.NativeContract;
import org.openledger.precompiles.gas.GasRule;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.storage.Parameter;
import org.openledger.precompiles.storage.Slot;

/**
 * The Governor (DESIGN §5), at {@link Addresses#GOVERNOR} ({@code 0x…0a07}): OpenZeppelin
 * Governor's semantics (GovernorVotes, GovernorVotesQuorumFraction, GovernorCountingSimple,
 * GovernorTimelockControl) as a native contract, with voting power from {@link Staking}'s
 * checkpoints on a block-number clock.
 *
 * <p><b>Proposal id</b> binds the proposer: {@code uint256(keccak256(abi.encode(proposer,
 * targets, values, calldatas, keccak256(bytes(description)))))} ({@link #HASH_PROPOSAL}), so
 * nobody can front-run a proposal's id. Because the id needs the proposer, {@link #QUEUE} and
 * {@link #EXECUTE} take the proposal id with the full action lists and the description hash, and
 * check that they hash to it with the stored proposer.
 *
 * <p><b>Lifecycle</b> (states numbered as OpenZeppelin's {@code ProposalState}):
 * <pre>
 *  propose ─▶ Pending ─(votingDelay)─▶ Active ─(votingPeriod)─┬─▶ Defeated
 *               │                        │                   └─▶ Succeeded ─queue─▶ Queued ─execute─▶ Executed
 *               │ proposer or guardian   │ guardian               │ guardian          │ guardian └─(grace)─▶ Expired
 *               └────────────────────────┴────────────────────────┴───────────────────┴─▶ Canceled
 * </pre>
 * The snapshot is the start block {@code propose block + votingDelay}; votes are cast in blocks
 * {@code snapshot+1 … deadline} with the weight {@code Staking.getPastVotes(voter, snapshot)}.
 * Quorum: {@code quorumNumerator / 100 × Staking.getPastTotalSupply(snapshot)}, with the
 * numerator in force when the proposal was made; For + Abstain count toward it, and a proposal
 * succeeds with quorum and more For than Against. The threshold is checked on the proposer's
 * votes at the previous block.
 *
 * <p>Storage layout: slot 0 {@code mapping(uint256 => Proposal)} (word 0 proposer, 1 snapshot, 2
 * deadline, 3 status: 1 canceled 2 executed, 4 readyAtBlock in the Timelock, 5 Timelock operation
 * id, 6 quorum numerator, 7 against, 8 for, 9 abstain); slot 1 {@code mapping(uint256 =>
 * mapping(address => bool)) hasVoted}; slot 2 {@code address guardian}; slots 3, 4 parameters;
 * slot 5 {@code uint256 proposalCount}.
 */
public final class Governor extends NativeContract {
  /** Where the contract lives: {@code 0x…0a07}. */
  public static final Address ADDRESS = Addresses.GOVERNOR;

  /** Proposal states, as {@link #STATE} reports them (OpenZeppelin's numbering). */
  public static final int PENDING = 0;
  public static final int ACTIVE = 1;
  public static final int CANCELED = 2;
  public static final int DEFEATED = 3;
  public static final int SUCCEEDED = 4;
  public static final int QUEUED = 5;
  public static final int EXPIRED = 6;
  public static final int EXECUTED = 7;

  /** Vote types. */
  public static final int AGAINST = 0;
  public static final int FOR = 1;
  public static final int ABSTAIN = 2;

  /** The quorum numerator's denominator. */
  public static final BigInteger QUORUM_DENOMINATOR = BigInteger.valueOf(100);
  /** Upper bound of the delay and period parameters: a {@code uint32} of blocks. */
  public static final BigInteger MAX_BLOCKS = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
  /** Upper bound of the threshold: votes never exceed {@code uint208}. */
  public static final BigInteger MAX_THRESHOLD = BigInteger.ONE.shiftLeft(208).subtract(BigInteger.ONE);

  private static final BigInteger OPEN = BigInteger.TEN.pow(18);
  private static final int STATUS_CANCELED = 1;
  private static final int STATUS_EXECUTED = 2;
  private static final int W_PROPOSER = 0;
  private static final int W_SNAPSHOT = 1;
  private static final int W_DEADLINE = 2;
  private static final int W_STATUS = 3;
  private static final int W_READY_AT = 4;
  private static final int W_OPERATION = 5;
  private static final int W_NUMERATOR = 6;
  private static final int W_AGAINST = 7;

  static final Slot PROPOSALS = Slot.at(0);
  static final Slot VOTED = Slot.at(1);
  static final Slot GUARDIAN = Slot.at(2);
  static final Slot PARAMS = Slot.at(3);
  static final Slot PROPOSAL_COUNT = Slot.at(5);

  /** Blocks from proposing to the snapshot (start) block; unset: 43,200 (1 day of 2-second blocks). */
  public static final Parameter VOTING_DELAY = new Parameter("votingDelay", PARAMS, BigInteger.valueOf(43_200));
  /** Blocks of voting after the snapshot; unset: 302,400 (1 week). */
  public static final Parameter VOTING_PERIOD = new Parameter("votingPeriod", PARAMS, BigInteger.valueOf(302_400));
  /** Votes (wei of bonded stake) a proposer needs at the previous block; unset: 10,000 OPEN. */
  public static final Parameter PROPOSAL_THRESHOLD = new Parameter("proposalThreshold", PARAMS, OPEN.multiply(BigInteger.valueOf(10_000)));
  /** Quorum in percent of the past total voting supply; unset: 5 (OpenLedger's contract code). */
  public static final Parameter QUORUM_NUMERATOR = new Parameter("quorumNumerator", PARAMS, BigInteger.valueOf(5));

  private static final Declarations D = new Declarations("IGovernor");

  public static final ErrorSpec INVALID_PROPOSAL_LENGTH = D.error("GovernorInvalidProposalLength(uint256 targets, uint256 calldatas, uint256 values)",
      "The action lists differ in length, are empty, or hold more than 16 actions.");
  public static final ErrorSpec ACTION_NOT_ALLOWED = D.error("ActionNotAllowed(uint256 index, address target, bytes4 selector)",
      "Governance may only call declared functions of OpenLedger's native contracts (on the Governor and Timelock only their setters) or send plain OPEN transfers to other accounts.");
  public static final ErrorSpec INSUFFICIENT_PROPOSER_VOTES = D.error(
      "GovernorInsufficientProposerVotes(address proposer, uint256 votes, uint256 threshold)",
      "The proposer's votes at the previous block are below the proposal threshold.");
  public static final ErrorSpec NONEXISTENT_PROPOSAL = D.error("GovernorNonexistentProposal(uint256 proposalId)", "No proposal has this id.");
  public static final ErrorSpec UNEXPECTED_PROPOSAL_STATE = D.error(
      "GovernorUnexpectedProposalState(uint256 proposalId, uint8 current, bytes32 expectedStates)",
      "The proposal's state does not allow this; `expectedStates` has bit i set for each state i that would (0 Pending, 1 Active, 2 Canceled, 3 Defeated, 4 Succeeded, 5 Queued, 6 Expired, 7 Executed).");
  public static final ErrorSpec PROPOSAL_EXISTS = D.error("GovernorProposalExists(uint256 proposalId)",
      "The proposer already made a proposal with these actions and description (a replay); change the description to propose again.");
  public static final ErrorSpec ACTIONS_MISMATCH = D.error("GovernorActionsMismatch(uint256 proposalId)",
      "The actions and description hash given do not hash, with the proposal's proposer, to this proposal id.");
  public static final ErrorSpec INVALID_VOTE_TYPE = D.error("GovernorInvalidVoteType()", "Support must be 0 Against, 1 For or 2 Abstain.");
  public static final ErrorSpec VOTING_CLOSED = D.error("GovernorVotingClosed(uint256 proposalId, uint256 deadline)",
      "Voting on the proposal ended with block `deadline`; its state() tells whether it passed.");
  public static final ErrorSpec ALREADY_CAST_VOTE = D.error("GovernorAlreadyCastVote(address voter)", "The account already voted on this proposal.");
  public static final ErrorSpec UNABLE_TO_CANCEL = D.error("GovernorUnableToCancel(uint256 proposalId, address account)",
      "Only the proposer while Pending, or the guardian before execution, may cancel.");
  public static final ErrorSpec PROPOSAL_NOT_READY = D.error("GovernorProposalNotReady(uint256 proposalId, uint256 readyAtBlock)",
      "The Timelock delay has not passed: the proposal may execute from `readyAtBlock` on.");
  public static final ErrorSpec UNAUTHORIZED_CALLER = D.error("UnauthorizedCaller(address caller, address required)",
      "Only `required` may call this function.");
  public static final ErrorSpec PARAMETER_OUT_OF_RANGE = D.error(
      "ParameterOutOfRange(bytes32 name, uint256 value, uint256 minimum, uint256 maximum)",
      "A parameter value is outside its allowed range.");

  public static final EventSpec PROPOSAL_CREATED = D.event(
      "ProposalCreated(uint256 proposalId, address proposer, address[] targets, uint256[] values, string[] signatures, bytes[] calldatas, uint256 voteStart, uint256 voteEnd, string description)",
      "A proposal was made (as OpenZeppelin's Governor emits it; signatures are empty strings). Voting runs in blocks voteStart+1 to voteEnd.");
  public static final EventSpec VOTE_CAST = D.event(
      "VoteCast(address indexed voter, uint256 proposalId, uint8 support, uint256 weight, string reason)",
      "A vote: support 0 Against, 1 For, 2 Abstain, with the voter's votes at the snapshot.");
  public static final EventSpec PROPOSAL_QUEUED = D.event("ProposalQueued(uint256 proposalId, uint256 etaBlock)",
      "A succeeded proposal was queued in the Timelock; it may execute from `etaBlock` on.");
  public static final EventSpec PROPOSAL_EXECUTED = D.event("ProposalExecuted(uint256 proposalId)",
      "A queued proposal's actions ran through the Timelock.");
  public static final EventSpec PROPOSAL_CANCELED = D.event("ProposalCanceled(uint256 proposalId)",
      "The proposer (while Pending) or the guardian canceled a proposal.");
  public static final EventSpec VOTING_DELAY_SET = D.event("VotingDelaySet(uint256 oldVotingDelay, uint256 newVotingDelay)",
      "Governance changed the voting delay (blocks).");
  public static final EventSpec VOTING_PERIOD_SET = D.event("VotingPeriodSet(uint256 oldVotingPeriod, uint256 newVotingPeriod)",
      "Governance changed the voting period (blocks).");
  public static final EventSpec PROPOSAL_THRESHOLD_SET = D.event(
      "ProposalThresholdSet(uint256 oldProposalThreshold, uint256 newProposalThreshold)",
      "Governance changed the proposal threshold (votes).");
  public static final EventSpec QUORUM_NUMERATOR_UPDATED = D.event(
      "QuorumNumeratorUpdated(uint256 oldQuorumNumerator, uint256 newQuorumNumerator)",
      "Governance changed the quorum numerator (percent); proposals made before keep theirs.");
  public static final EventSpec GUARDIAN_SET = D.event("GuardianSet(address oldGuardian, address newGuardian)",
      "Governance set (or, with zero, removed) the guardian.");

  // ---- proposals

  public static final FunctionSpec PROPOSE = D.function(
      "propose(address[] targets, uint256[] values, bytes[] calldatas, string description) returns (uint256 proposalId)", """
      Makes a proposal of 1 to 16 allowed actions (ActionNotAllowed otherwise) if the caller's votes at the previous
      block reach proposalThreshold. Id: uint256(keccak256(abi.encode(proposer, targets, values, calldatas,
      keccak256(bytes(description))))). The snapshot is now + votingDelay, the deadline snapshot + votingPeriod.""",
      // head: four offsets; every further word is at most a keccak word and three log-data words (calldata, signatures)
      GasRule.perWordAfter(4, s -> 10 * s.storageRead() + 5 * s.storageWrite() + s.keccak(160)
              + PROPOSAL_CREATED.gas(s, 10 * 32) + Staking.GET_PAST_VOTES.nestedCost(s, Address.ZERO, BigInteger.ONE),
          s -> s.keccakWord() + 3 * 32 * s.logDataByte()));
  public static final FunctionSpec CAST_VOTE = D.function("castVote(uint256 proposalId, uint8 support) returns (uint256 weight)",
      "Votes on an Active proposal with the caller's votes at its snapshot: 0 Against, 1 For, 2 Abstain; once per account.",
      GasRule.fixed(s -> voteGas(s, 0)));
  public static final FunctionSpec CAST_VOTE_WITH_REASON = D.function(
      "castVoteWithReason(uint256 proposalId, uint8 support, string reason) returns (uint256 weight)",
      "castVote with a reason logged in VoteCast.",
      GasRule.perWordAfter(3, s -> voteGas(s, 32), s -> 32 * s.logDataByte()));
  public static final FunctionSpec QUEUE = D.function(
      "queue(uint256 proposalId, address[] targets, uint256[] values, bytes[] calldatas, bytes32 descriptionHash) returns (uint256)", """
      Queues a Succeeded proposal's actions in the Timelock (salt: the proposal id); they may execute minDelay blocks later.
      The lists and description hash must be the proposal's (GovernorActionsMismatch). Anyone may call. Returns the id.""",
      Governor::queueGas);
  public static final FunctionSpec EXECUTE = D.function(
      "execute(uint256 proposalId, address[] targets, uint256[] values, bytes[] calldatas, bytes32 descriptionHash) returns (uint256)", """
      Executes a Queued proposal whose Timelock delay has passed, through the Timelock (which runs each action as
      msg.sender). Anyone may call; the value of the actions comes from the treasury. Returns the id.""",
      Governor::executeGas);
  public static final FunctionSpec CANCEL = D.function("cancel(uint256 proposalId)", """
      The proposer cancels its proposal while Pending; the guardian cancels any proposal not yet Canceled, Expired or
      Executed (a Queued one is canceled in the Timelock too).""",
      GasRule.fixed(s -> stateGas(s) + 3 * s.storageRead() + s.storageWrite() + Timelock.CANCEL.nestedCost(s, Bytes32.ZERO)
          + PROPOSAL_CANCELED.gas(s, 32)));

  // ---- governance setters (Timelock only)

  public static final FunctionSpec SET_VOTING_DELAY = D.function("setVotingDelay(uint256 newVotingDelay)",
      "Timelock only. Sets the voting delay for proposals made from now on (0 to 2^32-1 blocks).", GasRule.fixed(Governor::setterGas));
  public static final FunctionSpec SET_VOTING_PERIOD = D.function("setVotingPeriod(uint256 newVotingPeriod)",
      "Timelock only. Sets the voting period for proposals made from now on (1 to 2^32-1 blocks).", GasRule.fixed(Governor::setterGas));
  public static final FunctionSpec SET_PROPOSAL_THRESHOLD = D.function("setProposalThreshold(uint256 newProposalThreshold)",
      "Timelock only. Sets the votes a proposer needs (0 to 2^208-1 wei of stake).", GasRule.fixed(Governor::setterGas));
  public static final FunctionSpec UPDATE_QUORUM_NUMERATOR = D.function("updateQuorumNumerator(uint256 newQuorumNumerator)",
      "Timelock only. Sets the quorum in percent of the past total supply (1 to 100) for proposals made from now on.",
      GasRule.fixed(Governor::setterGas));
  public static final FunctionSpec SET_GUARDIAN = D.function("setGuardian(address newGuardian)",
      "Timelock only. Sets the guardian, who may cancel any proposal before execution; zero removes it.",
      GasRule.fixed(s -> s.storageRead() + s.storageWrite() + GUARDIAN_SET.gas(s, 64)));

  // ---- views

  public static final FunctionSpec STATE = D.function("state(uint256 proposalId) view returns (uint8)",
      "0 Pending, 1 Active, 2 Canceled, 3 Defeated, 4 Succeeded, 5 Queued, 6 Expired, 7 Executed.", GasRule.fixed(Governor::stateGas));
  public static final FunctionSpec PROPOSAL_SNAPSHOT = D.function("proposalSnapshot(uint256 proposalId) view returns (uint256)",
      "The block votes are read at (0 if no such proposal); voting starts after it.", GasRule.fixed(s -> s.storageRead()));
  public static final FunctionSpec PROPOSAL_DEADLINE = D.function("proposalDeadline(uint256 proposalId) view returns (uint256)",
      "The last block of voting (0 if no such proposal).", GasRule.fixed(s -> s.storageRead()));
  public static final FunctionSpec PROPOSAL_PROPOSER = D.function("proposalProposer(uint256 proposalId) view returns (address)",
      "Who made the proposal (zero if no such proposal).", GasRule.fixed(s -> s.storageRead()));
  public static final FunctionSpec PROPOSAL_ETA = D.function("proposalEta(uint256 proposalId) view returns (uint256)",
      "The block from which a queued proposal may execute (0 if not queued).", GasRule.fixed(s -> s.storageRead()));
  public static final FunctionSpec PROPOSAL_VOTES = D.function(
      "proposalVotes(uint256 proposalId) view returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes)",
      "The votes counted so far.", GasRule.fixed(s -> 3 * s.storageRead()));
  public static final FunctionSpec HAS_VOTED = D.function("hasVoted(uint256 proposalId, address account) view returns (bool)",
      "Whether the account voted on the proposal.", GasRule.fixed(s -> s.storageRead()));
  public static final FunctionSpec QUORUM = D.function("quorum(uint256 timepoint) view returns (uint256)",
      "quorumNumerator (current) / 100 of the total voting supply at block `timepoint` (before the current block).",
      GasRule.fixed(s -> 2 * s.storageRead() + Staking.GET_PAST_TOTAL_SUPPLY.nestedCost(s, BigInteger.ONE)));
  public static final FunctionSpec GET_VOTES = D.function("getVotes(address account, uint256 timepoint) view returns (uint256)",
      "The account's votes at block `timepoint` (before the current block), from Staking.",
      GasRule.fixed(s -> Staking.GET_PAST_VOTES.nestedCost(s, Address.ZERO, BigInteger.ONE)));
  public static final FunctionSpec HASH_PROPOSAL = D.function(
      "hashProposal(address proposer, address[] targets, uint256[] values, bytes[] calldatas, bytes32 descriptionHash) pure returns (uint256)",
      "uint256(keccak256(abi.encode(proposer, targets, values, calldatas, descriptionHash))).",
      GasRule.perWordAfter(5, s -> s.keccak(160), s -> s.keccakWord()));
  public static final FunctionSpec VOTING_DELAY_FN = D.function("votingDelay() view returns (uint256)",
      "Blocks from proposing to the snapshot (default 43,200).", GasRule.fixed(s -> 2 * s.storageRead()));
  public static final FunctionSpec VOTING_PERIOD_FN = D.function("votingPeriod() view returns (uint256)",
      "Blocks of voting after the snapshot (default 302,400).", GasRule.fixed(s -> 2 * s.storageRead()));
  public static final FunctionSpec PROPOSAL_THRESHOLD_FN = D.function("proposalThreshold() view returns (uint256)",
      "Votes a proposer needs at the previous block (default 10,000 OPEN).", GasRule.fixed(s -> 2 * s.storageRead()));
  public static final FunctionSpec QUORUM_NUMERATOR_FN = D.function("quorumNumerator() view returns (uint256)",
      "The quorum in percent of the past total supply, for new proposals (default 5).", GasRule.fixed(s -> 2 * s.storageRead()));
  public static final FunctionSpec QUORUM_DENOMINATOR_FN = D.function("quorumDenominator() pure returns (uint256)",
      "100.", GasRule.fixed(s -> 0));
  public static final FunctionSpec GUARDIAN_FN = D.function("guardian() view returns (address)",
      "The guardian (zero: none).", GasRule.fixed(s -> s.storageRead()));
  public static final FunctionSpec PROPOSAL_COUNT_FN = D.function("proposalCount() view returns (uint256)",
      "How many proposals were made.", GasRule.fixed(s -> s.storageRead()));
  public static final FunctionSpec CLOCK = D.function("clock() view returns (uint48)",
      "The governance clock: the current block number (ERC-6372).", GasRule.fixed(s -> 0));
  public static final FunctionSpec COUNTING_MODE = D.function("COUNTING_MODE() pure returns (string)",
      "support=bravo&quorum=for,abstain (OpenZeppelin's simple counting).", GasRule.fixed(s -> 0));

  public static final ContractSpec SPEC = D.spec("""
      OpenLedger's Governor: proposals of native-contract calls and treasury transfers, voted with staked OPEN at a
      snapshot block (OpenZeppelin Governor semantics) and executed through the Timelock.""");

  public Governor() {
    super(SPEC);
    on(PROPOSE, this::propose);
    on(CAST_VOTE, (ctx, in) -> castVote(ctx, in.uint(0), in.uint(1), ""));
    on(CAST_VOTE_WITH_REASON, (ctx, in) -> castVote(ctx, in.uint(0), in.uint(1), in.string(2)));
    on(QUEUE, this::queue);
    on(EXECUTE, this::execute);
    on(CANCEL, this::cancel);
    on(SET_VOTING_DELAY, (ctx, in) -> setParameter(ctx, VOTING_DELAY, in.uint(0), BigInteger.ZERO, MAX_BLOCKS, VOTING_DELAY_SET));
    on(SET_VOTING_PERIOD, (ctx, in) -> setParameter(ctx, VOTING_PERIOD, in.uint(0), BigInteger.ONE, MAX_BLOCKS, VOTING_PERIOD_SET));
    on(SET_PROPOSAL_THRESHOLD, (ctx, in) -> setParameter(ctx, PROPOSAL_THRESHOLD, in.uint(0), BigInteger.ZERO, MAX_THRESHOLD, PROPOSAL_THRESHOLD_SET));
    on(UPDATE_QUORUM_NUMERATOR, (ctx, in) -> setParameter(ctx, QUORUM_NUMERATOR, in.uint(0), BigInteger.ONE, QUORUM_DENOMINATOR, QUORUM_NUMERATOR_UPDATED));
    on(SET_GUARDIAN, this::setGuardian);
    on(STATE, (ctx, in) -> BigInteger.valueOf(state(ctx, in.uint(0))));
    on(PROPOSAL_SNAPSHOT, (ctx, in) -> ctx.loadUint(word(in.uint(0), W_SNAPSHOT)));
    on(PROPOSAL_DEADLINE, (ctx, in) -> ctx.loadUint(word(in.uint(0), W_DEADLINE)));
    on(PROPOSAL_PROPOSER, (ctx, in) -> ctx.loadAddress(word(in.uint(0), W_PROPOSER)));
    on(PROPOSAL_ETA, (ctx, in) -> ctx.loadUint(word(in.uint(0), W_READY_AT)));
    on(PROPOSAL_VOTES, (ctx, in) -> List.of(ctx.loadUint(word(in.uint(0), W_AGAINST)), ctx.loadUint(word(in.uint(0), W_AGAINST + FOR)),
        ctx.loadUint(word(in.uint(0), W_AGAINST + ABSTAIN))));
    on(HAS_VOTED, (ctx, in) -> ctx.loadBool(VOTED.mapping(in.uint(0)).mapping(in.address(1))));
    on(QUORUM, (ctx, in) -> quorum(ctx, in.uint(0), QUORUM_NUMERATOR.read(ctx)));
    on(GET_VOTES, (ctx, in) -> ctx.call(Addresses.STAKING, Staking.GET_PAST_VOTES, BigInteger.ZERO, in.address(0), in.uint(1)));
    on(HASH_PROPOSAL, (ctx, in) -> hashProposal(in.address(0), in.list(1), in.list(2), in.list(3), in.bytes32(4)));
    on(VOTING_DELAY_FN, (ctx, in) -> VOTING_DELAY.read(ctx));
    on(VOTING_PERIOD_FN, (ctx, in) -> VOTING_PERIOD.read(ctx));
    on(PROPOSAL_THRESHOLD_FN, (ctx, in) -> PROPOSAL_THRESHOLD.read(ctx));
    on(QUORUM_NUMERATOR_FN, (ctx, in) -> QUORUM_NUMERATOR.read(ctx));
    on(QUORUM_DENOMINATOR_FN, (ctx, in) -> QUORUM_DENOMINATOR);
    on(GUARDIAN_FN, (ctx, in) -> ctx.loadAddress(GUARDIAN));
    on(PROPOSAL_COUNT_FN, (ctx, in) -> ctx.loadUint(PROPOSAL_COUNT));
    on(CLOCK, (ctx, in) -> BigInteger.valueOf(ctx.block().number()));
    on(COUNTING_MODE, (ctx, in) -> "support=bravo&quorum=for,abstain");
  }

  // ------------------------------------------------------------------ ids

  /** The proposal id: {@code uint256(keccak256(abi.encode(proposer, targets, values, calldatas, descriptionHash)))}. */
  public static BigInteger hashProposal(Address proposer, List<?> targets, List<?> values, List<?> calldatas, Bytes32 descriptionHash) {
    byte[] encoded = AbiCodec.encode(HASH_PROPOSAL.inputTypes(), List.of(proposer, targets, values, calldatas, descriptionHash));
    return new BigInteger(1, Keccak.hash(encoded));
  }

  /** {@code keccak256(bytes(description))}. */
  public static Bytes32 descriptionHash(String description) {
    return Bytes32.wrap(Keccak.hash(description.getBytes(StandardCharsets.UTF_8)));
  }

  // ------------------------------------------------------------------ handlers

  private Object propose(CallContext ctx, Args in) {
    List<Object> targets = in.list(0);
    List<Object> values = in.list(1);
    List<Object> calldatas = in.list(2);
    String description = in.string(3);
    int n = targets.size();
    if (n == 0 || n > ActionPolicy.MAX_ACTIONS || values.size() != n || calldatas.size() != n) {
      throw INVALID_PROPOSAL_LENGTH.revert(BigInteger.valueOf(n), BigInteger.valueOf(calldatas.size()), BigInteger.valueOf(values.size()));
    }
    for (int i = 0; i < n; i++) {
      Bytes data = (Bytes) calldatas.get(i);
      if (!ActionPolicy.isAllowed((Address) targets.get(i), (BigInteger) values.get(i), data)) {
        throw ACTION_NOT_ALLOWED.revert(BigInteger.valueOf(i), targets.get(i), ActionPolicy.selectorOf(data));
      }
    }
    Address proposer = ctx.caller();
    long now = ctx.block().number();
    BigInteger votes = now == 0 ? BigInteger.ZERO
        : (BigInteger) ctx.call(Addresses.STAKING, Staking.GET_PAST_VOTES, BigInteger.ZERO, proposer, BigInteger.valueOf(now - 1));
    BigInteger threshold = PROPOSAL_THRESHOLD.read(ctx);
    if (votes.compareTo(threshold) < 0) throw INSUFFICIENT_PROPOSER_VOTES.revert(proposer, votes, threshold);

    BigInteger id = hashProposal(proposer, targets, values, calldatas, descriptionHash(description));
    if (!ctx.loadAddress(word(id, W_PROPOSER)).equals(Address.ZERO)) {
      throw PROPOSAL_EXISTS.revert(id);
    }
    BigInteger snapshot = BigInteger.valueOf(now).add(VOTING_DELAY.read(ctx));
    BigInteger deadline = snapshot.add(VOTING_PERIOD.read(ctx));
    ctx.storeAddress(word(id, W_PROPOSER), proposer);
    ctx.storeUint(word(id, W_SNAPSHOT), snapshot);
    ctx.storeUint(word(id, W_DEADLINE), deadline);
    ctx.storeUint(word(id, W_NUMERATOR), QUORUM_NUMERATOR.read(ctx));
    ctx.storeUint(PROPOSAL_COUNT, ctx.loadUint(PROPOSAL_COUNT).add(BigInteger.ONE));
    List<String> signatures = new ArrayList<>(Collections.nCopies(n, ""));
    ctx.emit(PROPOSAL_CREATED, id, proposer, targets, values, signatures, calldatas, snapshot, deadline, description);
    return id;
  }

  private Object castVote(CallContext ctx, BigInteger id, BigInteger support, String reason) {
    requireActive(ctx, id);
    if (support.compareTo(BigInteger.TWO) > 0) throw INVALID_VOTE_TYPE.revert();
    Address voter = ctx.caller();
    Slot voted = VOTED.mapping(id).mapping(voter);
    if (ctx.loadBool(voted)) throw ALREADY_CAST_VOTE.revert(voter);
    BigInteger weight = (BigInteger) ctx.call(Addresses.STAKING, Staking.GET_PAST_VOTES, BigInteger.ZERO, voter, ctx.loadUint(word(id, W_SNAPSHOT)));
    ctx.storeBool(voted, true);
    Slot tally = word(id, W_AGAINST + support.intValue());
    ctx.storeUint(tally, ctx.loadUint(tally).add(weight));
    ctx.emit(VOTE_CAST, voter, id, support, weight, reason);
    return weight;
  }

  private Object queue(CallContext ctx, Args in) {
    BigInteger id = in.uint(0);
    checkActions(ctx, id, in);
    int state = state(ctx, id);
    if (state != SUCCEEDED) throw UNEXPECTED_PROPOSAL_STATE.revert(id, BigInteger.valueOf(state), expected(SUCCEEDED));
    @SuppressWarnings("unchecked")
    List<Object> queued = (List<Object>) ctx.call(Addresses.TIMELOCK, Timelock.QUEUE, BigInteger.ZERO, in.list(1), in.list(2), in.list(3), salt(id));
    BigInteger readyAt = (BigInteger) queued.get(1);
    ctx.store(word(id, W_OPERATION), Bytes32.wrap((Bytes) queued.get(0)));
    ctx.storeUint(word(id, W_READY_AT), readyAt);
    ctx.emit(PROPOSAL_QUEUED, id, readyAt);
    return id;
  }

  private Object execute(CallContext ctx, Args in) {
    BigInteger id = in.uint(0);
    checkActions(ctx, id, in);
    int state = state(ctx, id);
    if (state != QUEUED) throw UNEXPECTED_PROPOSAL_STATE.revert(id, BigInteger.valueOf(state), expected(QUEUED));
    BigInteger readyAt = ctx.loadUint(word(id, W_READY_AT));
    if (BigInteger.valueOf(ctx.block().number()).compareTo(readyAt) < 0) throw PROPOSAL_NOT_READY.revert(id, readyAt);
    ctx.storeUint(word(id, W_STATUS), BigInteger.valueOf(STATUS_EXECUTED));
    ctx.call(Addresses.TIMELOCK, Timelock.EXECUTE, BigInteger.ZERO, in.list(1), in.list(2), in.list(3), salt(id));
    ctx.emit(PROPOSAL_EXECUTED, id);
    return id;
  }

  private Object cancel(CallContext ctx, Args in) {
    BigInteger id = in.uint(0);
    int state = state(ctx, id);
    Address caller = ctx.caller();
    boolean guardian = !caller.equals(Address.ZERO) && caller.equals(ctx.loadAddress(GUARDIAN));
    boolean proposer = caller.equals(ctx.loadAddress(word(id, W_PROPOSER)));
    boolean allowed = guardian
        ? state != CANCELED && state != EXPIRED && state != EXECUTED
        : proposer && state == PENDING;
    if (!allowed) throw UNABLE_TO_CANCEL.revert(id, caller);
    if (state == QUEUED) ctx.call(Addresses.TIMELOCK, Timelock.CANCEL, BigInteger.ZERO, ctx.load(word(id, W_OPERATION)));
    ctx.storeUint(word(id, W_STATUS), BigInteger.valueOf(STATUS_CANCELED));
    ctx.emit(PROPOSAL_CANCELED, id);
    return null;
  }

  private Object setParameter(CallContext ctx, Parameter p, BigInteger value, BigInteger min, BigInteger max, EventSpec event) {
    onlyTimelock(ctx);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) throw PARAMETER_OUT_OF_RANGE.revert(p.label(), value, min, max);
    BigInteger old = p.read(ctx);
    p.write(ctx, value);
    ctx.emit(event, old, value);
    return null;
  }

  private Object setGuardian(CallContext ctx, Args in) {
    onlyTimelock(ctx);
    Address old = ctx.loadAddress(GUARDIAN);
    ctx.storeAddress(GUARDIAN, in.address(0));
    ctx.emit(GUARDIAN_SET, old, in.address(0));
    return null;
  }

  // ------------------------------------------------------------------ state

  /** The proposal's state now (OpenZeppelin's {@code state} with GovernorTimelockControl). */
  static int state(CallContext ctx, BigInteger id) {
    Address proposer = ctx.loadAddress(word(id, W_PROPOSER));
    if (proposer.equals(Address.ZERO)) throw NONEXISTENT_PROPOSAL.revert(id);
    int status = ctx.loadUint(word(id, W_STATUS)).intValue();
    if (status == STATUS_EXECUTED) return EXECUTED;
    if (status == STATUS_CANCELED) return CANCELED;
    BigInteger now = BigInteger.valueOf(ctx.block().number());
    BigInteger snapshot = ctx.loadUint(word(id, W_SNAPSHOT));
    if (snapshot.compareTo(now) >= 0) return PENDING;
    if (ctx.loadUint(word(id, W_DEADLINE)).compareTo(now) >= 0) return ACTIVE;
    if (!ctx.loadUint(word(id, W_READY_AT)).equals(BigInteger.ZERO)) {
      BigInteger op = (BigInteger) ctx.call(Addresses.TIMELOCK, Timelock.OPERATION_STATE, BigInteger.ZERO, ctx.load(word(id, W_OPERATION)));
      return switch (op.intValue()) {
        case Timelock.DONE -> EXECUTED; // executed directly on the Timelock
        case Timelock.EXPIRED -> EXPIRED;
        case Timelock.CANCELED -> CANCELED;
        default -> QUEUED;
      };
    }
    BigInteger against = ctx.loadUint(word(id, W_AGAINST));
    BigInteger inFavour = ctx.loadUint(word(id, W_AGAINST + FOR));
    BigInteger abstain = ctx.loadUint(word(id, W_AGAINST + ABSTAIN));
    BigInteger quorum = quorum(ctx, snapshot, ctx.loadUint(word(id, W_NUMERATOR)));
    boolean quorumReached = inFavour.add(abstain).compareTo(quorum) >= 0;
    return quorumReached && inFavour.compareTo(against) > 0 ? SUCCEEDED : DEFEATED;
  }

  /**
   * Whether the proposal is Active, from four reads (a vote must not pay for the quorum lookup
   * {@link #state} needs once voting closed): Pending, Canceled and Executed are reported as
   * GovernorUnexpectedProposalState, a closed vote as GovernorVotingClosed.
   */
  private static void requireActive(CallContext ctx, BigInteger id) {
    if (ctx.loadAddress(word(id, W_PROPOSER)).equals(Address.ZERO)) throw NONEXISTENT_PROPOSAL.revert(id);
    int status = ctx.loadUint(word(id, W_STATUS)).intValue();
    int state = status == STATUS_EXECUTED ? EXECUTED : status == STATUS_CANCELED ? CANCELED : -1;
    BigInteger now = BigInteger.valueOf(ctx.block().number());
    if (state < 0 && ctx.loadUint(word(id, W_SNAPSHOT)).compareTo(now) >= 0) state = PENDING;
    if (state >= 0) throw UNEXPECTED_PROPOSAL_STATE.revert(id, BigInteger.valueOf(state), expected(ACTIVE));
    BigInteger deadline = ctx.loadUint(word(id, W_DEADLINE));
    if (deadline.compareTo(now) < 0) throw VOTING_CLOSED.revert(id, deadline);
  }

  private static BigInteger quorum(CallContext ctx, BigInteger timepoint, BigInteger numerator) {
    BigInteger supply = (BigInteger) ctx.call(Addresses.STAKING, Staking.GET_PAST_TOTAL_SUPPLY, BigInteger.ZERO, timepoint);
    return supply.multiply(numerator).divide(QUORUM_DENOMINATOR);
  }

  private static void checkActions(CallContext ctx, BigInteger id, Args in) {
    Address proposer = ctx.loadAddress(word(id, W_PROPOSER));
    if (proposer.equals(Address.ZERO)) throw NONEXISTENT_PROPOSAL.revert(id);
    if (!hashProposal(proposer, in.list(1), in.list(2), in.list(3), in.bytes32(4)).equals(id)) throw ACTIONS_MISMATCH.revert(id);
  }

  private static void onlyTimelock(CallContext ctx) {
    if (!ctx.caller().equals(Addresses.TIMELOCK)) throw UNAUTHORIZED_CALLER.revert(ctx.caller(), Addresses.TIMELOCK);
  }

  private static Slot word(BigInteger id, int n) {
    return PROPOSALS.mapping(id).field(n);
  }

  /** The Timelock salt of a proposal: its id as bytes32. */
  public static Bytes32 salt(BigInteger id) {
    return Bytes32.leftPad(Bytes.wrap(id.toByteArray()).trimLeadingZeros());
  }

  /** OpenZeppelin's {@code _encodeStateBitmap}: bit {@code state} set. */
  private static Bytes32 expected(int state) {
    return Bytes32.leftPad(Bytes.wrap(BigInteger.ONE.shiftLeft(state).toByteArray()).trimLeadingZeros());
  }

  // ------------------------------------------------------------------ gas

  /** {@link #state}: at most ten reads and, exclusively, one Timelock or one Staking lookup (both charged). */
  static long stateGas(GasSchedule s) {
    return 10 * s.storageRead() + Timelock.OPERATION_STATE.nestedCost(s, Bytes32.ZERO)
        + Staking.GET_PAST_TOTAL_SUPPLY.nestedCost(s, BigInteger.ONE);
  }

  private static long voteGas(GasSchedule s, long reasonHead) {
    return 7 * s.storageRead() + 2 * s.storageWrite()
        + Staking.GET_PAST_VOTES.nestedCost(s, Address.ZERO, BigInteger.ONE) + VOTE_CAST.gas(s, 5 * 32 + reasonHead);
  }

  private static long setterGas(GasSchedule s) {
    return 2 * s.storageRead() + 2 * s.storageWrite() + 2 * s.storageRead() + s.log(1, 64);
  }

  private static List<Object> decode(FunctionSpec f, Bytes calldata) {
    byte[] raw = calldata.toArrayUnsafe();
    return AbiCodec.decode(f.inputTypes(), raw, 4, raw.length - 4);
  }

  /** Queue: state, hash check, two writes, the log, and the Timelock's queue for exactly these actions. */
  static long queueGas(GasSchedule s, Bytes calldata) {
    List<Object> a = decode(QUEUE, calldata);
    return stateGas(s) + s.storageRead() + 2 * s.storageWrite() + s.keccak(calldata.size()) + PROPOSAL_QUEUED.gas(s, 64)
        + Timelock.QUEUE.nestedCost(s, a.get(1), a.get(2), a.get(3), Bytes32.ZERO);
  }

  /** Execute: state, hash check, a read and a write, the log, and the Timelock's execute of exactly these actions (each action's own gas). */
  static long executeGas(GasSchedule s, Bytes calldata) {
    List<Object> a = decode(EXECUTE, calldata);
    return stateGas(s) + 2 * s.storageRead() + s.storageWrite() + s.keccak(calldata.size()) + PROPOSAL_EXECUTED.gas(s, 32)
        + Timelock.EXECUTE.nestedCost(s, a.get(1), a.get(2), a.get(3), Bytes32.ZERO);
  }
}

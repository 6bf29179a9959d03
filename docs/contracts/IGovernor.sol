// SPDX-License-Identifier: Apache-2.0
// Generated from the native contract's declarations; do not edit.
pragma solidity ^0.8.4;

/// @title IGovernor
/// @notice OpenLedger's Governor: proposals of native-contract calls and treasury transfers, voted with staked OPEN at a
/// snapshot block (OpenZeppelin Governor semantics) and executed through the Timelock.
interface IGovernor {
    /// @notice The action lists differ in length, are empty, or hold more than 16 actions.
    error GovernorInvalidProposalLength(uint256 targets, uint256 calldatas, uint256 values);

    /// @notice Governance may only call declared functions of OpenLedger's native contracts (on the Governor and Timelock only their setters) or send plain OPEN transfers to other accounts.
    error ActionNotAllowed(uint256 index, address target, bytes4 selector);

    /// @notice The proposer's votes at the previous block are below the proposal threshold.
    error GovernorInsufficientProposerVotes(address proposer, uint256 votes, uint256 threshold);

    /// @notice No proposal has this id.
    error GovernorNonexistentProposal(uint256 proposalId);

    /// @notice The proposal's state does not allow this; `expectedStates` has bit i set for each state i that would (0 Pending, 1 Active, 2 Canceled, 3 Defeated, 4 Succeeded, 5 Queued, 6 Expired, 7 Executed).
    error GovernorUnexpectedProposalState(uint256 proposalId, uint8 current, bytes32 expectedStates);

    /// @notice The proposer already made a proposal with these actions and description (a replay); change the description to propose again.
    error GovernorProposalExists(uint256 proposalId);

    /// @notice The actions and description hash given do not hash, with the proposal's proposer, to this proposal id.
    error GovernorActionsMismatch(uint256 proposalId);

    /// @notice Support must be 0 Against, 1 For or 2 Abstain.
    error GovernorInvalidVoteType();

    /// @notice Voting on the proposal ended with block `deadline`; its state() tells whether it passed.
    error GovernorVotingClosed(uint256 proposalId, uint256 deadline);

    /// @notice The account already voted on this proposal.
    error GovernorAlreadyCastVote(address voter);

    /// @notice Only the proposer while Pending, or the guardian before execution, may cancel.
    error GovernorUnableToCancel(uint256 proposalId, address account);

    /// @notice The Timelock delay has not passed: the proposal may execute from `readyAtBlock` on.
    error GovernorProposalNotReady(uint256 proposalId, uint256 readyAtBlock);

    /// @notice Only `required` may call this function.
    error UnauthorizedCaller(address caller, address required);

    /// @notice A parameter value is outside its allowed range.
    error ParameterOutOfRange(bytes32 name, uint256 value, uint256 minimum, uint256 maximum);

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

    /// @notice A proposal was made (as OpenZeppelin's Governor emits it; signatures are empty strings). Voting runs in blocks voteStart+1 to voteEnd.
    event ProposalCreated(uint256 proposalId, address proposer, address[] targets, uint256[] values, string[] signatures, bytes[] calldatas, uint256 voteStart, uint256 voteEnd, string description);

    /// @notice A vote: support 0 Against, 1 For, 2 Abstain, with the voter's votes at the snapshot.
    event VoteCast(address indexed voter, uint256 proposalId, uint8 support, uint256 weight, string reason);

    /// @notice A succeeded proposal was queued in the Timelock; it may execute from `etaBlock` on.
    event ProposalQueued(uint256 proposalId, uint256 etaBlock);

    /// @notice A queued proposal's actions ran through the Timelock.
    event ProposalExecuted(uint256 proposalId);

    /// @notice The proposer (while Pending) or the guardian canceled a proposal.
    event ProposalCanceled(uint256 proposalId);

    /// @notice Governance changed the voting delay (blocks).
    event VotingDelaySet(uint256 oldVotingDelay, uint256 newVotingDelay);

    /// @notice Governance changed the voting period (blocks).
    event VotingPeriodSet(uint256 oldVotingPeriod, uint256 newVotingPeriod);

    /// @notice Governance changed the proposal threshold (votes).
    event ProposalThresholdSet(uint256 oldProposalThreshold, uint256 newProposalThreshold);

    /// @notice Governance changed the quorum numerator (percent); proposals made before keep theirs.
    event QuorumNumeratorUpdated(uint256 oldQuorumNumerator, uint256 newQuorumNumerator);

    /// @notice Governance set (or, with zero, removed) the guardian.
    event GuardianSet(address oldGuardian, address newGuardian);

    /// @notice Makes a proposal of 1 to 16 allowed actions (ActionNotAllowed otherwise) if the caller's votes at the previous
    /// block reach proposalThreshold. Id: uint256(keccak256(abi.encode(proposer, targets, values, calldatas,
    /// keccak256(bytes(description))))). The snapshot is now + votingDelay, the deadline snapshot + votingPeriod.
    function propose(address[] calldata targets, uint256[] calldata values, bytes[] calldata calldatas, string calldata description) external returns (uint256 proposalId);

    /// @notice Votes on an Active proposal with the caller's votes at its snapshot: 0 Against, 1 For, 2 Abstain; once per account.
    function castVote(uint256 proposalId, uint8 support) external returns (uint256 weight);

    /// @notice castVote with a reason logged in VoteCast.
    function castVoteWithReason(uint256 proposalId, uint8 support, string calldata reason) external returns (uint256 weight);

    /// @notice Queues a Succeeded proposal's actions in the Timelock (salt: the proposal id); they may execute minDelay blocks later.
    /// The lists and description hash must be the proposal's (GovernorActionsMismatch). Anyone may call. Returns the id.
    function queue(uint256 proposalId, address[] calldata targets, uint256[] calldata values, bytes[] calldata calldatas, bytes32 descriptionHash) external returns (uint256);

    /// @notice Executes a Queued proposal whose Timelock delay has passed, through the Timelock (which runs each action as
    /// msg.sender). Anyone may call; the value of the actions comes from the treasury. Returns the id.
    function execute(uint256 proposalId, address[] calldata targets, uint256[] calldata values, bytes[] calldata calldatas, bytes32 descriptionHash) external returns (uint256);

    /// @notice The proposer cancels its proposal while Pending; the guardian cancels any proposal not yet Canceled, Expired or
    /// Executed (a Queued one is canceled in the Timelock too).
    function cancel(uint256 proposalId) external;

    /// @notice Timelock only. Sets the voting delay for proposals made from now on (0 to 2^32-1 blocks).
    function setVotingDelay(uint256 newVotingDelay) external;

    /// @notice Timelock only. Sets the voting period for proposals made from now on (1 to 2^32-1 blocks).
    function setVotingPeriod(uint256 newVotingPeriod) external;

    /// @notice Timelock only. Sets the votes a proposer needs (0 to 2^208-1 wei of stake).
    function setProposalThreshold(uint256 newProposalThreshold) external;

    /// @notice Timelock only. Sets the quorum in percent of the past total supply (1 to 100) for proposals made from now on.
    function updateQuorumNumerator(uint256 newQuorumNumerator) external;

    /// @notice Timelock only. Sets the guardian, who may cancel any proposal before execution; zero removes it.
    function setGuardian(address newGuardian) external;

    /// @notice 0 Pending, 1 Active, 2 Canceled, 3 Defeated, 4 Succeeded, 5 Queued, 6 Expired, 7 Executed.
    function state(uint256 proposalId) external view returns (uint8);

    /// @notice The block votes are read at (0 if no such proposal); voting starts after it.
    function proposalSnapshot(uint256 proposalId) external view returns (uint256);

    /// @notice The last block of voting (0 if no such proposal).
    function proposalDeadline(uint256 proposalId) external view returns (uint256);

    /// @notice Who made the proposal (zero if no such proposal).
    function proposalProposer(uint256 proposalId) external view returns (address);

    /// @notice The block from which a queued proposal may execute (0 if not queued).
    function proposalEta(uint256 proposalId) external view returns (uint256);

    /// @notice The votes counted so far.
    function proposalVotes(uint256 proposalId) external view returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes);

    /// @notice Whether the account voted on the proposal.
    function hasVoted(uint256 proposalId, address account) external view returns (bool);

    /// @notice quorumNumerator (current) / 100 of the total voting supply at block `timepoint` (before the current block).
    function quorum(uint256 timepoint) external view returns (uint256);

    /// @notice The account's votes at block `timepoint` (before the current block), from Staking.
    function getVotes(address account, uint256 timepoint) external view returns (uint256);

    /// @notice uint256(keccak256(abi.encode(proposer, targets, values, calldatas, descriptionHash))).
    function hashProposal(address proposer, address[] calldata targets, uint256[] calldata values, bytes[] calldata calldatas, bytes32 descriptionHash) external pure returns (uint256);

    /// @notice Blocks from proposing to the snapshot (default 43,200).
    function votingDelay() external view returns (uint256);

    /// @notice Blocks of voting after the snapshot (default 302,400).
    function votingPeriod() external view returns (uint256);

    /// @notice Votes a proposer needs at the previous block (default 10,000 OPEN).
    function proposalThreshold() external view returns (uint256);

    /// @notice The quorum in percent of the past total supply, for new proposals (default 5).
    function quorumNumerator() external view returns (uint256);

    /// @notice 100.
    function quorumDenominator() external pure returns (uint256);

    /// @notice The guardian (zero: none).
    function guardian() external view returns (address);

    /// @notice How many proposals were made.
    function proposalCount() external view returns (uint256);

    /// @notice The governance clock: the current block number (ERC-6372).
    function clock() external view returns (uint48);

    /// @notice support=bravo&quorum=for,abstain (OpenZeppelin's simple counting).
    function COUNTING_MODE() external pure returns (string memory);
}

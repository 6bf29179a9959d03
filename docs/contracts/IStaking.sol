// SPDX-License-Identifier: Apache-2.0
// Generated from the native contract's declarations; do not edit.
pragma solidity ^0.8.4;

/// @title IStaking
/// @notice OPEN staking: governance-only and model-backed positions with warm-up and unbonding,
/// reward-per-share distribution of each model's staker share, and ERC-5805 voting checkpoints with delegation.
interface IStaking {
    struct Position {
        address owner;
        uint256 modelId;
        uint256 amount;
        uint8 status;
        uint64 stakedAtBlock;
        uint64 activatableAtBlock;
        uint64 withdrawableAtBlock;
    }

    struct Checkpoint {
        uint48 fromBlock;
        uint208 votes;
    }

    /// @notice The amount (or value sent) is zero.
    error ZeroAmount();

    /// @notice The stake is below the minimum stake.
    error StakeBelowMinimum(uint256 amount, uint256 minimum);

    /// @notice The owner already holds the maximum number of open positions; withdraw one first.
    error TooManyPositions(address owner, uint256 maximum);

    /// @notice No position has this id.
    error UnknownPosition(uint256 positionId);

    /// @notice Only the position's owner may do this.
    error NotPositionOwner(uint256 positionId, address caller, address owner);

    /// @notice The position's status (1 Warming, 2 Active, 3 Unbonding, 4 Withdrawn) does not allow this.
    error WrongPositionStatus(uint256 positionId, uint8 status);

    /// @notice The position is still warming up; it can be activated from `activatableAtBlock` on.
    error WarmupNotOver(uint256 positionId, uint256 activatableAtBlock);

    /// @notice The position is still unbonding; it can be withdrawn from `withdrawableAtBlock` on.
    error UnbondingNotOver(uint256 positionId, uint256 withdrawableAtBlock);

    /// @notice Only `required` may call this function.
    error UnauthorizedCaller(address caller, address required);

    /// @notice Rewards cannot be distributed to this model id (0 is governance-only stake).
    error InvalidModel(uint256 modelId);

    /// @notice The slash is larger than the position's stake.
    error SlashExceedsStake(uint256 positionId, uint256 amount, uint256 stake);

    /// @notice Votes cannot be delegated to the zero address; delegate to yourself to vote with your own stake.
    error InvalidDelegatee(address delegatee);

    /// @notice Past votes can only be read for blocks strictly before the current one.
    error ERC5805FutureLookup(uint256 timepoint, uint48 clock);

    /// @notice A block number or vote total does not fit its checkpoint field.
    error SafeCastOverflowedUintDowncast(uint8 bits, uint256 value);

    /// @notice The distribution would overflow the reward accounting.
    error RewardOverflow(uint256 modelId);

    /// @notice A parameter value is outside its allowed range.
    error ParameterOutOfRange(bytes32 name, uint256 value, uint256 minimum, uint256 maximum);

    /// @notice The account has fewer checkpoints.
    error CheckpointOutOfRange(address account, uint32 pos, uint32 count);

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

    /// @notice A position was opened (model 0: governance-only, active at once).
    event Staked(uint256 indexed positionId, address indexed owner, uint256 indexed modelId, uint256 amount, uint256 activatableAtBlock);

    /// @notice A warmed-up position joined its model's active stake and earns from now on.
    event Activated(uint256 indexed positionId, uint256 indexed modelId, uint256 amount);

    /// @notice A position stopped earning and voting; its principal can be withdrawn from `withdrawableAtBlock`.
    event UnbondingStarted(uint256 indexed positionId, address indexed owner, uint256 amount, uint256 withdrawableAtBlock);

    /// @notice An unbonded position's principal was paid back to its owner.
    event Withdrawn(uint256 indexed positionId, address indexed owner, uint256 amount);

    /// @notice The Inference contract paid `amount` to a model's stakers: `toStakers` is reserved for them, `toTreasury` (rounding dust, or all with no active stake) went to the treasury.
    event RewardsDistributed(uint256 indexed modelId, uint256 amount, uint256 toStakers, uint256 toTreasury);

    /// @notice A position's accrued rewards were paid to its owner.
    event RewardsClaimed(uint256 indexed positionId, address indexed owner, uint256 amount);

    /// @notice A withdrawn position's sub-wei reward fraction was released and the freed wei went to the treasury.
    event RewardDustForfeited(uint256 indexed positionId, uint256 amount);

    /// @notice Governance slashed a position; the amount went to the treasury.
    event Slashed(uint256 indexed positionId, address indexed owner, uint256 amount);

    /// @notice An account changed its delegate (as in ERC-5805).
    event DelegateChanged(address indexed delegator, address indexed fromDelegate, address indexed toDelegate);

    /// @notice A delegate's voting power changed (as in ERC-5805).
    event DelegateVotesChanged(address indexed delegate, uint256 previousVotes, uint256 newVotes);

    /// @notice Governance changed a parameter; `name` is its ASCII name, right-padded.
    event ParameterChanged(bytes32 indexed name, uint256 oldValue, uint256 newValue);

    /// @notice OPEN held beyond principal and reward reserve was sent to the treasury.
    event SurplusSwept(uint256 amount);

    /// @notice Opens a position of `msg.value` wei behind `modelId` (0: governance-only stake, never earns, active at once).
    /// A model position warms up for `warmupBlocks` (snapshotted now) before it can be activated and earn.
    /// The stake counts as voting power for the caller's delegate at once. Needs at least `minStake`;
    /// an owner holds at most 64 open positions.
    function stake(uint256 modelId) external payable returns (uint256 positionId);

    /// @notice Moves a warmed-up position into its model's active stake; it earns from the next distribution on.
    /// Anyone may call it once `activatableAtBlock` is reached.
    function activate(uint256 positionId) external;

    /// @notice Owner only. Settles the position's rewards and removes its stake from the model's active stake and from
    /// voting power at once; the principal can be withdrawn after `unbondingBlocks` and stays slashable until then.
    function unbond(uint256 positionId) external;

    /// @notice Owner only, once unbonding is over. Pays back the principal and every whole wei of reward still accrued,
    /// and closes the position.
    function withdraw(uint256 positionId) external returns (uint256 principal, uint256 rewards);

    /// @notice Inference contract only. Shares `msg.value` among the model's active stake, pro rata, through its
    /// reward-per-share accumulator; rounding dust goes to the treasury at once, and everything does when the
    /// model has no active stake.
    function distribute(uint256 modelId) external payable;

    /// @notice Owner only. Activates the position if it has warmed up, then pays its accrued rewards (whole wei;
    /// the sub-wei fraction stays with the position). Returns the amount paid, possibly zero.
    function claim(uint256 positionId) external returns (uint256 amount);

    /// @notice Claims for every open position of the caller in one call (activating those that warmed up) and pays the
    /// total in one transfer. Returns the amount paid, possibly zero.
    function claimAll() external returns (uint256 amount);

    /// @notice Timelock only. Takes `amount` of a Warming, Active or Unbonding position's principal to the treasury,
    /// settling its rewards first; accrued rewards are not slashed.
    function slash(uint256 positionId, uint256 amount) external;

    /// @notice Timelock only. Sets the minimum stake of new positions, in wei (1 to 2^208-1).
    function setMinStake(uint256 value) external;

    /// @notice Timelock only. Sets the warm-up of new model positions, in blocks (1 to 2^32-1).
    /// Must stay at least the inference request timeout.
    function setWarmupBlocks(uint256 value) external;

    /// @notice Timelock only. Sets the unbonding delay of positions that start unbonding from now on, in blocks (1 to 2^32-1).
    function setUnbondingBlocks(uint256 value) external;

    /// @notice Sends OPEN held beyond total principal and reward reserve (only a self-destruct can put it there) to the
    /// treasury. Anyone may call it; returns the amount swept, possibly zero.
    function sweepSurplus() external returns (uint256 amount);

    /// @notice Delegates all of the caller's voting power (its bonded stake) to `delegatee`. Accounts that never
    /// delegated vote with their own stake.
    function delegate(address delegatee) external;

    /// @notice The account's delegate: the account itself unless it delegated elsewhere.
    function delegates(address account) external view returns (address);

    /// @notice The account's current voting power: the bonded stake delegated to it.
    function getVotes(address account) external view returns (uint256);

    /// @notice The account's voting power at the end of block `timepoint`, which must be before the current block.
    function getPastVotes(address account, uint256 timepoint) external view returns (uint256);

    /// @notice Total bonded stake (all voting power) at the end of block `timepoint`, which must be before the current block.
    function getPastTotalSupply(uint256 timepoint) external view returns (uint256);

    /// @notice How many voting checkpoints the account has.
    function numCheckpoints(address account) external view returns (uint32);

    /// @notice The account's checkpoint number `pos`: from which block it held how many votes.
    function checkpoints(address account, uint32 pos) external view returns (Checkpoint memory);

    /// @notice The clock of votes and checkpoints: the current block number (ERC-6372).
    function clock() external view returns (uint48);

    /// @notice The clock mode (ERC-6372): block numbers.
    function CLOCK_MODE() external view returns (string memory);

    /// @notice A position: owner, model (0 governance-only), principal, status (1 Warming, 2 Active, 3 Unbonding,
    /// 4 Withdrawn), the block it was staked, the block it may be activated from, and the block it may be
    /// withdrawn from (0 until it unbonds). A withdrawn position keeps the principal it paid back.
    function position(uint256 positionId) external view returns (Position memory);

    /// @notice The owner's open (not withdrawn) positions, in no particular order.
    function positionsOf(address owner) external view returns (uint256[] memory positionIds);

    /// @notice Rewards the position would pay if claimed now, in wei.
    function pendingRewards(uint256 positionId) external view returns (uint256);

    /// @notice The model's active stake: what its distributions are shared over (0 for governance-only stake).
    function activeStake(uint256 modelId) external view returns (uint256);

    /// @notice The model's accumulated reward per wei of active stake, scaled by 10^36.
    function rewardPerShare(uint256 modelId) external view returns (uint256);

    /// @notice All bonded (Warming or Active) stake: the current total voting power.
    function totalBonded() external view returns (uint256);

    /// @notice All principal the contract holds: bonded and unbonding stake.
    function totalPrincipal() external view returns (uint256);

    /// @notice OPEN held for accrued rewards: what stakers are owed, rounded up to the wei.
    function rewardReserve() external view returns (uint256);

    /// @notice The minimum stake of a new position, in wei.
    function minStake() external view returns (uint256);

    /// @notice Blocks a new model position warms up before it can be activated.
    function warmupBlocks() external view returns (uint256);

    /// @notice Blocks from unbonding until the principal can be withdrawn.
    function unbondingBlocks() external view returns (uint256);
}

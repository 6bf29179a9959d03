package org.openledger.contracts.staking;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Governed;
import org.openledger.contracts.model.Models;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.Args;
import org.openledger.precompiles.contract.CallContext;
import org.openledger.precompiles.contract.ContractSpec;
import org.openledger.precompiles.contract.Declarations;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.contract.EventSpec;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.contract.NativeContract;
import org.openledger.precompiles.contract.StructSpec;
import org.openledger.precompiles.gas.GasRule;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.storage.Parameter;
import org.openledger.precompiles.storage.Slot;

/**
 * Staking of OPEN (DESIGN §4, "Staking"), at {@link Addresses#STAKING}.
 *
 * <p><b>Positions.</b> {@code stake(modelId)} opens a position holding {@code msg.value}: behind
 * a model ({@code modelId > 0}) it earns that model's staker share of inference fees; with
 * {@code modelId = 0} it is governance-only stake, which never earns. Position ids count from 1
 * and are never reused. A position moves through
 * <pre>
 *   Warming ──activate──▶ Active ──unbond──▶ Unbonding ──withdraw──▶ Withdrawn
 *      └──────────────unbond──────────────────▲
 * </pre>
 * Governance-only positions are born Active (there is nothing to warm up for). Model positions
 * warm up for {@code warmupBlocks} (snapshotted when staked) and then anyone may {@link #ACTIVATE}
 * them; a claim by the owner activates matured positions too.
 *
 * <p><b>Rewards.</b> Only {@link Addresses#INFERENCE} may {@link #DISTRIBUTE}. Each model keeps a
 * reward-per-share accumulator over its <em>active</em> stake, scaled by {@link #REWARD_SCALE}
 * (10^36, larger than the total OPEN supply in wei, so one distribution shorts a staker by less
 * than a wei). A position is settled before its stake changes. A position's accrued reward is
 * kept exactly, in wei × 10^36; claims pay the whole wei and keep the fraction.
 *
 * <p><b>Rounding and solvency.</b> The contract stores {@code owedScaled}, the exact sum of every
 * position's accrued reward in wei × 10^36, and keeps as reward reserve exactly {@code
 * ceil(owedScaled / 10^36)} wei. Every distribution sends the rest of its value (the rounding
 * dust, or all of it when the model has no active stake) to the treasury at once; a withdrawn
 * position forfeits its sub-wei fraction, and the wei that frees goes to the treasury too. So at
 * every moment {@code balance(this) == totalPrincipal() + rewardReserve()}, to the wei, and the
 * reserve exceeds what stakers are owed by less than one wei. OPEN reaching the contract any other
 * way (a self-destruct) is surplus that anyone may {@link #SWEEP_SURPLUS sweep} to the treasury.
 *
 * <p><b>Warm-up and requests.</b> Stake earns only from distributions made after it was
 * activated, and it can be activated no earlier than {@code warmupBlocks} after it was staked.
 * {@code warmupBlocks} must therefore be at least the longest delay between an inference request
 * and the distribution of its fee (the request timeout): then stake added after a request can
 * never earn from it. The Inference contract enforces that relation when it sets its timeout;
 * this contract only stores the parameter.
 *
 * <p><b>Voting power</b> follows OpenZeppelin's ERC20Votes / ERC-5805 with a block-number clock:
 * every bonded (Warming or Active) position's amount counts for its owner's delegatee;
 * Unbonding and Withdrawn stake counts nothing. Unlike ERC20Votes, an account that never
 * delegated is delegated to <em>itself</em>, so stake allocated at genesis votes at once;
 * {@link #DELEGATE} moves all of an account's voting units. Checkpoints are per block (several
 * changes in one block overwrite that block's checkpoint), keys are {@code uint48} block numbers,
 * and past lookups are binary searches.
 *
 * <p><b>Caps.</b> An owner holds at most {@link #MAX_POSITIONS_PER_OWNER} open (not withdrawn)
 * positions, so {@link #CLAIM_ALL} has a gas bound it can declare. It is a constant of this
 * contract version, not a parameter, because the gas rule must be known before a call runs.
 *
 * <p>Storage layout, as the equivalent Solidity contract would have it:
 * <pre>
 * slot 0:  uint256 positionCount
 * slot 1:  mapping(uint256 =&gt; Position) positions   (7 words, see below)
 * slot 2:  mapping(address =&gt; uint256[]) positionsOf (open positions)
 * slot 3:  mapping(uint256 =&gt; Pool) pools           (word 0 activeStake, word 1 rewardPerShare)
 * slot 4:  uint256 totalPrincipal
 * slot 5:  uint256 rewardReserve
 * slot 6:  uint256 owedScaled
 * slot 7:  mapping(address =&gt; address) delegatee     (zero: the account itself)
 * slot 8:  mapping(address =&gt; uint256) votingUnits   (the account's bonded stake)
 * slot 9:  mapping(address =&gt; Checkpoint208[]) delegateCheckpoints
 * slot 10: Checkpoint208[] totalCheckpoints
 * slot 11, 12: parameters (minStake, warmupBlocks, unbondingBlocks)
 *
 * Position: word 0 address owner | uint8 status &lt;&lt; 160; word 1 modelId; word 2 amount;
 *           word 3 uint64 stakedAt | uint64 activatableAt &lt;&lt; 64 | uint64 withdrawableAt &lt;&lt; 128;
 *           word 4 rewardPerSharePaid; word 5 accruedScaled; word 6 index in positionsOf[owner]
 * Checkpoint208: uint48 block | uint208 value &lt;&lt; 48   (OpenZeppelin's Checkpoints.Trace208)
 * </pre>
 */
public final class Staking extends NativeContract {
  /** Where the contract lives: {@code 0x…0a04}. */
  public static final Address ADDRESS = Addresses.STAKING;

  /** Scale of the reward-per-share accumulators: 10^36. */
  public static final BigInteger REWARD_SCALE = BigInteger.TEN.pow(36);
  /** Open (not withdrawn) positions one owner may hold; {@code claimAll} declares gas for this many. */
  public static final int MAX_POSITIONS_PER_OWNER = 64;

  /** Position status, as {@code position(id).status} reports it. */
  public static final int WARMING = 1;
  public static final int ACTIVE = 2;
  public static final int UNBONDING = 3;
  public static final int WITHDRAWN = 4;

  /** Bits of a checkpoint's key (a block number) and value, as OpenZeppelin's Trace208. */
  static final int KEY_BITS = 48;
  static final int VALUE_BITS = 208;
  /** Upper bound of the delay parameters: a {@code uint32} of blocks. */
  static final BigInteger MAX_DELAY_BLOCKS = BigInteger.ONE.shiftLeft(Integer.SIZE).subtract(BigInteger.ONE);
  /** Upper bound of the minimum stake: a stake above {@code uint208} could never be checkpointed. */
  static final BigInteger MAX_MIN_STAKE = BigInteger.ONE.shiftLeft(VALUE_BITS).subtract(BigInteger.ONE);

  /** Bits of each block number packed in a position's word 3. */
  private static final int BLOCK_BITS = Long.SIZE;
  private static final BigInteger MASK_48 = BigInteger.ONE.shiftLeft(KEY_BITS).subtract(BigInteger.ONE);
  private static final BigInteger MASK_64 = BigInteger.ONE.shiftLeft(BLOCK_BITS).subtract(BigInteger.ONE);
  private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);
  private static final int ADDRESS_BITS = 160;

  // ------------------------------------------------------------------ storage

  static final Slot POSITION_COUNT = Slot.at(0);
  static final Slot POSITIONS = Slot.at(1);
  static final Slot POSITIONS_OF = Slot.at(2);
  static final Slot POOLS = Slot.at(3);
  static final Slot TOTAL_PRINCIPAL = Slot.at(4);
  static final Slot REWARD_RESERVE = Slot.at(5);
  static final Slot OWED_SCALED = Slot.at(6);
  static final Slot DELEGATEE = Slot.at(7);
  static final Slot VOTING_UNITS = Slot.at(8);
  static final Slot DELEGATE_CHECKPOINTS = Slot.at(9);
  static final Slot TOTAL_CHECKPOINTS = Slot.at(10);
  static final Slot PARAMS = Slot.at(11);

  /** Words of a stored position. */
  private static final int POSITION_WORDS = 7;
  private static final int W_HEADER = 0;
  private static final int W_MODEL = 1;
  private static final int W_AMOUNT = 2;
  private static final int W_BLOCKS = 3;
  private static final int W_PAID = 4;
  private static final int W_ACCRUED = 5;
  private static final int W_INDEX = 6;

  /** Smallest stake a position may open with, in wei; unset: 1 OPEN. */
  public static final Parameter MIN_STAKE = new Parameter("minStake", PARAMS, BigInteger.TEN.pow(18));
  /** Blocks from staking until a model position may be activated; unset: 7,200 (4 hours of 2-second blocks). */
  public static final Parameter WARMUP_BLOCKS = new Parameter("warmupBlocks", PARAMS, BigInteger.valueOf(7_200));
  /** Blocks from unbonding until the principal may be withdrawn; unset: 50,400 (28 hours). */
  public static final Parameter UNBONDING_BLOCKS = new Parameter("unbondingBlocks", PARAMS, BigInteger.valueOf(50_400));

  // ------------------------------------------------------------------ declarations

  private static final Declarations D = new Declarations("IStaking");

  public static final StructSpec POSITION_STRUCT = D.struct("Position",
      "address owner", "uint256 modelId", "uint256 amount", "uint8 status",
      "uint64 stakedAtBlock", "uint64 activatableAtBlock", "uint64 withdrawableAtBlock");
  public static final StructSpec CHECKPOINT_STRUCT = D.struct("Checkpoint", "uint48 fromBlock", "uint208 votes");

  public static final ErrorSpec ZERO_AMOUNT = D.error("ZeroAmount()", "The amount (or value sent) is zero.");
  public static final ErrorSpec STAKE_BELOW_MINIMUM = D.error("StakeBelowMinimum(uint256 amount, uint256 minimum)",
      "The stake is below the minimum stake.");
  public static final ErrorSpec TOO_MANY_POSITIONS = D.error("TooManyPositions(address owner, uint256 maximum)",
      "The owner already holds the maximum number of open positions; withdraw one first.");
  public static final ErrorSpec UNKNOWN_POSITION = D.error("UnknownPosition(uint256 positionId)", "No position has this id.");
  public static final ErrorSpec NOT_POSITION_OWNER = D.error("NotPositionOwner(uint256 positionId, address caller, address owner)",
      "Only the position's owner may do this.");
  public static final ErrorSpec WRONG_POSITION_STATUS = D.error("WrongPositionStatus(uint256 positionId, uint8 status)",
      "The position's status (1 Warming, 2 Active, 3 Unbonding, 4 Withdrawn) does not allow this.");
  public static final ErrorSpec WARMUP_NOT_OVER = D.error("WarmupNotOver(uint256 positionId, uint256 activatableAtBlock)",
      "The position is still warming up; it can be activated from `activatableAtBlock` on.");
  public static final ErrorSpec UNBONDING_NOT_OVER = D.error("UnbondingNotOver(uint256 positionId, uint256 withdrawableAtBlock)",
      "The position is still unbonding; it can be withdrawn from `withdrawableAtBlock` on.");
  public static final ErrorSpec UNAUTHORIZED_CALLER = D.error("UnauthorizedCaller(address caller, address required)",
      "Only `required` may call this function.");
  public static final ErrorSpec INVALID_MODEL = D.error("InvalidModel(uint256 modelId)",
      "Rewards cannot be distributed to this model id (0 is governance-only stake).");
  public static final ErrorSpec SLASH_EXCEEDS_STAKE = D.error("SlashExceedsStake(uint256 positionId, uint256 amount, uint256 stake)",
      "The slash is larger than the position's stake.");
  public static final ErrorSpec INVALID_DELEGATEE = D.error("InvalidDelegatee(address delegatee)",
      "Votes cannot be delegated to the zero address; delegate to yourself to vote with your own stake.");
  public static final ErrorSpec FUTURE_LOOKUP = D.error("ERC5805FutureLookup(uint256 timepoint, uint48 clock)",
      "Past votes can only be read for blocks strictly before the current one.");
  public static final ErrorSpec SAFE_CAST_OVERFLOW = D.error("SafeCastOverflowedUintDowncast(uint8 bits, uint256 value)",
      "A block number or vote total does not fit its checkpoint field.");
  public static final ErrorSpec REWARD_OVERFLOW = D.error("RewardOverflow(uint256 modelId)",
      "The distribution would overflow the reward accounting.");
  public static final ErrorSpec PARAMETER_OUT_OF_RANGE = D.error(
      "ParameterOutOfRange(bytes32 name, uint256 value, uint256 minimum, uint256 maximum)",
      "A parameter value is outside its allowed range.");
  public static final ErrorSpec CHECKPOINT_OUT_OF_RANGE = D.error("CheckpointOutOfRange(address account, uint32 pos, uint32 count)",
      "The account has fewer checkpoints.");

  public static final EventSpec STAKED = D.event(
      "Staked(uint256 indexed positionId, address indexed owner, uint256 indexed modelId, uint256 amount, uint256 activatableAtBlock)",
      "A position was opened (model 0: governance-only, active at once).");
  public static final EventSpec ACTIVATED = D.event("Activated(uint256 indexed positionId, uint256 indexed modelId, uint256 amount)",
      "A warmed-up position joined its model's active stake and earns from now on.");
  public static final EventSpec UNBONDING_STARTED = D.event(
      "UnbondingStarted(uint256 indexed positionId, address indexed owner, uint256 amount, uint256 withdrawableAtBlock)",
      "A position stopped earning and voting; its principal can be withdrawn from `withdrawableAtBlock`.");
  public static final EventSpec WITHDRAWN_EVENT = D.event("Withdrawn(uint256 indexed positionId, address indexed owner, uint256 amount)",
      "An unbonded position's principal was paid back to its owner.");
  public static final EventSpec REWARDS_DISTRIBUTED = D.event(
      "RewardsDistributed(uint256 indexed modelId, uint256 amount, uint256 toStakers, uint256 toTreasury)",
      "The Inference contract paid `amount` to a model's stakers: `toStakers` is reserved for them, `toTreasury` (rounding dust, or all with no active stake) went to the treasury.");
  public static final EventSpec REWARDS_CLAIMED = D.event("RewardsClaimed(uint256 indexed positionId, address indexed owner, uint256 amount)",
      "A position's accrued rewards were paid to its owner.");
  public static final EventSpec REWARD_DUST_FORFEITED = D.event("RewardDustForfeited(uint256 indexed positionId, uint256 amount)",
      "A withdrawn position's sub-wei reward fraction was released and the freed wei went to the treasury.");
  public static final EventSpec SLASHED = D.event("Slashed(uint256 indexed positionId, address indexed owner, uint256 amount)",
      "Governance slashed a position; the amount went to the treasury.");
  public static final EventSpec DELEGATE_CHANGED = D.event(
      "DelegateChanged(address indexed delegator, address indexed fromDelegate, address indexed toDelegate)",
      "An account changed its delegate (as in ERC-5805).");
  public static final EventSpec DELEGATE_VOTES_CHANGED = D.event(
      "DelegateVotesChanged(address indexed delegate, uint256 previousVotes, uint256 newVotes)",
      "A delegate's voting power changed (as in ERC-5805).");
  public static final EventSpec PARAMETER_CHANGED = D.event("ParameterChanged(bytes32 indexed name, uint256 oldValue, uint256 newValue)",
      "Governance changed a parameter; `name` is its ASCII name, right-padded.");
  public static final EventSpec SURPLUS_SWEPT = D.event("SurplusSwept(uint256 amount)",
      "OPEN held beyond principal and reward reserve was sent to the treasury.");

  // ---- staking

  public static final FunctionSpec STAKE = D.function("stake(uint256 modelId) payable returns (uint256 positionId)", """
      Opens a position of `msg.value` wei behind `modelId` (0: governance-only stake, never earns, active at once).
      A model position warms up for `warmupBlocks` (snapshotted now) before it can be activated and earn.
      The stake counts as voting power for the caller's delegate at once. Needs at least `minStake`;
      an owner holds at most 64 open positions.""",
      GasRule.fixed(Staking::stakeGas));
  public static final FunctionSpec ACTIVATE = D.function("activate(uint256 positionId)", """
      Moves a warmed-up position into its model's active stake; it earns from the next distribution on.
      Anyone may call it once `activatableAtBlock` is reached.""",
      GasRule.fixed(s -> positionReads(s) + activationGas(s)));
  public static final FunctionSpec UNBOND = D.function("unbond(uint256 positionId)", """
      Owner only. Settles the position's rewards and removes its stake from the model's active stake and from
      voting power at once; the principal can be withdrawn after `unbondingBlocks` and stays slashable until then.""",
      GasRule.fixed(Staking::unbondGas));
  public static final FunctionSpec WITHDRAW = D.function("withdraw(uint256 positionId) returns (uint256 principal, uint256 rewards)", """
      Owner only, once unbonding is over. Pays back the principal and every whole wei of reward still accrued,
      and closes the position.""",
      GasRule.fixed(Staking::withdrawGas));

  // ---- rewards

  public static final FunctionSpec DISTRIBUTE = D.function("distribute(uint256 modelId) payable", """
      Inference contract only. Shares `msg.value` among the model's active stake, pro rata, through its
      reward-per-share accumulator; rounding dust goes to the treasury at once, and everything does when the
      model has no active stake.""",
      GasRule.fixed(s -> 4 * s.storageRead() + 3 * s.storageWrite() + s.storageKey() + s.transfer() + log(s, REWARDS_DISTRIBUTED)));
  public static final FunctionSpec CLAIM = D.function("claim(uint256 positionId) returns (uint256 amount)", """
      Owner only. Activates the position if it has warmed up, then pays its accrued rewards (whole wei;
      the sub-wei fraction stays with the position). Returns the amount paid, possibly zero.""",
      GasRule.fixed(s -> positionReads(s) + collectGas(s) + payOutGas(s)));
  public static final FunctionSpec CLAIM_ALL = D.function("claimAll() returns (uint256 amount)", """
      Claims for every open position of the caller in one call (activating those that warmed up) and pays the
      total in one transfer. Returns the amount paid, possibly zero.""",
      GasRule.fixed(s -> s.storageRead() + 2 * s.storageKey() // the owner's list and its data
          + MAX_POSITIONS_PER_OWNER * (s.storageRead() + positionReads(s) + collectGas(s)) + payOutGas(s)));

  // ---- governance

  public static final FunctionSpec SLASH = D.function("slash(uint256 positionId, uint256 amount)", """
      Timelock only. Takes `amount` of a Warming, Active or Unbonding position's principal to the treasury,
      settling its rewards first; accrued rewards are not slashed.""",
      GasRule.fixed(Staking::slashGas));
  public static final FunctionSpec SET_MIN_STAKE = D.function("setMinStake(uint256 value)",
      "Timelock only. Sets the minimum stake of new positions, in wei (1 to 2^208-1).",
      GasRule.fixed(Staking::setParameterGas));
  public static final FunctionSpec SET_WARMUP_BLOCKS = D.function("setWarmupBlocks(uint256 value)", """
      Timelock only. Sets the warm-up of new model positions, in blocks (1 to 2^32-1).
      Must stay at least the inference request timeout.""",
      GasRule.fixed(Staking::setParameterGas));
  public static final FunctionSpec SET_UNBONDING_BLOCKS = D.function("setUnbondingBlocks(uint256 value)",
      "Timelock only. Sets the unbonding delay of positions that start unbonding from now on, in blocks (1 to 2^32-1).",
      GasRule.fixed(Staking::setParameterGas));
  public static final FunctionSpec SWEEP_SURPLUS = D.function("sweepSurplus() returns (uint256 amount)", """
      Sends OPEN held beyond total principal and reward reserve (only a self-destruct can put it there) to the
      treasury. Anyone may call it; returns the amount swept, possibly zero.""",
      GasRule.fixed(s -> 3 * s.storageRead() + s.transfer() + log(s, SURPLUS_SWEPT)));

  // ---- votes (ERC-5805 / ERC-6372)

  public static final FunctionSpec DELEGATE = D.function("delegate(address delegatee)", """
      Delegates all of the caller's voting power (its bonded stake) to `delegatee`. Accounts that never
      delegated vote with their own stake.""",
      // keys: the caller's delegatee (read and written) and voting units, and each delegate's checkpoints
      GasRule.fixed(s -> 2 * s.storageRead() + s.storageWrite() + 3 * s.storageKey() + log(s, DELEGATE_CHANGED)
          + 2 * (s.storageKey() + pushGas(s) + log(s, DELEGATE_VOTES_CHANGED))));
  public static final FunctionSpec DELEGATES = D.function("delegates(address account) view returns (address)",
      "The account's delegate: the account itself unless it delegated elsewhere.",
      GasRule.view(1, 1));
  public static final FunctionSpec GET_VOTES = D.function("getVotes(address account) view returns (uint256)",
      "The account's current voting power: the bonded stake delegated to it.",
      GasRule.view(2, 2));
  public static final FunctionSpec GET_PAST_VOTES = D.function("getPastVotes(address account, uint256 timepoint) view returns (uint256)",
      "The account's voting power at the end of block `timepoint`, which must be before the current block.",
      searchGas(2));
  public static final FunctionSpec GET_PAST_TOTAL_SUPPLY = D.function("getPastTotalSupply(uint256 timepoint) view returns (uint256)",
      "Total bonded stake (all voting power) at the end of block `timepoint`, which must be before the current block.",
      searchGas(1));
  public static final FunctionSpec NUM_CHECKPOINTS = D.function("numCheckpoints(address account) view returns (uint32)",
      "How many voting checkpoints the account has.", GasRule.view(1, 1));
  public static final FunctionSpec CHECKPOINTS = D.function("checkpoints(address account, uint32 pos) view returns (Checkpoint)",
      "The account's checkpoint number `pos`: from which block it held how many votes.",
      GasRule.view(2, 2));
  public static final FunctionSpec CLOCK = D.function("clock() view returns (uint48)",
      "The clock of votes and checkpoints: the current block number (ERC-6372).",
      // it reads only the block number, but a call base alone does not cover a call's dispatch and encoding: one read
      GasRule.fixed(s -> s.storageRead()));
  public static final FunctionSpec CLOCK_MODE = D.function("CLOCK_MODE() view returns (string)",
      "The clock mode (ERC-6372): block numbers.",
      GasRule.fixed(s -> 2 * s.storageRead())); // it reads nothing, but encoding its string costs a node what two reads do

  // ---- views

  public static final FunctionSpec POSITION = D.function("position(uint256 positionId) view returns (Position)", """
      A position: owner, model (0 governance-only), principal, status (1 Warming, 2 Active, 3 Unbonding,
      4 Withdrawn), the block it was staked, the block it may be activated from, and the block it may be
      withdrawn from (0 until it unbonds). A withdrawn position keeps the principal it paid back.""",
      GasRule.view(POSITION_WORDS, 1));
  public static final FunctionSpec POSITIONS_OF_FN = D.function("positionsOf(address owner) view returns (uint256[] positionIds)",
      "The owner's open (not withdrawn) positions, in no particular order.",
      GasRule.view(1 + MAX_POSITIONS_PER_OWNER, 2));
  public static final FunctionSpec PENDING_REWARDS = D.function("pendingRewards(uint256 positionId) view returns (uint256)",
      "Rewards the position would pay if claimed now, in wei.",
      GasRule.view(POSITION_WORDS + 1, 2));
  public static final FunctionSpec ACTIVE_STAKE = D.function("activeStake(uint256 modelId) view returns (uint256)",
      "The model's active stake: what its distributions are shared over (0 for governance-only stake).",
      GasRule.view(1, 1));
  public static final FunctionSpec REWARD_PER_SHARE = D.function("rewardPerShare(uint256 modelId) view returns (uint256)",
      "The model's accumulated reward per wei of active stake, scaled by 10^36.",
      GasRule.view(1, 1));
  public static final FunctionSpec TOTAL_BONDED = D.function("totalBonded() view returns (uint256)",
      "All bonded (Warming or Active) stake: the current total voting power.",
      GasRule.view(2, 1));
  public static final FunctionSpec TOTAL_PRINCIPAL_FN = D.function("totalPrincipal() view returns (uint256)",
      "All principal the contract holds: bonded and unbonding stake.", GasRule.view(1, 0));
  public static final FunctionSpec REWARD_RESERVE_FN = D.function("rewardReserve() view returns (uint256)",
      "OPEN held for accrued rewards: what stakers are owed, rounded up to the wei.", GasRule.view(1, 0));
  public static final FunctionSpec MIN_STAKE_FN = D.function("minStake() view returns (uint256)",
      "The minimum stake of a new position, in wei.", GasRule.view(2, 2));
  public static final FunctionSpec WARMUP_BLOCKS_FN = D.function("warmupBlocks() view returns (uint256)",
      "Blocks a new model position warms up before it can be activated.", GasRule.view(2, 2));
  public static final FunctionSpec UNBONDING_BLOCKS_FN = D.function("unbondingBlocks() view returns (uint256)",
      "Blocks from unbonding until the principal can be withdrawn.", GasRule.view(2, 2));

  public static final ContractSpec SPEC = D.spec("""
      OPEN staking: governance-only and model-backed positions with warm-up and unbonding,
      reward-per-share distribution of each model's staker share, and ERC-5805 voting checkpoints with delegation.""");

  public Staking() {
    super(SPEC);
    on(STAKE, this::stake);
    on(ACTIVATE, this::activate);
    on(UNBOND, this::unbond);
    on(WITHDRAW, this::withdraw);
    on(DISTRIBUTE, this::distribute);
    on(CLAIM, this::claim);
    on(CLAIM_ALL, this::claimAll);
    on(SLASH, this::slash);
    on(SET_MIN_STAKE, (ctx, in) -> setParameter(ctx, MIN_STAKE, in.uint(0), BigInteger.ONE, MAX_MIN_STAKE));
    on(SET_WARMUP_BLOCKS, (ctx, in) -> setParameter(ctx, WARMUP_BLOCKS, in.uint(0), BigInteger.ONE, MAX_DELAY_BLOCKS));
    on(SET_UNBONDING_BLOCKS, (ctx, in) -> setParameter(ctx, UNBONDING_BLOCKS, in.uint(0), BigInteger.ONE, MAX_DELAY_BLOCKS));
    on(SWEEP_SURPLUS, this::sweepSurplus);
    on(DELEGATE, this::delegate);
    on(DELEGATES, (ctx, in) -> delegateOf(ctx, in.address(0)));
    on(GET_VOTES, (ctx, in) -> latest(ctx, DELEGATE_CHECKPOINTS.mapping(in.address(0))));
    on(GET_PAST_VOTES, (ctx, in) -> upperLookup(ctx, DELEGATE_CHECKPOINTS.mapping(in.address(0)), pastTimepoint(ctx, in.uint(1))));
    on(GET_PAST_TOTAL_SUPPLY, (ctx, in) -> upperLookup(ctx, TOTAL_CHECKPOINTS, pastTimepoint(ctx, in.uint(0))));
    on(NUM_CHECKPOINTS, (ctx, in) -> uint32(ctx.loadUint(DELEGATE_CHECKPOINTS.mapping(in.address(0)))));
    on(CHECKPOINTS, this::checkpointAt);
    on(CLOCK, (ctx, in) -> clock(ctx));
    on(CLOCK_MODE, (ctx, in) -> "mode=blocknumber&from=default");
    on(POSITION, this::positionView);
    on(POSITIONS_OF_FN, this::positionsOf);
    on(PENDING_REWARDS, this::pendingRewards);
    on(ACTIVE_STAKE, (ctx, in) -> ctx.loadUint(pool(in.uint(0)).field(0)));
    on(REWARD_PER_SHARE, (ctx, in) -> ctx.loadUint(pool(in.uint(0)).field(1)));
    on(TOTAL_BONDED, (ctx, in) -> latest(ctx, TOTAL_CHECKPOINTS));
    on(TOTAL_PRINCIPAL_FN, (ctx, in) -> ctx.loadUint(TOTAL_PRINCIPAL));
    on(REWARD_RESERVE_FN, (ctx, in) -> ctx.loadUint(REWARD_RESERVE));
    on(MIN_STAKE_FN, (ctx, in) -> MIN_STAKE.read(ctx));
    on(WARMUP_BLOCKS_FN, (ctx, in) -> WARMUP_BLOCKS.read(ctx));
    on(UNBONDING_BLOCKS_FN, (ctx, in) -> UNBONDING_BLOCKS.read(ctx));
  }

  // ================================================================== positions

  private Object stake(CallContext ctx, Args in) {
    BigInteger modelId = in.uint(0);
    BigInteger amount = ctx.value();
    Address owner = ctx.caller();
    if (amount.signum() == 0) throw ZERO_AMOUNT.revert();
    BigInteger minimum = MIN_STAKE.read(ctx);
    if (amount.compareTo(minimum) < 0) throw STAKE_BELOW_MINIMUM.revert(amount, minimum);
    // Stake behind a model needs a proposed model (ids 1..modelCount at the Models contract).
    if (modelId.signum() > 0) {
      BigInteger models = (BigInteger) ctx.call(Addresses.MODELS, Models.MODEL_COUNT_VIEW, BigInteger.ZERO);
      if (modelId.compareTo(models) > 0) throw INVALID_MODEL.revert(modelId);
    }
    Slot list = POSITIONS_OF.mapping(owner);
    BigInteger count = ctx.loadUint(list);
    if (count.compareTo(BigInteger.valueOf(MAX_POSITIONS_PER_OWNER)) >= 0) {
      throw TOO_MANY_POSITIONS.revert(owner, BigInteger.valueOf(MAX_POSITIONS_PER_OWNER));
    }
    BigInteger id = ctx.loadUint(POSITION_COUNT).add(BigInteger.ONE);
    ctx.storeUint(POSITION_COUNT, id);

    long now = ctx.block().number();
    boolean governanceOnly = modelId.signum() == 0;
    BigInteger warmup = WARMUP_BLOCKS.read(ctx);
    long activatableAt = governanceOnly ? now : Math.addExact(now, warmup.longValueExact());
    Slot p = POSITIONS.mapping(id);
    ctx.storeUint(p.field(W_HEADER), header(owner, governanceOnly ? ACTIVE : WARMING));
    ctx.storeUint(p.field(W_MODEL), modelId);
    ctx.storeUint(p.field(W_AMOUNT), amount);
    ctx.storeUint(p.field(W_BLOCKS), blocks(now, activatableAt, 0));
    ctx.storeUint(p.field(W_INDEX), count);
    ctx.storeUint(list.element(count, 1), id);
    ctx.storeUint(list, count.add(BigInteger.ONE));
    addTo(ctx, TOTAL_PRINCIPAL, amount);
    changeVotingUnits(ctx, owner, amount);
    ctx.emit(STAKED, id, owner, modelId, amount, BigInteger.valueOf(activatableAt));
    return id;
  }

  private static long stakeGas(GasSchedule s) {
    return Models.MODEL_COUNT_VIEW.nestedCost(s) // the model exists
        + 2 * parameterReads(s) // minStake, warmupBlocks
        + 2 * s.storageRead() + s.storageWrite() // owner's position count; position counter
        + 5 * s.storageWrite() + s.storageKey() // the position's words
        + 2 * s.storageWrite() + 2 * s.storageKey() // owner's list: element and length
        + s.storageRead() + s.storageWrite() // total principal
        + votingUnitsGas(s)
        + log(s, STAKED);
  }

  private Object activate(CallContext ctx, Args in) {
    Position p = Position.load(ctx, in.uint(0));
    if (p.status != WARMING) throw WRONG_POSITION_STATUS.revert(p.id, p.status);
    if (ctx.block().number() < p.activatableAt) throw WARMUP_NOT_OVER.revert(p.id, p.activatableAt);
    activate(ctx, p);
    return null;
  }

  /** Joins the model's active stake at the current accumulator: it earns only from later distributions. */
  private static void activate(CallContext ctx, Position p) {
    Slot pool = pool(p.modelId);
    ctx.storeUint(pool.field(0), ctx.loadUint(pool.field(0)).add(p.amount));
    p.paidPerShare = ctx.loadUint(pool.field(1));
    ctx.storeUint(p.slot.field(W_PAID), p.paidPerShare);
    p.status = ACTIVE;
    ctx.storeUint(p.slot.field(W_HEADER), header(p.owner, ACTIVE));
    ctx.emit(ACTIVATED, p.id, p.modelId, p.amount);
  }

  private static long activationGas(GasSchedule s) {
    return 2 * s.storageRead() + 3 * s.storageWrite() + s.storageKey() + log(s, ACTIVATED);
  }

  private Object unbond(CallContext ctx, Args in) {
    Position p = Position.load(ctx, in.uint(0));
    requireOwner(ctx, p);
    if (p.status != WARMING && p.status != ACTIVE) throw WRONG_POSITION_STATUS.revert(p.id, p.status);
    if (p.earns()) {
      settle(ctx, p);
      leavePool(ctx, p, p.amount);
    }
    long withdrawableAt = Math.addExact(ctx.block().number(), UNBONDING_BLOCKS.read(ctx).longValueExact());
    p.status = UNBONDING;
    ctx.storeUint(p.slot.field(W_HEADER), header(p.owner, UNBONDING));
    ctx.storeUint(p.slot.field(W_BLOCKS), blocks(p.stakedAt, p.activatableAt, withdrawableAt));
    changeVotingUnits(ctx, p.owner, p.amount.negate());
    ctx.emit(UNBONDING_STARTED, p.id, p.owner, p.amount, BigInteger.valueOf(withdrawableAt));
    return null;
  }

  private static long unbondGas(GasSchedule s) {
    return positionReads(s) + settleGas(s) + leavePoolGas(s) + parameterReads(s)
        + 2 * s.storageWrite() + votingUnitsGas(s) + log(s, UNBONDING_STARTED);
  }

  private Object withdraw(CallContext ctx, Args in) {
    Position p = Position.load(ctx, in.uint(0));
    requireOwner(ctx, p);
    if (p.status != UNBONDING) throw WRONG_POSITION_STATUS.revert(p.id, p.status);
    if (ctx.block().number() < p.withdrawableAt) throw UNBONDING_NOT_OVER.revert(p.id, p.withdrawableAt);

    // Release everything the position is owed: the whole wei are paid, the sub-wei fraction is
    // forfeited, and the reserve shrinks to the ceiling of what the others are still owed.
    BigInteger[] split = p.accrued.divideAndRemainder(REWARD_SCALE);
    BigInteger rewards = split[0];
    BigInteger owed = ctx.loadUint(OWED_SCALED).subtract(p.accrued);
    BigInteger reserve = ctx.loadUint(REWARD_RESERVE);
    BigInteger newReserve = ceilDiv(owed, REWARD_SCALE);
    BigInteger dust = reserve.subtract(newReserve).subtract(rewards);
    ctx.storeUint(OWED_SCALED, owed);
    ctx.storeUint(REWARD_RESERVE, newReserve);
    ctx.storeUint(p.slot.field(W_ACCRUED), BigInteger.ZERO);

    p.status = WITHDRAWN;
    ctx.storeUint(p.slot.field(W_HEADER), header(p.owner, WITHDRAWN));
    addTo(ctx, TOTAL_PRINCIPAL, p.amount.negate());
    removeFromOwner(ctx, p);

    BigInteger payout = p.amount.add(rewards);
    if (payout.signum() > 0) ctx.transfer(p.owner, payout);
    if (dust.signum() > 0) {
      ctx.transfer(Addresses.TREASURY, dust);
      ctx.emit(REWARD_DUST_FORFEITED, p.id, dust);
    }
    if (rewards.signum() > 0) ctx.emit(REWARDS_CLAIMED, p.id, p.owner, rewards);
    ctx.emit(WITHDRAWN_EVENT, p.id, p.owner, p.amount);
    return List.of(p.amount, rewards);
  }

  private static long withdrawGas(GasSchedule s) {
    return positionReads(s)
        + 2 * s.storageRead() + 3 * s.storageWrite() // owed, reserve; accrued
        + s.storageWrite() // status
        + s.storageRead() + s.storageWrite() // total principal
        + 2 * s.storageRead() + 4 * s.storageWrite() + 3 * s.storageKey() // removal from the owner's list
        + 2 * s.transfer()
        + log(s, REWARD_DUST_FORFEITED) + log(s, REWARDS_CLAIMED) + log(s, WITHDRAWN_EVENT);
  }

  private static void removeFromOwner(CallContext ctx, Position p) {
    Slot list = POSITIONS_OF.mapping(p.owner);
    Slot ids = list.arrayData();
    BigInteger last = ctx.loadUint(list).subtract(BigInteger.ONE);
    if (!p.ownerIndex.equals(last)) {
      BigInteger moved = ctx.loadUint(ids.offset(last));
      ctx.storeUint(ids.offset(p.ownerIndex), moved);
      ctx.storeUint(POSITIONS.mapping(moved).field(W_INDEX), p.ownerIndex);
    }
    ctx.storeUint(ids.offset(last), BigInteger.ZERO);
    ctx.storeUint(list, last);
  }

  // ================================================================== rewards

  private Object distribute(CallContext ctx, Args in) {
    requireCaller(ctx, Addresses.INFERENCE);
    BigInteger modelId = in.uint(0);
    BigInteger value = ctx.value();
    if (value.signum() == 0) throw ZERO_AMOUNT.revert();
    if (modelId.signum() == 0) throw INVALID_MODEL.revert(modelId);
    Slot pool = pool(modelId);
    BigInteger active = ctx.loadUint(pool.field(0));
    if (active.signum() == 0) {
      ctx.transfer(Addresses.TREASURY, value);
      ctx.emit(REWARDS_DISTRIBUTED, modelId, value, BigInteger.ZERO, value);
      return null;
    }
    BigInteger increment = value.multiply(REWARD_SCALE).divide(active);
    BigInteger perShare = ctx.loadUint(pool.field(1)).add(increment);
    BigInteger owed = ctx.loadUint(OWED_SCALED).add(increment.multiply(active));
    if (perShare.compareTo(UINT256_LIMIT) >= 0 || owed.compareTo(UINT256_LIMIT) >= 0) throw REWARD_OVERFLOW.revert(modelId);
    BigInteger reserve = ctx.loadUint(REWARD_RESERVE);
    BigInteger newReserve = ceilDiv(owed, REWARD_SCALE);
    BigInteger toStakers = newReserve.subtract(reserve);
    BigInteger toTreasury = value.subtract(toStakers);
    ctx.storeUint(pool.field(1), perShare);
    ctx.storeUint(OWED_SCALED, owed);
    ctx.storeUint(REWARD_RESERVE, newReserve);
    if (toTreasury.signum() > 0) ctx.transfer(Addresses.TREASURY, toTreasury);
    ctx.emit(REWARDS_DISTRIBUTED, modelId, value, toStakers, toTreasury);
    return null;
  }

  private Object claim(CallContext ctx, Args in) {
    Position p = Position.load(ctx, in.uint(0));
    requireOwner(ctx, p);
    if (p.status == WITHDRAWN) throw WRONG_POSITION_STATUS.revert(p.id, p.status);
    BigInteger amount = collect(ctx, p);
    payOut(ctx, p.owner, amount);
    return amount;
  }

  private Object claimAll(CallContext ctx, Args in) {
    Address owner = ctx.caller();
    Slot list = POSITIONS_OF.mapping(owner);
    long count = ctx.loadUint(list).longValueExact();
    BigInteger total = BigInteger.ZERO;
    Slot ids = list.arrayData(); // hashed once, not per position
    for (long i = 0; i < count; i++) {
      Position p = Position.load(ctx, ctx.loadUint(ids.offset(BigInteger.valueOf(i))));
      total = total.add(collect(ctx, p));
    }
    payOut(ctx, owner, total);
    return total;
  }

  /**
   * Activates a warmed-up position, settles it and takes its whole-wei rewards (the caller pays
   * them out): the position keeps only its sub-wei fraction.
   */
  private static BigInteger collect(CallContext ctx, Position p) {
    if (p.status == WARMING && ctx.block().number() >= p.activatableAt) activate(ctx, p);
    else if (p.earns()) settle(ctx, p);
    BigInteger amount = p.accrued.divide(REWARD_SCALE);
    if (amount.signum() == 0) return amount;
    p.accrued = p.accrued.mod(REWARD_SCALE);
    ctx.storeUint(p.slot.field(W_ACCRUED), p.accrued);
    ctx.emit(REWARDS_CLAIMED, p.id, p.owner, amount);
    return amount;
  }

  private static long collectGas(GasSchedule s) {
    return Math.max(activationGas(s), settleGas(s)) + s.storageWrite() + log(s, REWARDS_CLAIMED);
  }

  /** Pays {@code amount} of reward out of the reserve; the owed total shrinks by exactly as much. */
  private static void payOut(CallContext ctx, Address to, BigInteger amount) {
    if (amount.signum() == 0) return;
    ctx.storeUint(OWED_SCALED, ctx.loadUint(OWED_SCALED).subtract(amount.multiply(REWARD_SCALE)));
    ctx.storeUint(REWARD_RESERVE, ctx.loadUint(REWARD_RESERVE).subtract(amount));
    ctx.transfer(to, amount);
  }

  private static long payOutGas(GasSchedule s) {
    return 2 * s.storageRead() + 2 * s.storageWrite() + s.transfer();
  }

  /** Credits an earning position with its share of everything distributed since it was last settled. */
  private static void settle(CallContext ctx, Position p) {
    BigInteger perShare = ctx.loadUint(pool(p.modelId).field(1));
    if (perShare.equals(p.paidPerShare)) return;
    p.accrued = p.accrued.add(p.amount.multiply(perShare.subtract(p.paidPerShare)));
    p.paidPerShare = perShare;
    ctx.storeUint(p.slot.field(W_PAID), perShare);
    ctx.storeUint(p.slot.field(W_ACCRUED), p.accrued);
  }

  private static long settleGas(GasSchedule s) {
    return s.storageRead() + 2 * s.storageWrite() + s.storageKey();
  }

  private static void leavePool(CallContext ctx, Position p, BigInteger amount) {
    Slot active = pool(p.modelId).field(0);
    ctx.storeUint(active, ctx.loadUint(active).subtract(amount));
  }

  private static long leavePoolGas(GasSchedule s) {
    return s.storageRead() + s.storageWrite() + s.storageKey();
  }

  private BigInteger pendingRewards(CallContext ctx, Args in) {
    Position p = Position.load(ctx, in.uint(0));
    BigInteger accrued = p.accrued;
    if (p.earns()) {
      BigInteger perShare = ctx.loadUint(pool(p.modelId).field(1));
      accrued = accrued.add(p.amount.multiply(perShare.subtract(p.paidPerShare)));
    }
    return accrued.divide(REWARD_SCALE);
  }

  private Object sweepSurplus(CallContext ctx, Args in) {
    BigInteger liabilities = ctx.loadUint(TOTAL_PRINCIPAL).add(ctx.loadUint(REWARD_RESERVE));
    BigInteger surplus = ctx.balanceOf(ctx.self()).subtract(liabilities);
    if (surplus.signum() <= 0) return BigInteger.ZERO;
    ctx.transfer(Addresses.TREASURY, surplus);
    ctx.emit(SURPLUS_SWEPT, surplus);
    return surplus;
  }

  // ================================================================== governance

  private Object slash(CallContext ctx, Args in) {
    onlyTimelock(ctx);
    BigInteger amount = in.uint(1);
    if (amount.signum() == 0) throw ZERO_AMOUNT.revert();
    Position p = Position.load(ctx, in.uint(0));
    if (p.status == WITHDRAWN) throw WRONG_POSITION_STATUS.revert(p.id, p.status);
    if (amount.compareTo(p.amount) > 0) throw SLASH_EXCEEDS_STAKE.revert(p.id, amount, p.amount);
    if (p.earns()) {
      settle(ctx, p);
      leavePool(ctx, p, amount);
    }
    if (p.status != UNBONDING) changeVotingUnits(ctx, p.owner, amount.negate());
    p.amount = p.amount.subtract(amount);
    ctx.storeUint(p.slot.field(W_AMOUNT), p.amount);
    addTo(ctx, TOTAL_PRINCIPAL, amount.negate());
    ctx.transfer(Addresses.TREASURY, amount);
    ctx.emit(SLASHED, p.id, p.owner, amount);
    return null;
  }

  private static long slashGas(GasSchedule s) {
    return positionReads(s) + settleGas(s) + leavePoolGas(s) + votingUnitsGas(s)
        + s.storageWrite() + s.storageRead() + s.storageWrite() + s.transfer() + log(s, SLASHED);
  }

  private static Object setParameter(CallContext ctx, Parameter parameter, BigInteger value, BigInteger min, BigInteger max) {
    onlyTimelock(ctx);
    new Governed.Bounded(parameter, min, max).check(value, PARAMETER_OUT_OF_RANGE);
    BigInteger old = parameter.read(ctx);
    parameter.write(ctx, value);
    ctx.emit(PARAMETER_CHANGED, parameter.label(), old, value); // Staking's event also carries the old value
    return null;
  }

  private static void onlyTimelock(CallContext ctx) {
    Governed.requireTimelock(ctx, caller -> UNAUTHORIZED_CALLER.revert(caller, Addresses.TIMELOCK));
  }

  private static long setParameterGas(GasSchedule s) {
    return parameterReads(s) + 2 * s.storageWrite() + 2 * s.storageKey() + log(s, PARAMETER_CHANGED);
  }

  /** {@code bytes32("minStake")} in Solidity: the ASCII name, right-padded with zeros. */
  static Bytes32 asciiName(String name) {
    return Bytes32.rightPad(Bytes.wrap(name.getBytes(StandardCharsets.US_ASCII)));
  }

  // ================================================================== votes

  private Object delegate(CallContext ctx, Args in) {
    Address account = ctx.caller();
    Address delegatee = in.address(0);
    if (delegatee.equals(Address.ZERO)) throw INVALID_DELEGATEE.revert(delegatee);
    Address old = delegateOf(ctx, account);
    ctx.storeAddress(DELEGATEE.mapping(account), delegatee);
    ctx.emit(DELEGATE_CHANGED, account, old, delegatee);
    BigInteger units = ctx.loadUint(VOTING_UNITS.mapping(account));
    if (!old.equals(delegatee) && units.signum() > 0) {
      moveVotes(ctx, old, units.negate());
      moveVotes(ctx, delegatee, units);
    }
    return null;
  }

  private static Address delegateOf(CallContext ctx, Address account) {
    Address d = ctx.loadAddress(DELEGATEE.mapping(account));
    return d.equals(Address.ZERO) ? account : d;
  }

  /** Bonds ({@code delta > 0}) or unbonds stake of {@code owner}: its units, its delegate's votes and the total. */
  private static void changeVotingUnits(CallContext ctx, Address owner, BigInteger delta) {
    if (delta.signum() == 0) return;
    addTo(ctx, VOTING_UNITS.mapping(owner), delta);
    push(ctx, TOTAL_CHECKPOINTS, delta);
    moveVotes(ctx, delegateOf(ctx, owner), delta);
  }

  private static long votingUnitsGas(GasSchedule s) {
    // keys: the owner's voting units, its delegatee, the delegate's checkpoints
    return s.storageRead() + s.storageWrite() + s.storageRead() + 3 * s.storageKey() + 2 * pushGas(s) + log(s, DELEGATE_VOTES_CHANGED);
  }

  private static void moveVotes(CallContext ctx, Address delegate, BigInteger delta) {
    BigInteger[] change = push(ctx, DELEGATE_CHECKPOINTS.mapping(delegate), delta);
    ctx.emit(DELEGATE_VOTES_CHANGED, delegate, change[0], change[1]);
  }

  /**
   * Adds {@code delta} to the latest value of the checkpoint array at {@code trace}, writing it
   * as this block's checkpoint (overwriting one this block already wrote). Returns old and new value.
   */
  private static BigInteger[] push(CallContext ctx, Slot trace, BigInteger delta) {
    long key = clock(ctx).longValueExact();
    BigInteger length = ctx.loadUint(trace);
    BigInteger old = BigInteger.ZERO;
    long lastKey = -1;
    Slot checkpoints = trace.arrayData(); // hashed once for the read and the write
    if (length.signum() > 0) {
      BigInteger last = ctx.loadUint(checkpoints.offset(length.subtract(BigInteger.ONE)));
      lastKey = last.and(MASK_48).longValueExact();
      old = last.shiftRight(KEY_BITS);
    }
    BigInteger value = old.add(delta);
    if (value.signum() < 0) throw new IllegalStateException("votes of a checkpoint would go negative: " + old + " + " + delta);
    if (value.bitLength() > VALUE_BITS) throw SAFE_CAST_OVERFLOW.revert(BigInteger.valueOf(VALUE_BITS), value);
    BigInteger word = value.shiftLeft(KEY_BITS).or(BigInteger.valueOf(key));
    if (lastKey > key) throw new IllegalStateException("checkpoint for block " + key + " after one for block " + lastKey);
    if (lastKey == key) {
      ctx.storeUint(checkpoints.offset(length.subtract(BigInteger.ONE)), word);
    } else {
      ctx.storeUint(checkpoints.offset(length), word);
      ctx.storeUint(trace, length.add(BigInteger.ONE));
    }
    return new BigInteger[] {old, value};
  }

  private static long pushGas(GasSchedule s) {
    return 2 * s.storageRead() + 2 * s.storageWrite() + s.storageKey();
  }

  /** The current block as a {@code uint48}, as ERC-6372's {@code clock()} returns it. */
  private static BigInteger clock(CallContext ctx) {
    BigInteger now = BigInteger.valueOf(ctx.block().number());
    if (now.bitLength() > KEY_BITS) throw SAFE_CAST_OVERFLOW.revert(BigInteger.valueOf(KEY_BITS), now);
    return now;
  }

  /** A checkpoint count as the {@code uint32} ERC20Votes returns (OpenZeppelin's SafeCast.toUint32). */
  private static BigInteger uint32(BigInteger count) {
    if (count.bitLength() > Integer.SIZE) throw SAFE_CAST_OVERFLOW.revert(BigInteger.valueOf(Integer.SIZE), count);
    return count;
  }

  private static long pastTimepoint(CallContext ctx, BigInteger timepoint) {
    BigInteger now = clock(ctx);
    if (timepoint.compareTo(now) >= 0) throw FUTURE_LOOKUP.revert(timepoint, now);
    return timepoint.longValueExact();
  }

  private static BigInteger latest(CallContext ctx, Slot trace) {
    BigInteger length = ctx.loadUint(trace);
    if (length.signum() == 0) return BigInteger.ZERO;
    return ctx.loadUint(trace.element(length.subtract(BigInteger.ONE), 1)).shiftRight(KEY_BITS);
  }

  /** The value of the last checkpoint with block &lt;= {@code key}, or 0: OpenZeppelin's upperLookup. */
  private static BigInteger upperLookup(CallContext ctx, Slot trace, long key) {
    long length = ctx.loadUint(trace).longValueExact();
    if (length == 0) return BigInteger.ZERO;
    Slot checkpoints = trace.arrayData(); // hashed once, not per probe
    BigInteger last = ctx.loadUint(checkpoints.offset(BigInteger.valueOf(length - 1)));
    if (last.and(MASK_48).longValueExact() <= key) return last.shiftRight(KEY_BITS);
    // binary search over [0, length - 1): the first checkpoint with block > key
    long low = 0;
    long high = length - 1;
    while (low < high) {
      long mid = (low + high) >>> 1;
      if (ctx.loadUint(checkpoints.offset(BigInteger.valueOf(mid))).and(MASK_48).longValueExact() > key) high = mid;
      else low = mid + 1;
    }
    return high == 0 ? BigInteger.ZERO : ctx.loadUint(checkpoints.offset(BigInteger.valueOf(high - 1))).shiftRight(KEY_BITS);
  }

  /**
   * A past lookup, worst case: reads of the length, the last checkpoint, one per halving of the
   * other at most 2^48 - 1 checkpoints (block numbers are uint48 and strictly increasing), and the
   * answer; {@code keys} slot keys (the array's data, and the account's mapping entry).
   */
  private static GasRule searchGas(int keys) {
    return GasRule.view(3 + KEY_BITS, keys);
  }

  private Object checkpointAt(CallContext ctx, Args in) {
    Address account = in.address(0);
    BigInteger pos = in.uint(1);
    Slot trace = DELEGATE_CHECKPOINTS.mapping(account);
    BigInteger count = uint32(ctx.loadUint(trace));
    if (pos.compareTo(count) >= 0) throw CHECKPOINT_OUT_OF_RANGE.revert(account, pos, count);
    BigInteger word = ctx.loadUint(trace.element(pos, 1));
    return List.of(word.and(MASK_48), word.shiftRight(KEY_BITS));
  }

  // ================================================================== views and helpers

  private Object positionView(CallContext ctx, Args in) {
    Position p = Position.load(ctx, in.uint(0));
    return List.of(p.owner, p.modelId, p.amount, BigInteger.valueOf(p.status),
        BigInteger.valueOf(p.stakedAt), BigInteger.valueOf(p.activatableAt), BigInteger.valueOf(p.withdrawableAt));
  }

  private Object positionsOf(CallContext ctx, Args in) {
    Slot list = POSITIONS_OF.mapping(in.address(0));
    long count = ctx.loadUint(list).longValueExact();
    List<BigInteger> ids = new ArrayList<>();
    Slot data = list.arrayData(); // hashed once, not per position
    for (long i = 0; i < count; i++) ids.add(ctx.loadUint(data.offset(BigInteger.valueOf(i))));
    return ids;
  }

  private static void requireCaller(CallContext ctx, Address required) {
    if (!ctx.caller().equals(required)) throw UNAUTHORIZED_CALLER.revert(ctx.caller(), required);
  }

  private static void requireOwner(CallContext ctx, Position p) {
    if (!ctx.caller().equals(p.owner)) throw NOT_POSITION_OWNER.revert(p.id, ctx.caller(), p.owner);
  }

  private static Slot pool(BigInteger modelId) {
    return POOLS.mapping(modelId);
  }

  private static void addTo(CallContext ctx, Slot slot, BigInteger delta) {
    ctx.storeUint(slot, ctx.loadUint(slot).add(delta));
  }

  static BigInteger ceilDiv(BigInteger a, BigInteger b) {
    BigInteger[] qr = a.divideAndRemainder(b);
    return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
  }

  private static BigInteger header(Address owner, int status) {
    return owner.toBigInteger().or(BigInteger.valueOf(status).shiftLeft(ADDRESS_BITS));
  }

  private static BigInteger blocks(long stakedAt, long activatableAt, long withdrawableAt) {
    return BigInteger.valueOf(stakedAt)
        .or(BigInteger.valueOf(activatableAt).shiftLeft(BLOCK_BITS))
        .or(BigInteger.valueOf(withdrawableAt).shiftLeft(2 * BLOCK_BITS));
  }

  /** Gas of reading a parameter: its "was set" flag and its value, each under its own key. */
  private static long parameterReads(GasSchedule s) {
    return 2 * s.storageRead() + 2 * s.storageKey();
  }

  /** Gas of loading a position: its words, under one key. */
  private static long positionReads(GasSchedule s) {
    return POSITION_WORDS * s.storageRead() + s.storageKey();
  }

  /** Gas of emitting {@code event}, whose data are all 32-byte words. */
  private static long log(GasSchedule s, EventSpec event) {
    long words = event.params().stream().filter(p -> !p.indexed()).count();
    return event.gas(s, words * Bytes32.SIZE);
  }

  /** A position as stored, loaded whole. */
  private static final class Position {
    final BigInteger id;
    final Slot slot;
    Address owner;
    int status;
    BigInteger modelId;
    BigInteger amount;
    long stakedAt;
    long activatableAt;
    long withdrawableAt;
    BigInteger paidPerShare;
    BigInteger accrued;
    BigInteger ownerIndex;

    private Position(BigInteger id, Slot slot) {
      this.id = id;
      this.slot = slot;
    }

    static Position load(CallContext ctx, BigInteger id) {
      Position p = new Position(id, POSITIONS.mapping(id));
      BigInteger header = ctx.loadUint(p.slot.field(W_HEADER));
      if (header.signum() == 0) throw UNKNOWN_POSITION.revert(id);
      p.owner = Address.fromBigInteger(header.and(BigInteger.ONE.shiftLeft(ADDRESS_BITS).subtract(BigInteger.ONE)));
      p.status = header.shiftRight(ADDRESS_BITS).intValueExact();
      p.modelId = ctx.loadUint(p.slot.field(W_MODEL));
      p.amount = ctx.loadUint(p.slot.field(W_AMOUNT));
      BigInteger blocks = ctx.loadUint(p.slot.field(W_BLOCKS));
      p.stakedAt = blocks.and(MASK_64).longValueExact();
      p.activatableAt = blocks.shiftRight(BLOCK_BITS).and(MASK_64).longValueExact();
      p.withdrawableAt = blocks.shiftRight(2 * BLOCK_BITS).and(MASK_64).longValueExact();
      p.paidPerShare = ctx.loadUint(p.slot.field(W_PAID));
      p.accrued = ctx.loadUint(p.slot.field(W_ACCRUED));
      p.ownerIndex = ctx.loadUint(p.slot.field(W_INDEX));
      return p;
    }

    /** Active behind a model: in its pool, earning. */
    boolean earns() {
      return status == ACTIVE && modelId.signum() != 0;
    }
  }

}

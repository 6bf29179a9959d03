package org.openledger.governance.timelock;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.Addresses;
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
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.storage.Parameter;
import org.openledger.precompiles.storage.Slot;

/**
 * The Timelock and treasury (DESIGN §5), at {@link Addresses#TIMELOCK} ({@code 0x…0a08}, also
 * {@link Addresses#TREASURY}).
 *
 * <p>Modelled on OpenZeppelin's {@code TimelockController} with Compound's grace period, counted
 * in blocks: the {@link Addresses#GOVERNOR Governor} alone {@linkplain #QUEUE queues} an
 * operation (a batch of actions with a salt, the proposal id) and may {@linkplain #CANCEL cancel}
 * it; from {@code minDelay} blocks after queueing until {@code gracePeriod} blocks after that,
 * anyone may {@linkplain #EXECUTE execute} it, once; after that it is Expired. Execution runs
 * every action with this contract as {@code msg.sender}: every privileged function of
 * contracts-java and governance accepts only this caller. Actions are restricted by {@link
 * ActionPolicy}. The treasury is this contract's balance: actions spend it (plain transfers, or
 * value sent with a call).
 *
 * <pre>
 *   Unset ──queue──▶ Waiting ──(minDelay)──▶ Ready ──execute──▶ Done
 *                       │                      │ └──(gracePeriod)──▶ Expired
 *                       └───────cancel─────────┴──▶ Canceled
 * </pre>
 *
 * <p>Storage layout: slot 0 {@code mapping(bytes32 => Operation)} (word 0 readyAtBlock, word 1
 * status: 1 queued, 2 done, 3 canceled); slots 1, 2 the parameters ({@code minDelay}, {@code
 * gracePeriod}).
 */
public final class Timelock extends NativeContract {
  /** Where the contract lives: {@code 0x…0a08}. */
  public static final Address ADDRESS = Addresses.TIMELOCK;

  /** Operation states, as {@link #OPERATION_STATE} reports them. */
  public static final int UNSET = 0;
  public static final int WAITING = 1;
  public static final int READY = 2;
  public static final int DONE = 3;
  public static final int CANCELED = 4;
  public static final int EXPIRED = 5;

  private static final int STATUS_QUEUED = 1;
  private static final int STATUS_DONE = 2;
  private static final int STATUS_CANCELED = 3;

  /** Upper bound of both delays: a {@code uint32} of blocks. */
  public static final BigInteger MAX_BLOCKS = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);

  static final Slot OPERATIONS = Slot.at(0);
  static final Slot PARAMS = Slot.at(1);

  /** Blocks from queueing until an operation may execute; unset: 86,400 (2 days of 2-second blocks). */
  public static final Parameter MIN_DELAY = new Parameter("minDelay", PARAMS, BigInteger.valueOf(86_400));
  /** Blocks a ready operation stays executable; unset: 604,800 (14 days, Compound's grace period). */
  public static final Parameter GRACE_PERIOD = new Parameter("gracePeriod", PARAMS, BigInteger.valueOf(604_800));

  private static final Declarations D = new Declarations("ITimelock");

  public static final ErrorSpec UNAUTHORIZED_CALLER = D.error("UnauthorizedCaller(address caller, address required)",
      "Only `required` may call this function.");
  public static final ErrorSpec INVALID_OPERATION_LENGTH = D.error(
      "InvalidOperationLength(uint256 targets, uint256 values, uint256 calldatas)",
      "The action lists differ in length, are empty, or hold more than 16 actions.");
  public static final ErrorSpec ACTION_NOT_ALLOWED = D.error("ActionNotAllowed(uint256 index, address target, bytes4 selector)",
      "Governance may only call declared functions of OpenLedger's native contracts (on the Governor and Timelock only their setters) or send plain OPEN transfers to other accounts.");
  public static final ErrorSpec UNEXPECTED_OPERATION_STATE = D.error("UnexpectedOperationState(bytes32 operationId, uint8 state)",
      "The operation's state (0 Unset, 1 Waiting, 2 Ready, 3 Done, 4 Canceled, 5 Expired) does not allow this.");
  public static final ErrorSpec ACTION_FAILED = D.error("ActionFailed(uint256 index, bytes reason)",
      "Action `index` reverted with `reason` (empty if it halted); the whole operation was undone.");
  public static final ErrorSpec PARAMETER_OUT_OF_RANGE = D.error(
      "ParameterOutOfRange(bytes32 name, uint256 value, uint256 minimum, uint256 maximum)",
      "A parameter value is outside its allowed range.");

  public static final EventSpec OPERATION_QUEUED = D.event(
      "OperationQueued(bytes32 indexed operationId, bytes32 indexed salt, uint256 actions, uint256 readyAtBlock)",
      "The Governor queued an operation; it may execute from `readyAtBlock` until `readyAtBlock + gracePeriod`.");
  public static final EventSpec ACTION_EXECUTED = D.event(
      "ActionExecuted(bytes32 indexed operationId, uint256 indexed index, address indexed target, uint256 value, bytes data)",
      "One action of an operation ran (empty data: a plain OPEN transfer).");
  public static final EventSpec OPERATION_EXECUTED = D.event("OperationExecuted(bytes32 indexed operationId)",
      "Every action of the operation ran; it is Done and can never run again.");
  public static final EventSpec OPERATION_CANCELED = D.event("OperationCanceled(bytes32 indexed operationId)",
      "The Governor canceled a queued operation.");
  public static final EventSpec PARAMETER_CHANGED = D.event("ParameterChanged(bytes32 indexed name, uint256 oldValue, uint256 newValue)",
      "Governance changed a parameter; `name` is its ASCII name, right-padded.");

  public static final FunctionSpec QUEUE = D.function(
      "queue(address[] targets, uint256[] values, bytes[] calldatas, bytes32 salt) returns (bytes32 operationId, uint256 readyAtBlock)", """
      Governor only. Queues the batch of actions under `salt` (the proposal id): it may execute from
      `readyAtBlock` = now + minDelay until gracePeriod blocks later. Every action must be allowed (ActionNotAllowed).""",
      GasRule.perWordAfter(4, s -> 6 * s.storageRead() + 2 * s.storageWrite() + s.keccak(128) + OPERATION_QUEUED.gas(s, 64),
          s -> s.keccakWord()));
  public static final FunctionSpec EXECUTE = D.function(
      "execute(address[] targets, uint256[] values, bytes[] calldatas, bytes32 salt)", """
      Anyone. Runs a Ready operation's actions in order, each with this contract as msg.sender and the value
      from the treasury (empty calldata: a plain OPEN transfer), and marks it Done first, so it runs once.
      Any failing action undoes all of them (ActionFailed). Gas covers every action's own requirement.""",
      Timelock::executeGas);
  public static final FunctionSpec CANCEL = D.function("cancel(bytes32 operationId)",
      "Governor only. Cancels a Waiting or Ready operation; it can never execute.",
      GasRule.fixed(s -> 4 * s.storageRead() + s.storageWrite() + OPERATION_CANCELED.gas(s, 0)));
  public static final FunctionSpec UPDATE_DELAY = D.function("updateDelay(uint256 newDelay)",
      "The Timelock itself only (through a proposal). Sets minDelay for operations queued from now on (0 to 2^32-1 blocks).",
      GasRule.fixed(Timelock::setParameterGas));
  public static final FunctionSpec UPDATE_GRACE_PERIOD = D.function("updateGracePeriod(uint256 newGracePeriod)",
      "The Timelock itself only (through a proposal). Sets how long a ready operation stays executable (1 to 2^32-1 blocks); applies to every operation.",
      GasRule.fixed(Timelock::setParameterGas));
  public static final FunctionSpec GET_MIN_DELAY = D.function("getMinDelay() view returns (uint256)",
      "Blocks from queueing until an operation may execute (default 86,400).", GasRule.fixed(s -> 2 * s.storageRead()));
  public static final FunctionSpec GRACE_PERIOD_FN = D.function("gracePeriod() view returns (uint256)",
      "Blocks a ready operation stays executable before it expires (default 604,800).", GasRule.fixed(s -> 2 * s.storageRead()));
  public static final FunctionSpec HASH_OPERATION_BATCH = D.function(
      "hashOperationBatch(address[] targets, uint256[] values, bytes[] calldatas, bytes32 salt) pure returns (bytes32)",
      "The operation id: keccak256(abi.encode(targets, values, calldatas, salt)).",
      GasRule.perWordAfter(4, s -> s.keccak(128), s -> s.keccakWord()));
  public static final FunctionSpec OPERATION_STATE = D.function("operationState(bytes32 operationId) view returns (uint8)",
      "0 Unset, 1 Waiting, 2 Ready, 3 Done, 4 Canceled, 5 Expired.", GasRule.fixed(s -> 4 * s.storageRead()));
  public static final FunctionSpec OPERATION_READY_AT = D.function("operationReadyAt(bytes32 operationId) view returns (uint256)",
      "The block from which the operation may execute; 0 if it was never queued.", GasRule.fixed(s -> s.storageRead()));

  public static final ContractSpec SPEC = D.spec("""
      OpenLedger's Timelock and treasury: executes operations the Governor queued after a minimum delay and within
      a grace period, as the sole caller of every privileged function; its balance is the treasury.""");

  public Timelock() {
    super(SPEC);
    on(QUEUE, this::queue);
    on(EXECUTE, this::execute);
    on(CANCEL, this::cancel);
    on(UPDATE_DELAY, (ctx, in) -> setParameter(ctx, MIN_DELAY, in.uint(0), BigInteger.ZERO));
    on(UPDATE_GRACE_PERIOD, (ctx, in) -> setParameter(ctx, GRACE_PERIOD, in.uint(0), BigInteger.ONE));
    on(GET_MIN_DELAY, (ctx, in) -> MIN_DELAY.read(ctx));
    on(GRACE_PERIOD_FN, (ctx, in) -> GRACE_PERIOD.read(ctx));
    on(HASH_OPERATION_BATCH, (ctx, in) -> hashOperation(in.list(0), in.list(1), in.list(2), in.bytes32(3)));
    on(OPERATION_STATE, (ctx, in) -> BigInteger.valueOf(state(ctx, in.bytes32(0))));
    on(OPERATION_READY_AT, (ctx, in) -> ctx.loadUint(OPERATIONS.mapping(in.bytes32(0))));
  }

  // ------------------------------------------------------------------ ids

  /** {@code keccak256(abi.encode(targets, values, calldatas, salt))}, OpenZeppelin's {@code hashOperationBatch} without the predecessor. */
  public static Bytes32 hashOperation(List<?> targets, List<?> values, List<?> calldatas, Bytes32 salt) {
    byte[] encoded = AbiCodec.encode(HASH_OPERATION_BATCH.inputTypes(), List.of(targets, values, calldatas, salt));
    return Bytes32.wrap(Keccak.hash(encoded));
  }

  // ------------------------------------------------------------------ handlers

  private Object queue(CallContext ctx, Args in) {
    onlyCaller(ctx, Addresses.GOVERNOR);
    List<Address> targets = addresses(in.list(0));
    List<BigInteger> values = uints(in.list(1));
    List<Bytes> calldatas = bytesList(in.list(2));
    checkActions(targets, values, calldatas);
    Bytes32 id = hashOperation(targets, values, calldatas, in.bytes32(3));
    Slot op = OPERATIONS.mapping(id);
    int state = state(ctx, id);
    if (state != UNSET) throw UNEXPECTED_OPERATION_STATE.revert(id, BigInteger.valueOf(state));
    BigInteger readyAt = BigInteger.valueOf(ctx.block().number()).add(MIN_DELAY.read(ctx));
    ctx.storeUint(op, readyAt);
    ctx.storeUint(op.field(1), BigInteger.valueOf(STATUS_QUEUED));
    ctx.emit(OPERATION_QUEUED, id, in.bytes32(3), BigInteger.valueOf(targets.size()), readyAt);
    return List.of(id, readyAt);
  }

  private Object execute(CallContext ctx, Args in) {
    List<Address> targets = addresses(in.list(0));
    List<BigInteger> values = uints(in.list(1));
    List<Bytes> calldatas = bytesList(in.list(2));
    if (targets.size() != values.size() || targets.size() != calldatas.size()) {
      throw INVALID_OPERATION_LENGTH.revert(BigInteger.valueOf(targets.size()), BigInteger.valueOf(values.size()), BigInteger.valueOf(calldatas.size()));
    }
    Bytes32 id = hashOperation(targets, values, calldatas, in.bytes32(3));
    int state = state(ctx, id);
    if (state != READY) throw UNEXPECTED_OPERATION_STATE.revert(id, BigInteger.valueOf(state));
    // Done before any action runs: an action can never execute the operation again.
    ctx.storeUint(OPERATIONS.mapping(id).field(1), BigInteger.valueOf(STATUS_DONE));
    for (int i = 0; i < targets.size(); i++) {
      Address target = targets.get(i);
      Bytes data = calldatas.get(i);
      if (data.isEmpty()) {
        ctx.transfer(target, values.get(i));
      } else {
        CallResult r = ctx.callRaw(target, data, values.get(i), false);
        if (!r.isSuccess()) throw ACTION_FAILED.revert(BigInteger.valueOf(i), r.output());
      }
      ctx.emit(ACTION_EXECUTED, id, BigInteger.valueOf(i), target, values.get(i), data);
    }
    ctx.emit(OPERATION_EXECUTED, id);
    return null;
  }

  private Object cancel(CallContext ctx, Args in) {
    onlyCaller(ctx, Addresses.GOVERNOR);
    Bytes32 id = in.bytes32(0);
    int state = state(ctx, id);
    if (state != WAITING && state != READY) throw UNEXPECTED_OPERATION_STATE.revert(id, BigInteger.valueOf(state));
    ctx.storeUint(OPERATIONS.mapping(id).field(1), BigInteger.valueOf(STATUS_CANCELED));
    ctx.emit(OPERATION_CANCELED, id);
    return null;
  }

  private Object setParameter(CallContext ctx, Parameter p, BigInteger value, BigInteger minimum) {
    onlyCaller(ctx, Addresses.TIMELOCK);
    if (value.compareTo(minimum) < 0 || value.compareTo(MAX_BLOCKS) > 0) {
      throw PARAMETER_OUT_OF_RANGE.revert(p.label(), value, minimum, MAX_BLOCKS);
    }
    BigInteger old = p.read(ctx);
    p.write(ctx, value);
    ctx.emit(PARAMETER_CHANGED, p.label(), old, value);
    return null;
  }

  /** The operation's state at the current block. */
  static int state(CallContext ctx, Bytes32 id) {
    Slot op = OPERATIONS.mapping(id);
    int status = ctx.loadUint(op.field(1)).intValue();
    return switch (status) {
      case STATUS_DONE -> DONE;
      case STATUS_CANCELED -> CANCELED;
      case STATUS_QUEUED -> {
        BigInteger readyAt = ctx.loadUint(op);
        BigInteger now = BigInteger.valueOf(ctx.block().number());
        if (now.compareTo(readyAt) < 0) yield WAITING;
        yield now.compareTo(readyAt.add(GRACE_PERIOD.read(ctx))) < 0 ? READY : EXPIRED;
      }
      default -> UNSET;
    };
  }

  private static void onlyCaller(CallContext ctx, Address required) {
    if (!ctx.caller().equals(required)) throw UNAUTHORIZED_CALLER.revert(ctx.caller(), required);
  }

  private static void checkActions(List<Address> targets, List<BigInteger> values, List<Bytes> calldatas) {
    int n = targets.size();
    if (n == 0 || n > ActionPolicy.MAX_ACTIONS || values.size() != n || calldatas.size() != n) {
      throw INVALID_OPERATION_LENGTH.revert(BigInteger.valueOf(n), BigInteger.valueOf(values.size()), BigInteger.valueOf(calldatas.size()));
    }
    int bad = ActionPolicy.firstDisallowed(targets, values, calldatas);
    if (bad >= 0) throw ACTION_NOT_ALLOWED.revert(BigInteger.valueOf(bad), targets.get(bad), ActionPolicy.selectorOf(calldatas.get(bad)));
  }

  // ------------------------------------------------------------------ gas

  private static long setParameterGas(GasSchedule s) {
    return 2 * s.storageRead() + 2 * s.storageWrite() + PARAMETER_CHANGED.gas(s, 64);
  }

  /**
   * Execute's gas: the operation's reads and write, the id's keccak, both event kinds, and for
   * every action its own requirement ({@link ActionPolicy#requirement}): a transfer, or a nested
   * call plus what the callee's rule charges for exactly that calldata.
   */
  static long executeGas(GasSchedule s, Bytes calldata) {
    byte[] raw = calldata.toArrayUnsafe();
    List<Object> args = AbiCodec.decode(EXECUTE.inputTypes(), raw, 4, raw.length - 4);
    List<Address> targets = addresses(args.get(0));
    List<Bytes> calldatas = bytesList(args.get(2));
    long gas = 4 * s.storageRead() + s.storageWrite() + s.keccak(calldata.size()) + OPERATION_EXECUTED.gas(s, 0);
    int n = Math.min(targets.size(), calldatas.size());
    for (int i = 0; i < n; i++) {
      Bytes data = calldatas.get(i);
      gas = Math.addExact(gas, ActionPolicy.requirement(s, targets.get(i), data));
      gas = Math.addExact(gas, ACTION_EXECUTED.gas(s, 96 + 32L * ((data.size() + 31) / 32)));
    }
    return gas;
  }

  // ------------------------------------------------------------------ decoding helpers

  @SuppressWarnings("unchecked")
  static List<Address> addresses(Object list) {
    return new ArrayList<>((List<Address>) list);
  }

  @SuppressWarnings("unchecked")
  static List<BigInteger> uints(Object list) {
    return new ArrayList<>((List<BigInteger>) list);
  }

  @SuppressWarnings("unchecked")
  static List<Bytes> bytesList(Object list) {
    return new ArrayList<>((List<Bytes>) list);
  }
}

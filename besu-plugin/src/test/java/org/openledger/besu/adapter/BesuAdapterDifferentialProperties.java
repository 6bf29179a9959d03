package org.openledger.besu.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.hyperledger.besu.datatypes.Wei;
import org.hyperledger.besu.evm.frame.BlockValues;
import org.hyperledger.besu.evm.frame.MessageFrame;
import org.hyperledger.besu.evm.precompile.PrecompiledContract.PrecompileContractResult;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Catalog;
import org.openledger.contracts.datanet.Datanets;
import org.openledger.governance.GovernanceContracts;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.abi.AbiType;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.contract.Mutability;
import org.openledger.precompiles.executor.Executor;
import org.openledger.precompiles.executor.Fork;
import org.openledger.precompiles.executor.ForkSchedule;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.host.BlockContext;
import org.openledger.precompiles.host.CallKind;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.host.InMemoryHost;
import org.openledger.precompiles.host.Log;
import org.openledger.precompiles.host.Message;

/**
 * Acceptance of the adapter: a random sequence of calls into every OpenLedger contract, run once
 * through the framework's InMemoryHost and executor (what the devnet runs) and once through
 * {@link NativePrecompile} over an in-memory world behind Besu's MessageFrame, driven the way
 * Besu's MessageCallProcessor drives a precompile. Both must agree on every call's status, return
 * data, gas and logs, and afterwards on all storage and balances.
 */
class BesuAdapterDifferentialProperties {
  private static final long CHAIN_ID = 1337;
  private static final List<Address> USERS = List.of(Address.of(0xa11ce), Address.of(0xb0b), Address.of(0xca201));
  private static final BigInteger GENESIS = BigInteger.TEN.pow(24);

  private static Executor executor() {
    // The devnet's fork set: every catalog and governance contract from block 0, gas schedule V1.
    return new Executor(ForkSchedule.of(new Fork("openledger-v1", 0, GasSchedule.V1, GovernanceContracts.instancesWithCatalog())));
  }

  record Call(CallKind kind, Address sender, Address target, BigInteger value, Bytes data, long gas) {}

  record Outcome(CallResult.Status status, Bytes output, long gasUsed, List<Log> logs) {}

  @Property(tries = 40)
  void aRandomCallSequenceHasTheSameEffectThroughBesuAsInMemory(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int length) {
    Executor reference = executor();
    Executor besuSide = executor();
    RecordingHost host = new RecordingHost(new InMemoryHost(new BlockContext(1, timestamp(1), CHAIN_ID)));
    InMemoryWorld world = new InMemoryWorld();
    for (Address u : USERS) {
      host.host.setBalance(u, GENESIS);
      world.getOrCreate(FrameHost.toBesu(u)).setBalance(Wei.of(GENESIS));
    }
    Random random = new Random(seed);
    long block = 1;
    DatanetScript script = null;
    Outcome last = null;
    for (int i = 0; i < length; i++) {
      if (random.nextInt(4) == 0) block += 1 + random.nextInt(1000);
      host.host.setBlock(new BlockContext(block, timestamp(block), CHAIN_ID));
      Call call = script == null ? null : script.next(random, last);
      if (call == null) {
        script = random.nextInt(5) == 0 ? new DatanetScript(random, host) : null;
        call = script != null ? script.next(random, null) : randomCall(random, host);
      }
      BigInteger contractBalance = host.balance(call.target());
      Outcome expected = throughInMemoryHost(reference, host, call);
      Outcome actual = throughBesu(besuSide, world, call, block);
      Statistics.label("outcome").collect(expected.status() + (expected.logs().isEmpty() ? "" : " with logs"));
      // A call that leaves its contract with less than it held plus the value sent moved OPEN out from inside.
      boolean nested = expected.status() == CallResult.Status.SUCCESS
          && host.balance(call.target()).compareTo(contractBalance.add(call.kind() == CallKind.CALL ? call.value() : BigInteger.ZERO)) < 0;
      Statistics.label("nested transfer").collect(nested);
      assertThat(actual).as("call %d of seed %d: %s", i, seed, call).isEqualTo(expected);
      last = expected;
    }
    Statistics.label("nested transfer").coverage(c -> c.check(true).percentage(p -> p > 0));
    assertThat(world.storage()).isEqualTo(host.storage());
    assertThat(world.balances()).isEqualTo(host.balances());
  }

  /**
   * A datanet's life in scripted calls, each built from the previous one's return data: create,
   * submit with the deposit as value, accept (Datanets sends the deposit back to the contributor)
   * or reject (to the treasury), pay for access (the fee split inside Datanets), claim (Datanets
   * pays the contributor). These are the transfers a contract makes from its own balance, which
   * random calldata almost never reaches.
   */
  private static final class DatanetScript {
    private final Address owner, contributor, payer;
    private final BigInteger deposit, fee;
    private final boolean accept;
    private int step;
    private BigInteger datanetId, contributionId;

    DatanetScript(Random random, RecordingHost host) {
      owner = USERS.get(random.nextInt(USERS.size()));
      contributor = USERS.get(random.nextInt(USERS.size()));
      payer = USERS.get(random.nextInt(USERS.size()));
      deposit = new BigInteger(60, random);
      fee = new BigInteger(random.nextInt(4) == 0 ? 8 : 62, random); // a small fee leaves a remainder for the treasury
      accept = random.nextInt(4) != 0;
    }

    /** The next call, or null when the script is done or its previous call failed. */
    Call next(Random random, Outcome previous) {
      if (previous != null && previous.status() != CallResult.Status.SUCCESS) return null;
      return switch (step++) {
        case 0 -> call(owner, BigInteger.ZERO, Datanets.CREATE.encodeCall("d", "ipfs://d", deposit, fee));
        case 1 -> {
          datanetId = (BigInteger) Datanets.CREATE.decodeOutput(previous.output());
          yield call(contributor, deposit, Datanets.SUBMIT.encodeCall(datanetId, Bytes32.random(random), "ipfs://c"));
        }
        case 2 -> {
          contributionId = (BigInteger) Datanets.SUBMIT.decodeOutput(previous.output());
          yield accept ? call(owner, BigInteger.ZERO, Datanets.ACCEPT.encodeCall(contributionId, Bytes32.random(random)))
              : call(owner, BigInteger.ZERO, Datanets.REJECT.encodeCall(contributionId, "off-topic"));
        }
        case 3 -> call(payer, fee, Datanets.PAY_ACCESS.encodeCall(datanetId));
        case 4 -> call(contributor, BigInteger.ZERO, Datanets.CLAIM.encodeCall(List.of(contributionId)));
        default -> null;
      };
    }

    private static Call call(Address sender, BigInteger value, Bytes data) {
      return new Call(CallKind.CALL, sender, Addresses.DATANETS, value, data, 5_000_000);
    }
  }

  private static long timestamp(long block) {
    return 1_700_000_000L + 2 * block;
  }

  /** A call to a random function of a random contract with random words as arguments: many revert, some succeed, some run out of gas. */
  private static Call randomCall(Random random, RecordingHost host) {
    List<Catalog.Entry> entries = GovernanceContracts.withCatalog();
    Catalog.Entry entry = entries.get(random.nextInt(entries.size()));
    List<FunctionSpec> functions = entry.spec().functions();
    FunctionSpec function = functions.get(random.nextInt(functions.size()));
    Address sender = USERS.get(random.nextInt(USERS.size()));
    List<Bytes> words = new ArrayList<>();
    words.add(Bytes.wrap(function.selector()));
    List<AbiType> inputs = function.inputTypes().components();
    if (inputs.stream().allMatch(t -> !t.isDynamic() && !(t instanceof AbiType.Tuple)) && random.nextInt(4) != 0) {
      // well-formed arguments, so that writes (bond, delegate, stake, ...) get past decoding
      for (AbiType t : inputs) words.add(wordFor(t, random));
    } else {
      int n = random.nextInt(7);
      for (int w = 0; w < n; w++) words.add(randomWord(random));
    }
    Bytes data = random.nextInt(20) == 0 ? Bytes.wrap(function.selector()).slice(0, random.nextInt(4)) : Bytes.concatenate(words);
    int shape = random.nextInt(10);
    CallKind kind = shape == 0 ? CallKind.DELEGATECALL : shape <= 2 ? CallKind.STATICCALL : CallKind.CALL;
    boolean payable = function.mutability() == Mutability.PAYABLE;
    BigInteger value = kind == CallKind.CALL && (payable ? random.nextInt(5) != 0 : random.nextInt(6) == 0)
        ? new BigInteger(payable ? 78 : 64, random).min(host.balance(sender)) : BigInteger.ZERO;
    long gas = random.nextInt(8) == 0 ? random.nextInt(30_000) : 5_000_000;
    return new Call(kind, sender, entry.address(), value, data, gas);
  }

  private static Bytes wordFor(AbiType type, Random random) {
    return switch (type) {
      case AbiType.AddressType a -> Bytes32.leftPad(USERS.get(random.nextInt(USERS.size())).toBytes());
      case AbiType.Bool b -> Bytes32.leftPad(Bytes.of(random.nextInt(2)));
      case AbiType.FixedBytes f -> Bytes32.rightPad(Bytes32.random(random).slice(0, f.length()));
      default -> Bytes32.leftPad(Bytes.ofUnsignedLong(random.nextInt(3) == 0 ? random.nextLong() >>> 1 : random.nextInt(4)));
    };
  }

  private static Bytes randomWord(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> Bytes32.leftPad(Bytes.ofUnsignedInt(random.nextInt(4)));
      case 1 -> Bytes32.leftPad(USERS.get(random.nextInt(USERS.size())).toBytes());
      case 2 -> Bytes32.leftPad(Bytes.ofUnsignedInt(32L * random.nextInt(8)));
      case 3 -> Bytes32.leftPad(Bytes.wrap(new BigInteger(80, random).toByteArray()).trimLeadingZeros());
      default -> Bytes32.random(random);
    };
  }

  /** What the devnet does: move the value, run, undo the move if the call failed. */
  private static Outcome throughInMemoryHost(Executor executor, RecordingHost host, Call call) {
    boolean moves = call.kind() == CallKind.CALL && call.value().signum() > 0;
    if (moves) host.transfer(call.sender(), call.target(), call.value());
    int logsBefore = host.host.logs().size();
    CallResult r = executor.execute(host, new Message(call.kind(), call.sender(), call.target(), call.value(), call.data(),
        call.kind() == CallKind.STATICCALL, call.gas()));
    if (moves && !r.isSuccess()) host.transfer(call.target(), call.sender(), call.value());
    List<Log> logs = host.host.logs().subList(logsBefore, host.host.logs().size());
    return new Outcome(r.status(), r.output(), r.gasUsed(), List.copyOf(logs));
  }

  /** What Besu's MessageCallProcessor does for a precompile, over a child updater committed only on success. */
  private static Outcome throughBesu(Executor executor, InMemoryWorld world, Call call, long block) {
    NativePrecompile precompile = new NativePrecompile("test", call.target(), executor, 0, () -> CHAIN_ID);
    InMemoryWorld updater = world.child();
    org.hyperledger.besu.datatypes.Address sender = FrameHost.toBesu(call.sender());
    org.hyperledger.besu.datatypes.Address contract = FrameHost.toBesu(call.target());
    org.hyperledger.besu.datatypes.Address recipient = call.kind() == CallKind.DELEGATECALL ? sender : contract;
    BlockValues blockValues = new BlockValues() {
      @Override public long getNumber() { return block; }
      @Override public long getTimestamp() { return timestamp(block); }
    };
    MessageFrame frame = MessageFrame.builder().type(MessageFrame.Type.MESSAGE_CALL).worldUpdater(updater)
        .initialGas(call.gas()).address(recipient).originator(sender).contract(contract).inputData(call.data())
        .sender(sender).value(Wei.of(call.value())).apparentValue(Wei.of(call.value())).blockValues(blockValues)
        .isStatic(call.kind() == CallKind.STATICCALL).build();
    if (call.value().signum() > 0 && !recipient.equals(sender)) {
      updater.getOrCreate(sender).setBalance(Wei.of(updater.get(sender).getBalance().getAsBigInteger().subtract(call.value())));
      var to = updater.getOrCreate(recipient);
      to.setBalance(Wei.of(to.getBalance().getAsBigInteger().add(call.value())));
    }
    long required = precompile.gasRequirement(call.data());
    if (frame.getRemainingGas() < required) {
      return new Outcome(CallResult.Status.HALT, Bytes.EMPTY, call.gas(), List.of());
    }
    frame.decrementRemainingGas(required);
    PrecompileContractResult result = precompile.computePrecompile(call.data(), frame);
    CallResult.Status status = switch (result.state()) {
      case COMPLETED_SUCCESS -> CallResult.Status.SUCCESS;
      case REVERT -> CallResult.Status.REVERT;
      default -> CallResult.Status.HALT;
    };
    if (status == CallResult.Status.SUCCESS) updater.commit();
    if (status == CallResult.Status.REVERT) assertThat(frame.getRevertReason()).contains(result.output());
    long gasUsed = status == CallResult.Status.HALT ? call.gas() : call.gas() - frame.getRemainingGas();
    List<Log> logs = status != CallResult.Status.SUCCESS ? List.of() : frame.getLogs().stream()
        .map(l -> new Log(FrameHost.fromBesu(l.getLogger()), l.getTopics().stream().map(t -> Bytes32.wrap(t.getBytes())).toList(), l.getData()))
        .toList();
    return new Outcome(status, result.output(), gasUsed, logs);
  }
}

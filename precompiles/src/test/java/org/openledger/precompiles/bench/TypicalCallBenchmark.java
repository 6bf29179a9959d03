package org.openledger.precompiles.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.example.Guestbook;
import org.openledger.precompiles.executor.Executor;
import org.openledger.precompiles.executor.Fork;
import org.openledger.precompiles.executor.ForkSchedule;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.host.InMemoryHost;
import org.openledger.precompiles.host.Message;
import org.openledger.precompiles.storage.Slot;

/**
 * A typical native call, and the keccak hashing that call does by itself, measured in the same run
 * so that the call is reported as a multiple of its own hashing (see {@link BenchReport}).
 *
 * <p>{@link #sign}: {@code Guestbook.sign(bytes32 key, string message)} through {@link
 * Executor#execute} on an {@link InMemoryHost}: fork lookup, gas requirement, selector dispatch,
 * strict ABI decoding of the calldata, 2 storage reads and 2 storage writes through the journal,
 * one {@code Signed} log with 3 topics and a string in its data, encoding of the {@code uint256}
 * return value, and the commit of the journal to the host. Every invocation signs a fresh key
 * (a counter written into the key word of the calldata), so it never reverts with {@code
 * AlreadySigned}; a status other than SUCCESS fails the run.
 *
 * <p>{@link #keccakOfCall}: exactly the keccak-256 work of one such call. Counted by following
 * the code paths (and confirmed by instrumenting {@code Keccak.hash} once): {@code
 * AUTHOR_OF.mapping(key)} hashes {@code key ‖ slot 1}, 64 bytes; that is the only hash. {@code
 * ENTRIES} is slot 0 (no hash); the selector and the event's topic 0 are computed once when the
 * contract class loads; the indexed {@code address} and {@code bytes32} topics are ABI words,
 * not hashes (only indexed {@code bytes}/{@code string} are hashed). So one call = one keccak-256
 * of 64 bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TypicalCallBenchmark {
  /** 40 ASCII characters: a typical guestbook message, two words of string data. */
  static final String MESSAGE = "hello from the guestbook benchmark, 40ch";

  /** The keccak-256 invocations one {@code sign} call performs, and the bytes each one hashes. */
  static final int KECCAKS_PER_CALL = 1;
  static final int KECCAK_INPUT_BYTES = 64;

  /**
   * InMemoryHost keeps every storage word and every log forever; a fresh host every 4096 calls
   * keeps the heap flat (the allocation is amortised to nothing) while keys stay unique.
   */
  private static final int HOST_RESET_MASK = 4096 - 1;

  private static final Address CALLER = Address.of(0xbeef);
  private static final long GAS = 1_000_000;
  /** Writes a big-endian long into a byte[]: the low 8 bytes of a bytes32 word. */
  private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  /** sign(bytes32,string) calldata: selector (4), key word (32), ...; the counter goes into the key's low 8 bytes. */
  private static final int KEY_LOW_BYTES = 4 + 24;

  private Executor executor;
  private InMemoryHost host;
  private byte[] calldata;
  private Message message;
  private long calls;

  private byte[] keyWord;
  private byte[] mappingSlot;
  private long hashes;

  @Setup
  public void setUp() {
    executor = new Executor(ForkSchedule.of(new Fork("bench", 0, GasSchedule.V1, Map.of(Guestbook.ADDRESS, new Guestbook()))));
    host = new InMemoryHost();
    calldata = Guestbook.SIGN.encodeCall(Bytes32.ZERO, MESSAGE).toArray();
    // The message wraps calldata without copying; each invocation rewrites the key in place.
    message = Message.call(CALLER, Guestbook.ADDRESS, BigInteger.ZERO, Bytes.wrap(calldata), GAS);
    calls = 0;

    keyWord = new byte[32];
    mappingSlot = Slot.at(1).key().toArray(); // Guestbook's AUTHOR_OF mapping is declared at slot 1
    hashes = 0;

    // Sanity: a call succeeds with exactly the work described above, and a repeated key reverts
    // (so the fresh key per invocation is what keeps the benchmark on the success path).
    CallResult first = signNext();
    if (!first.isSuccess() || first.logs().size() != 1 || first.logs().get(0).topics().size() != 3) {
      throw new IllegalStateException("sign did not succeed with one 3-topic log: " + first);
    }
    CallResult repeat = executor.execute(host, message);
    if (repeat.status() != CallResult.Status.REVERT) {
      throw new IllegalStateException("signing the same key twice should revert: " + repeat);
    }
  }

  private CallResult signNext() {
    long n = ++calls;
    LONG_BE.set(calldata, KEY_LOW_BYTES, n);
    if ((n & HOST_RESET_MASK) == 0) host = new InMemoryHost();
    return executor.execute(host, message);
  }

  /** One full native call: Guestbook.sign with a fresh key. */
  @Benchmark
  public CallResult sign() {
    CallResult result = signNext();
    if (result.status() != CallResult.Status.SUCCESS) {
      throw new IllegalStateException("sign #" + calls + " did not succeed: " + result);
    }
    return result; // returned values are consumed by JMH's blackhole
  }

  /** The keccak hashing one sign call does: keccak256(key ‖ slot) over 64 bytes, a fresh key each time. */
  @Benchmark
  public byte[] keccakOfCall() {
    LONG_BE.set(keyWord, 24, ++hashes);
    return Keccak.hash(keyWord, mappingSlot);
  }
}

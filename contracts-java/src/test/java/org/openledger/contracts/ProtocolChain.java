package org.openledger.contracts;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.ContractSpec;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.contract.NativeContract;
import org.openledger.precompiles.executor.Executor;
import org.openledger.precompiles.executor.Fork;
import org.openledger.precompiles.executor.ForkSchedule;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.host.InMemoryHost;
import org.openledger.precompiles.host.Message;

/**
 * A test chain: native contracts on an {@link InMemoryHost}, called the way a block builder calls
 * them (the value moves to the contract first and back if the call fails). Tracks every account
 * it has seen so conservation can be checked over all of them.
 */
public final class ProtocolChain {
  public static final long GAS = 30_000_000;

  public final InMemoryHost host = new InMemoryHost();
  private final Executor executor;
  private final Map<Address, ContractSpec> specs = new HashMap<>();
  private final Set<Address> accounts = new LinkedHashSet<>();
  private BigInteger supply = BigInteger.ZERO;

  public ProtocolChain(Map<Address, NativeContract> contracts) {
    this.executor = new Executor(ForkSchedule.of(new Fork("test", 0, GasSchedule.V1, contracts)));
    contracts.forEach((a, c) -> specs.put(a, c.spec()));
    accounts.addAll(contracts.keySet());
    accounts.add(Addresses.TREASURY);
  }

  public Executor executor() {
    return executor;
  }

  /** Mints {@code wei} to {@code account} (genesis allocation); the supply grows by it. */
  public void fund(Address account, BigInteger wei) {
    host.setBalance(account, host.balance(account).add(wei));
    supply = supply.add(wei);
    accounts.add(account);
  }

  public BigInteger supply() {
    return supply;
  }

  /** Sum of the balances of every account on the chain. */
  public BigInteger totalBalances() {
    return host.totalBalance();
  }

  public BigInteger balance(Address account) {
    return host.balance(account);
  }

  public long blockNumber() {
    return host.block().number();
  }

  public void advance(long blocks) {
    host.setBlockNumber(host.block().number() + blocks);
  }

  /** A transaction-like call from {@code from} with {@code value}. */
  public CallResult send(Address from, Address to, BigInteger value, Bytes data) {
    accounts.add(from);
    if (host.balance(from).compareTo(value) < 0) {
      throw new IllegalStateException(from + " cannot afford " + value + " wei");
    }
    host.transfer(from, to, value);
    CallResult r = executor.execute(host, Message.call(from, to, value, data, GAS));
    if (!r.isSuccess()) host.transfer(to, from, value);
    return r;
  }

  public CallResult send(Address from, Address to, BigInteger value, FunctionSpec fn, Object... args) {
    return send(from, to, value, fn.encodeCall(args));
  }

  public CallResult send(Address from, Address to, FunctionSpec fn, Object... args) {
    return send(from, to, BigInteger.ZERO, fn.encodeCall(args));
  }

  /** An eth_call: static, nothing persists. Returns the decoded output, or throws with the decoded error. */
  public Object view(Address to, FunctionSpec fn, Object... args) {
    CallResult r = executor.execute(host, Message.staticCall(Address.ZERO, to, fn.encodeCall(args), GAS));
    if (!r.isSuccess()) throw new AssertionError(fn.name() + " failed: " + describe(to, r));
    return fn.decodeOutput(r.output());
  }

  /**
   * Creates datanets 1..{@code count} at the Datanets contract (which must be on this chain), so
   * models can name them. The curator is a fixed account that does nothing else.
   */
  public void createDatanets(int count) {
    Address curator = Address.of(0xda7a);
    for (int i = 1; i <= count; i++) {
      ok(curator, Addresses.DATANETS, org.openledger.contracts.datanet.Datanets.CREATE, "datanet " + i, "ipfs://datanet", BigInteger.TEN.pow(18), BigInteger.ZERO);
    }
  }

  /** A successful call's decoded output; fails the test with the decoded error otherwise. */
  public Object ok(Address from, Address to, BigInteger value, FunctionSpec fn, Object... args) {
    CallResult r = send(from, to, value, fn, args);
    if (!r.isSuccess()) throw new AssertionError(fn.name() + " failed: " + describe(to, r));
    return fn.decodeOutput(r.output());
  }

  public Object ok(Address from, Address to, FunctionSpec fn, Object... args) {
    return ok(from, to, BigInteger.ZERO, fn, args);
  }

  /**
   * Values as the ABI decoder returns them, for comparing expectations written with Java
   * literals: ints and longs as BigInteger, Models states as their uint8, Bytes unwrapped, lists
   * recursively.
   */
  public static java.util.List<Object> normalize(java.util.List<?> values) {
    java.util.List<Object> out = new java.util.ArrayList<>();
    for (Object v : values) {
      out.add(switch (v) {
        case Integer i -> BigInteger.valueOf(i);
        case Long l -> BigInteger.valueOf(l);
        case org.openledger.contracts.model.Models.State s -> s.uint8();
        case Bytes b -> Bytes.wrap(b.toArrayUnsafe());
        case java.util.List<?> l -> normalize(l);
        default -> v;
      });
    }
    return out;
  }

  public String describe(Address contract, CallResult r) {
    return switch (r.status()) {
      case SUCCESS -> "success";
      case REVERT -> specs.containsKey(contract) ? specs.get(contract).describeRevert(r.output()) : r.output().toHexString();
      case HALT -> "halt: " + r.haltReason();
    };
  }
}

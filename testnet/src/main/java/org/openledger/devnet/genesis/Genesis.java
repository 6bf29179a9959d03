package org.openledger.devnet.genesis;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.staking.Staking;
import org.openledger.devnet.state.BlockState;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.abi.AbiType;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.contract.NativeContract;
import org.openledger.precompiles.executor.Executor;
import org.openledger.precompiles.executor.Fork;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.host.Message;

/**
 * Writes a {@link GenesisConfig} into block 0's state: the code {@code 0xfe} at every native
 * contract (so {@code eth_getCode} and Solidity's extcodesize see a contract), the allocations,
 * the governance-only stakes as {@code Staking.stake(0)} calls by their accounts, then the
 * configured calls. Genesis calls are not transactions: no nonce, no gas fee, no receipt, and
 * their logs are not kept. A call that fails stops the chain from starting, with the contract's error.
 */
public final class Genesis {
  /** The designated-invalid opcode: the marker code of a native contract's address. */
  public static final Bytes NATIVE_CODE = Bytes.of(0xfe);
  private static final long CALL_GAS = 30_000_000L;

  private Genesis() {}

  public static void apply(GenesisConfig config, BlockState state, Executor executor) {
    Fork fork = executor.forks().at(0).orElseThrow(() -> new GenesisException("no fork active at block 0"));
    for (Address a : fork.contracts().keySet()) state.setCode(a, NATIVE_CODE);
    config.alloc().forEach(state::credit);
    for (GenesisConfig.Stake s : config.stake()) {
      call(state, executor, fork, s.account(), Addresses.STAKING, s.amount(), Staking.STAKE.encodeCall(BigInteger.ZERO),
          "stake of " + s.amount() + " wei by " + s.account());
    }
    for (GenesisConfig.Call c : config.calls()) {
      NativeContract contract = fork.contract(c.to());
      if (contract == null) throw new GenesisException("calls: no native contract at " + c.to());
      FunctionSpec fn = contract.spec().function(ByteSelector.of(c.function()));
      if (fn == null || !fn.signature().equals(c.function())) {
        throw new GenesisException("calls: " + contract.spec().name() + " has no function " + c.function());
      }
      if (c.args().size() != fn.inputs().size()) {
        throw new GenesisException("calls: " + c.function() + " takes " + fn.inputs().size() + " arguments, got " + c.args().size());
      }
      List<Object> args = new ArrayList<>();
      for (int i = 0; i < c.args().size(); i++) args.add(value(fn.inputTypes().components().get(i), c.args().get(i), c.function()));
      call(state, executor, fork, c.from(), c.to(), BigInteger.ZERO, fn.encodeCall(args.toArray()), c.function() + " from " + c.from());
    }
  }

  private static void call(BlockState state, Executor executor, Fork fork, Address from, Address to, BigInteger value, Bytes data, String what) {
    if (state.balance(from).compareTo(value) < 0) {
      throw new GenesisException("genesis " + what + ": the account holds only " + state.balance(from) + " wei; allocate it first");
    }
    state.transfer(from, to, value);
    CallResult result = executor.execute(state, Message.call(from, to, value, data, CALL_GAS));
    state.takeLogs();
    if (!result.isSuccess()) {
      String why = result.status() == CallResult.Status.REVERT ? fork.contract(to).spec().describeRevert(result.output()) : result.haltReason();
      throw new GenesisException("genesis " + what + " failed: " + why);
    }
  }

  /** A JSON argument as the ABI codec's Java value for {@code type}. */
  static Object value(AbiType type, JsonNode arg, String function) {
    try {
      return switch (type) {
        case AbiType.Uint u -> GenesisConfig.wei(arg, function + " argument");
        case AbiType.Int i -> arg.isIntegralNumber() ? arg.bigIntegerValue() : new BigInteger(arg.asText());
        case AbiType.AddressType a -> Address.fromHex(arg.asText());
        case AbiType.Bool b -> {
          if (!arg.isBoolean()) throw new GenesisException(function + ": a bool argument must be true or false");
          yield arg.booleanValue();
        }
        case AbiType.FixedBytes f -> Bytes.fromHexString(arg.asText());
        case AbiType.DynamicBytes d -> Bytes.fromHexString(arg.asText());
        case AbiType.Str s -> arg.asText();
        case AbiType.Array arr -> {
          List<Object> out = new ArrayList<>();
          for (JsonNode e : arg) out.add(value(arr.element(), e, function));
          yield out;
        }
        case AbiType.Tuple t -> {
          List<Object> out = new ArrayList<>();
          for (int k = 0; k < t.size(); k++) out.add(value(t.components().get(k), arg.get(k), function));
          yield out;
        }
      };
    } catch (IllegalArgumentException e) {
      throw new GenesisException(function + ": argument " + arg + " is not a " + type.canonical() + ": " + e.getMessage());
    }
  }

  /** The 4-byte selector of a signature as the int the contract spec dispatches on. */
  static final class ByteSelector {
    static int of(String signature) {
      byte[] s = Keccak.selector(signature);
      return ((s[0] & 0xff) << 24) | ((s[1] & 0xff) << 16) | ((s[2] & 0xff) << 8) | (s[3] & 0xff);
    }
  }
}

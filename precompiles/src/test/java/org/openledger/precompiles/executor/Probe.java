package org.openledger.precompiles.executor;

import java.math.BigInteger;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.abi.AbiCodec;
import org.openledger.precompiles.abi.AbiType;
import org.openledger.precompiles.contract.ContractSpec;
import org.openledger.precompiles.contract.Declarations;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.contract.EventSpec;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.contract.NativeContract;
import org.openledger.precompiles.gas.GasRule;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.storage.Slot;

/** A contract whose functions exercise the executor's edge cases in the tests. */
final class Probe extends NativeContract {
  static final Slot VALUES = Slot.at(0);

  private static final Declarations D = new Declarations("IProbe");
  static final ErrorSpec BOOM = D.error("Boom(uint256 code)", "Deliberate failure.");
  static final EventSpec NOTE = D.event("Note(uint256 indexed id, address from)", "A node ran.");

  static final FunctionSpec WRITE = D.function("write(uint256 key, uint256 value)", "", GasRule.fixed(s -> s.storageWrite()));
  static final FunctionSpec READ = D.function("read(uint256 key) view returns (uint256)", "", GasRule.fixed(s -> s.storageRead()));
  static final FunctionSpec WRITE_IN_VIEW = D.function("writeInView(uint256 key) view", "", GasRule.fixed(s -> s.storageWrite()));
  static final FunctionSpec WRITE_THEN_REVERT = D.function("writeThenRevert(uint256 key, uint256 value)", "", GasRule.fixed(s -> s.storageWrite()));
  static final FunctionSpec WRITE_THEN_THROW = D.function("writeThenThrow(uint256 key, uint256 value)", "", GasRule.fixed(s -> s.storageWrite()));
  static final FunctionSpec UNDER_DECLARED = D.function("underDeclared(uint256 key)", "", GasRule.fixed(s -> s.storageRead()));
  static final FunctionSpec DEPOSIT = D.function("deposit() payable returns (uint256)", "", GasRule.fixed(s -> s.storageRead()));
  static final FunctionSpec PAY = D.function("pay(address to, uint256 amount)", "", GasRule.fixed(s -> s.transfer()));
  static final FunctionSpec VERSION = D.function("version() pure returns (uint256)", "", GasRule.fixed(s -> 0));
  static final FunctionSpec FORWARD = D.function(
      "forward(address target, uint256 key, uint256 value, uint256 forwarded) payable returns (bool childSucceeded)",
      "Writes key in its own storage, sends `forwarded` wei with a call to target.write(key + 1, value), and reports whether the child succeeded.",
      GasRule.fixed(s -> 2 * s.storageWrite() + s.nestedCall() + s.callBase(68) + s.storageWrite()));
  /**
   * A node of a call tree: writes VALUES[id] = 1, emits Note(id), calls each child id, then fails
   * as failure[id] says (0 = succeed, 1 = revert, 2 = throw). parent[j] is j's parent id.
   */
  static final FunctionSpec NODE = D.function(
      "node(uint256 id, uint256[] parent, uint8[] failure, address[] at) returns (uint256)",
      "", Probe::nodeGas);

  static final ContractSpec SPEC = D.spec("Executor test probe.");

  private final long version;

  Probe(long version) {
    super(SPEC);
    this.version = version;
    on(WRITE, (ctx, in) -> {
      ctx.storeUint(VALUES.mapping(in.uint(0)), in.uint(1));
      return null;
    });
    on(READ, (ctx, in) -> ctx.loadUint(VALUES.mapping(in.uint(0))));
    on(WRITE_IN_VIEW, (ctx, in) -> {
      ctx.storeUint(VALUES.mapping(in.uint(0)), BigInteger.ONE);
      return null;
    });
    on(WRITE_THEN_REVERT, (ctx, in) -> {
      ctx.storeUint(VALUES.mapping(in.uint(0)), in.uint(1));
      throw BOOM.revert(in.uint(1));
    });
    on(WRITE_THEN_THROW, (ctx, in) -> {
      ctx.storeUint(VALUES.mapping(in.uint(0)), in.uint(1));
      throw new IllegalStateException("a bug inside a contract");
    });
    on(UNDER_DECLARED, (ctx, in) -> {
      ctx.storeUint(VALUES.mapping(in.uint(0)), BigInteger.ONE);
      return null;
    });
    on(DEPOSIT, (ctx, in) -> ctx.balanceOf(ctx.self()));
    on(PAY, (ctx, in) -> {
      ctx.transfer(in.address(0), in.uint(1));
      return null;
    });
    on(VERSION, (ctx, in) -> BigInteger.valueOf(this.version));
    on(FORWARD, (ctx, in) -> {
      ctx.storeUint(VALUES.mapping(in.uint(1)), in.uint(2));
      CallResult child = ctx.tryCall(in.address(0), WRITE, in.uint(3), in.uint(1).add(BigInteger.ONE), in.uint(2));
      return child.isSuccess();
    });
    on(NODE, (ctx, in) -> {
      int id = in.uint(0).intValueExact();
      List<Object> parents = in.list(1);
      List<Object> failure = in.list(2);
      List<Object> at = in.list(3);
      ctx.storeUint(VALUES.mapping(id), BigInteger.ONE);
      ctx.emit(NOTE, BigInteger.valueOf(id), ctx.caller());
      for (int j = 0; j < parents.size(); j++) {
        if (((BigInteger) parents.get(j)).intValueExact() == id && j != id) {
          ctx.tryCall((Address) at.get(j), NODE, BigInteger.ZERO, BigInteger.valueOf(j), parents, failure, at);
        }
      }
      switch (((BigInteger) failure.get(id)).intValueExact()) {
        case 1 -> throw BOOM.revert(BigInteger.valueOf(id));
        case 2 -> throw new ArithmeticException("node " + id + " faults");
        default -> { }
      }
      return BigInteger.valueOf(id);
    });
  }

  private static final AbiType.Tuple NODE_ARGS =
      (AbiType.Tuple) AbiType.parse("(uint256,uint256[],uint8[],address[])");

  /** Gas for a node: exactly the work of its subtree, so the meter ends at zero. */
  private static long nodeGas(org.openledger.precompiles.gas.GasSchedule s, org.apache.tuweni.bytes.Bytes calldata) {
    List<Object> in = AbiCodec.decode(NODE_ARGS, calldata.toArrayUnsafe(), 4, calldata.size() - 4);
    int id = ((BigInteger) in.get(0)).intValueExact();
    @SuppressWarnings("unchecked")
    List<Object> parents = (List<Object>) in.get(1);
    long nodes = subtree(id, parents);
    // every node writes and logs; every node but this one is also a nested call with its base
    return nodes * (s.storageWrite() + s.log(2, 32)) + (nodes - 1) * (s.nestedCall() + s.callBase(calldata.size()));
  }

  private static long subtree(int id, List<Object> parents) {
    long n = 1;
    for (int j = 0; j < parents.size(); j++) {
      if (j != id && ((BigInteger) parents.get(j)).intValueExact() == id) n += subtree(j, parents);
    }
    return n;
  }

  static Bytes32 valueSlot(long key) {
    return VALUES.mapping(key).key();
  }
}

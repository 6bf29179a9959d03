package org.openledger.precompiles.contract;

import org.openledger.precompiles.gas.GasRule;

/** A declaration using every supported kind of type, struct and mutability, for the agreement tests. */
final class KitchenSink {
  private KitchenSink() {}

  private static final Declarations D = new Declarations("IKitchenSink");
  static final StructSpec POINT = D.struct("Point", "int128 x", "int128 y");
  static final StructSpec LEAF = D.struct("Leaf", "uint64 contributor", "bytes32 root", "int16[] vector", "Point[2] corners", "string label");
  static final ErrorSpec BAD_LEAF = D.error("BadLeaf(uint256 index, Leaf leaf)", "A leaf failed verification.");
  static final ErrorSpec EMPTY = D.error("Nothing()", "");
  static final EventSpec STORED = D.event("Stored(address indexed owner, bytes32 indexed key, string indexed label, Leaf leaf, bytes raw)", "Multi-line\ndocumentation.");
  static final EventSpec PLAIN = D.event("Plain(uint8 small, bool flag)", "");
  static final FunctionSpec VERIFY = D.function("verify(Leaf[] leaves, bytes32 root, uint256[3] counts) view returns (bool ok, Point p)", "Verifies leaves.", GasRule.fixed(s -> 1));
  static final FunctionSpec PAY = D.function("pay(address to, uint amount, bytes data) payable returns (bytes)", "Pays.", GasRule.fixed(s -> 1));
  static final FunctionSpec HASH = D.function("hash(bytes4 tag, string text, address[] who) pure returns (bytes32)", "Hashes.", GasRule.fixed(s -> 1));
  static final FunctionSpec NOTHING = D.function("touch()", "", GasRule.fixed(s -> 1));
  static final FunctionSpec GRID = D.function("grid(uint8[2][] cells, Point[][] paths) returns (int256[][3] out)", "Nested arrays.", GasRule.fixed(s -> 1));
  static final ContractSpec SPEC = D.spec("Every type the declarations support.");
}

package org.openledger.precompiles.contract;

import java.util.List;
import org.openledger.precompiles.abi.AbiType;

/** A Solidity struct declared in a contract's interface; its ABI type is a named tuple. */
public record StructSpec(String name, List<Param> fields, AbiType.Tuple type) {
  public StructSpec {
    fields = List.copyOf(fields);
  }
}

package org.openledger.precompiles.contract;

import org.openledger.precompiles.abi.AbiType;

/**
 * A named, typed parameter of a function, event, error or struct.
 *
 * @param solidityType the type as written in Solidity source: {@code uint256}, {@code Leaf[]}
 * @param indexed for event parameters: whether it is a topic
 */
public record Param(String name, AbiType type, String solidityType, boolean indexed) {}

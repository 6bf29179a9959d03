package org.openledger.precompiles.executor;

import java.util.Map;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.NativeContract;
import org.openledger.precompiles.gas.GasSchedule;

/**
 * The native contracts and gas schedule in force from {@code activationBlock} on, until the next
 * fork. A node replaying old blocks runs the logic that was active at each block.
 */
public record Fork(String name, long activationBlock, GasSchedule gas, Map<Address, NativeContract> contracts) {
  public Fork {
    if (activationBlock < 0) throw new IllegalArgumentException("activation block must be >= 0");
    contracts = Map.copyOf(contracts);
    contracts.values().forEach(NativeContract::checkComplete);
  }

  public NativeContract contract(Address address) {
    return contracts.get(address);
  }
}

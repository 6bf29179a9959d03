package org.openledger.devnet.transaction;

import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;

/** One EIP-2930 access list entry: an address and the storage keys the sender declares it will touch. */
public record AccessListEntry(Address address, List<Bytes32> storageKeys) {
  public AccessListEntry {
    storageKeys = List.copyOf(storageKeys);
  }
}

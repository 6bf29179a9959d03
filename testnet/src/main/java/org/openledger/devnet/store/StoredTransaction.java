package org.openledger.devnet.store;

import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;

/** An included transaction as stored: its bytes, its recovered sender, and where it was included. */
public record StoredTransaction(Bytes32 hash, Bytes raw, Address sender, long blockNumber, Bytes32 blockHash, int index) {}

package org.openledger.prover.proof;

import org.apache.tuweni.bytes.Bytes32;

/**
 * Where committed data is fetched by its keccak-256 (DESIGN §6, data availability): a node's
 * content store over JSON-RPC, or a prover's local copy. Implementations check that the bytes hash
 * to the key, so a lying store cannot feed a prover wrong data.
 */
@FunctionalInterface
public interface ContentSource {

  /** The bytes whose keccak-256 is {@code hash}. */
  byte[] get(Bytes32 hash) throws Unavailable;

  /** The data is not (or not correctly) available: the request cannot be proven from it. */
  final class Unavailable extends Exception {
    public Unavailable(String message) {
      super(message);
    }
  }
}

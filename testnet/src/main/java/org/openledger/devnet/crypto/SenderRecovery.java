package org.openledger.devnet.crypto;

import java.math.BigInteger;
import org.openledger.precompiles.Address;

/**
 * Recovers the Ethereum address that produced an ECDSA secp256k1 signature over a 32-byte hash.
 * Implementations are thread-safe: the pool recovers on the callers' threads, in parallel.
 */
public interface SenderRecovery {

  /**
   * The signer's address. {@code r} and {@code s} must already be checked to lie in [1, n-1]
   * (see {@link Signatures#check}); {@code recoveryId} is 0 or 1.
   *
   * @throws InvalidSignatureException when no public key matches the signature
   */
  Address recover(byte[] hash, BigInteger r, BigInteger s, int recoveryId);

  /** What is doing the work, for logs and benchmark output. */
  String name();
}

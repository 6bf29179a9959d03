package org.openledger.precompiles;

import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.bouncycastle.crypto.digests.KeccakDigest;

/** Keccak-256 as Ethereum uses it (the original Keccak padding, not NIST SHA3-256). */
public final class Keccak {
  private Keccak() {}

  // One digest per thread: constructing a KeccakDigest (its 1,600-bit state and tables) costs about
  // as much as hashing a storage key, and contracts derive many keys per call. doFinal resets it.
  private static final ThreadLocal<KeccakDigest> DIGEST = ThreadLocal.withInitial(() -> new KeccakDigest(256));

  /** Keccak-256 of the concatenation of {@code parts}. */
  public static byte[] hash(byte[]... parts) {
    KeccakDigest digest = DIGEST.get();
    digest.reset();
    for (byte[] part : parts) {
      digest.update(part, 0, part.length);
    }
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }

  public static Bytes32 hash(Bytes data) {
    return Bytes32.wrap(hash(data.toArrayUnsafe()));
  }

  /** The first four bytes of keccak(signature): a Solidity function or error selector. */
  public static byte[] selector(String signature) {
    byte[] h = hash(signature.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return new byte[] {h[0], h[1], h[2], h[3]};
  }
}

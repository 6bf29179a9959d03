package org.openledger.devnet.crypto;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;

/** secp256k1 constants and the range checks every transaction signature passes before recovery. */
public final class Signatures {
  private Signatures() {}

  public static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
  public static final BigInteger N = CURVE.getN();
  /** EIP-2: a transaction's s must be at most n/2, so that (r, n - s) is not a second valid signature. */
  public static final BigInteger HALF_N = N.shiftRight(1);

  /** Refuses r or s outside [1, n-1], s above n/2 (EIP-2) and recovery ids other than 0 and 1. */
  public static void check(BigInteger r, BigInteger s, int recoveryId) {
    if (r.signum() <= 0 || r.compareTo(N) >= 0) throw new InvalidSignatureException("r outside [1, n-1]");
    if (s.signum() <= 0 || s.compareTo(N) >= 0) throw new InvalidSignatureException("s outside [1, n-1]");
    if (s.compareTo(HALF_N) > 0) throw new InvalidSignatureException("s above n/2 (EIP-2)");
    if (recoveryId != 0 && recoveryId != 1) throw new InvalidSignatureException("recovery id " + recoveryId + " is not 0 or 1");
  }

  /** The address of an uncompressed public key given as its 64 coordinate bytes (x ‖ y). */
  public static Address addressOf(byte[] xy, int offset) {
    byte[] h = Keccak.hash(java.util.Arrays.copyOfRange(xy, offset, offset + 64));
    return Address.wrap(java.util.Arrays.copyOfRange(h, 12, 32));
  }

  /** {@code value} as exactly 32 big-endian bytes. */
  public static byte[] word(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }
}

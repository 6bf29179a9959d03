package org.openledger.devnet.crypto;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.openledger.precompiles.Address;

/**
 * Public-key recovery in pure Java (SEC 1 v2, §4.1.6) on Bouncy Castle's secp256k1 arithmetic:
 * the fallback when the native library cannot load, about five times slower.
 */
public final class BouncyCastleRecovery implements SenderRecovery {

  @Override
  public Address recover(byte[] hash, BigInteger r, BigInteger s, int recoveryId) {
    // Ethereum's recovery ids are 0 and 1 only: R.x = r (the r + n case has negligible probability and is refused).
    ECPoint bigR = decompress(r, (recoveryId & 1) == 1);
    if (bigR == null || !bigR.multiply(Signatures.N).isInfinity()) {
      throw new InvalidSignatureException("no curve point for r");
    }
    BigInteger e = new BigInteger(1, hash);
    BigInteger rInv = r.modInverse(Signatures.N);
    BigInteger u1 = Signatures.N.subtract(e).mod(Signatures.N).multiply(rInv).mod(Signatures.N);
    BigInteger u2 = s.multiply(rInv).mod(Signatures.N);
    ECPoint q = ECAlgorithms.sumOfTwoMultiplies(Signatures.CURVE.getG(), u1, bigR, u2).normalize();
    if (q.isInfinity()) throw new InvalidSignatureException("recovered the point at infinity");
    byte[] encoded = q.getEncoded(false);
    return Signatures.addressOf(encoded, 1);
  }

  private static ECPoint decompress(BigInteger x, boolean yOdd) {
    if (x.compareTo(Signatures.CURVE.getCurve().getField().getCharacteristic()) >= 0) return null;
    byte[] compressed = new byte[33];
    compressed[0] = (byte) (yOdd ? 0x03 : 0x02);
    System.arraycopy(Signatures.word(x), 0, compressed, 1, 32);
    try {
      return Signatures.CURVE.getCurve().decodePoint(compressed);
    } catch (IllegalArgumentException notOnCurve) {
      return null;
    }
  }

  @Override
  public String name() {
    return "Bouncy Castle (pure Java)";
  }
}

package org.openledger.devnet.crypto;

import fr.acinq.secp256k1.Secp256k1;
import fr.acinq.secp256k1.jni.NativeSecp256k1JvmLoader;
import java.math.BigInteger;
import org.openledger.precompiles.Address;

/**
 * Recovery by bitcoin-core's libsecp256k1 through secp256k1-kmp's JNI binding (the library
 * Besu uses too). {@link #load} extracts and loads the shared library once.
 */
public final class NativeRecovery implements SenderRecovery {
  private final Secp256k1 secp;

  private NativeRecovery(Secp256k1 secp) {
    this.secp = secp;
  }

  /** Loads the native library; throws whatever the loader throws when this platform has none. */
  public static NativeRecovery load() throws Exception {
    return new NativeRecovery(NativeSecp256k1JvmLoader.load());
  }

  @Override
  public Address recover(byte[] hash, BigInteger r, BigInteger s, int recoveryId) {
    byte[] sig = new byte[64];
    System.arraycopy(Signatures.word(r), 0, sig, 0, 32);
    System.arraycopy(Signatures.word(s), 0, sig, 32, 32);
    byte[] pub;
    try {
      pub = secp.ecdsaRecover(sig, hash, recoveryId);
    } catch (RuntimeException e) {
      // libsecp256k1 reports "no key" as an exception from the binding.
      throw new InvalidSignatureException("no public key recovers from this signature");
    }
    if (pub == null || pub.length != 65) throw new InvalidSignatureException("no public key recovers from this signature");
    return Signatures.addressOf(pub, 1);
  }

  @Override
  public String name() {
    return "libsecp256k1 (native)";
  }
}

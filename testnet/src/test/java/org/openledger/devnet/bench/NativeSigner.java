package org.openledger.devnet.bench;

import fr.acinq.secp256k1.Secp256k1;
import fr.acinq.secp256k1.jni.NativeSecp256k1JvmLoader;
import java.math.BigInteger;
import java.util.Arrays;
import org.openledger.devnet.crypto.Signatures;
import org.openledger.devnet.rlp.Rlp;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;

/**
 * Signs EIP-1559 transactions with libsecp256k1, several times faster than web3j's Bouncy Castle
 * signer, so that a benchmark pre-signs 10^5 transactions in seconds. libsecp256k1 signs with
 * RFC 6979 nonces and a low s (EIP-2); the recovery id is the one under which the signature
 * recovers this key. The benchmark's floor measurement decodes the transactions with the node's
 * own decoder and checks every recovered sender, so a wrong encoding cannot pass unnoticed.
 */
final class NativeSigner {
  /** A key pair with its address. */
  record Key(byte[] secret, byte[] publicKey, Address address) {}

  private final Secp256k1 secp;
  private final long chainId;

  NativeSigner(long chainId) throws Exception {
    this.secp = NativeSecp256k1JvmLoader.load();
    this.chainId = chainId;
  }

  Key key(BigInteger secret) {
    byte[] s = Signatures.word(secret);
    byte[] pub = secp.pubkeyCreate(s);
    return new Key(s, pub, Signatures.addressOf(pub, 1));
  }

  /** {@code 0x02 ‖ rlp([chainId, nonce, tip, maxFee, gas, to, value, data, [], yParity, r, s])}. */
  byte[] eip1559(Key from, long nonce, BigInteger tip, BigInteger maxFee, long gas, Address to, BigInteger value, byte[] data) {
    byte[][] fields = {Rlp.encodeUint(chainId), Rlp.encodeUint(nonce), Rlp.encodeUint(tip), Rlp.encodeUint(maxFee), Rlp.encodeUint(gas),
        Rlp.encodeBytes(to.toArrayUnsafe()), Rlp.encodeUint(value), Rlp.encodeBytes(data), Rlp.encodeList()};
    byte[] hash = Keccak.hash(new byte[] {0x02}, Rlp.encodeList(fields));
    byte[] sig = secp.sign(hash, from.secret());
    int yParity = Arrays.equals(secp.ecdsaRecover(sig, hash, 0), from.publicKey()) ? 0 : 1;
    byte[][] signed = Arrays.copyOf(fields, fields.length + 3);
    signed[9] = Rlp.encodeUint(yParity);
    signed[10] = Rlp.encodeUint(new BigInteger(1, Arrays.copyOfRange(sig, 0, 32)));
    signed[11] = Rlp.encodeUint(new BigInteger(1, Arrays.copyOfRange(sig, 32, 64)));
    byte[] body = Rlp.encodeList(signed);
    byte[] raw = new byte[body.length + 1];
    raw[0] = 0x02;
    System.arraycopy(body, 0, raw, 1, body.length);
    return raw;
  }
}

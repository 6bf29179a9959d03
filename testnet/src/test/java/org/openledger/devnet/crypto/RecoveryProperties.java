package org.openledger.devnet.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.devnet.transaction.Transaction;
import org.openledger.devnet.transaction.TransactionDecoder;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;

class RecoveryProperties {
  private static final SenderRecovery NATIVE = load();
  private static final SenderRecovery BC = new BouncyCastleRecovery();

  private static SenderRecovery load() {
    try {
      return NativeRecovery.load();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Provide
  Arbitrary<BigInteger> keys() {
    return Arbitraries.bigIntegers().between(BigInteger.ONE, Signatures.N.subtract(BigInteger.ONE));
  }

  @Property(tries = 200)
  void nativeAndBouncyCastleRecoverTheSignerOfAnyMessage(@ForAll("keys") BigInteger key, @ForAll byte[] message) {
    ECKeyPair pair = ECKeyPair.create(key);
    byte[] hash = Keccak.hash(message);
    Sign.SignatureData sig = Sign.signMessage(hash, pair, false);
    BigInteger r = new BigInteger(1, sig.getR());
    BigInteger s = new BigInteger(1, sig.getS());
    int recId = sig.getV()[0] - 27;
    Address signer = Address.fromHex(Credentials.create(pair).getAddress());
    assertThat(NATIVE.recover(hash, r, s, recId)).isEqualTo(signer);
    assertThat(BC.recover(hash, r, s, recId)).isEqualTo(signer);
  }

  @Property(tries = 100)
  void aWeb3jSignedTransactionDecodesToItsFieldsAndSigner(
      @ForAll("keys") BigInteger key,
      @ForAll("nonces") long nonce,
      @ForAll("amounts") BigInteger value,
      @ForAll byte[] data,
      @ForAll boolean legacy) {
    Credentials c = Credentials.create(ECKeyPair.create(key));
    Address to = Address.of(0x0a04);
    RawTransaction raw = legacy
        ? RawTransaction.createTransaction(BigInteger.valueOf(nonce), BigInteger.valueOf(7), BigInteger.valueOf(500_000), to.toHexString(), value,
            Bytes.wrap(data).toHexString())
        : RawTransaction.createTransaction(1337, BigInteger.valueOf(nonce), BigInteger.valueOf(500_000), to.toHexString(), value,
            Bytes.wrap(data).toHexString(), BigInteger.valueOf(3), BigInteger.valueOf(9));
    byte[] signed = TransactionEncoder.signMessage(raw, 1337, c);
    for (SenderRecovery recovery : new SenderRecovery[] {NATIVE, BC}) {
      Transaction tx = new TransactionDecoder(1337, recovery).decode(signed);
      assertThat(tx.sender()).isEqualTo(Address.fromHex(c.getAddress()));
      assertThat(tx.nonce()).isEqualTo(nonce);
      assertThat(tx.value()).isEqualTo(value);
      assertThat(tx.data()).isEqualTo(Bytes.wrap(data));
      assertThat(tx.to()).isEqualTo(to);
      assertThat(tx.gasLimit()).isEqualTo(500_000);
      assertThat(tx.maxFeePerGas()).isEqualTo(BigInteger.valueOf(legacy ? 7 : 9));
      assertThat(tx.hash()).isEqualTo(Keccak.hash(Bytes.wrap(signed)));
    }
  }

  @Provide
  Arbitrary<Long> nonces() {
    return Arbitraries.longs().between(0, Long.MAX_VALUE - 1);
  }

  @Provide
  Arbitrary<BigInteger> amounts() {
    return Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TWO.pow(256).subtract(BigInteger.ONE));
  }
}

package org.openledger.devnet;

import java.math.BigInteger;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.precompiles.Address;
import org.web3j.crypto.AccessListObject;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;

/**
 * Signs test transactions with web3j (an encoder independent of the devnet's decoder). The keys are
 * the default genesis's development accounts: public, for tests only.
 */
public final class Wallets {
  private Wallets() {}

  public static final long CHAIN_ID = 1337;
  public static final BigInteger GWEI = BigInteger.TEN.pow(9);
  public static final BigInteger OPEN = BigInteger.TEN.pow(18);

  public static final Credentials ALICE = Credentials.create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  public static final Credentials BOB = Credentials.create("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  public static final Credentials CAROL = Credentials.create("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
  public static final Credentials DAVE = Credentials.create("0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6");
  public static final Credentials ERIN = Credentials.create("0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a");
  /** Holds nothing at genesis. */
  public static final Credentials PAUPER = Credentials.create("0x0000000000000000000000000000000000000000000000000000000000001234");

  public static Address address(Credentials c) {
    return Address.fromHex(c.getAddress());
  }

  /** An EIP-1559 transaction: tip 1 gwei, fee cap 10 gwei. */
  public static byte[] eip1559(Credentials c, long nonce, Address to, BigInteger value, Bytes data, long gas) {
    return eip1559(c, nonce, to, value, data, gas, GWEI, GWEI.multiply(BigInteger.TEN));
  }

  public static byte[] eip1559(Credentials c, long nonce, Address to, BigInteger value, Bytes data, long gas, BigInteger tip, BigInteger maxFee) {
    RawTransaction raw = RawTransaction.createTransaction(CHAIN_ID, BigInteger.valueOf(nonce), BigInteger.valueOf(gas),
        to == null ? "" : to.toHexString(), value, data.toHexString(), tip, maxFee);
    return TransactionEncoder.signMessage(raw, CHAIN_ID, c);
  }

  public static byte[] transfer(Credentials c, long nonce, Address to, BigInteger value) {
    return eip1559(c, nonce, to, value, Bytes.EMPTY, 21_000);
  }

  /** A legacy transaction with EIP-155 replay protection for {@code chainId}. */
  public static byte[] legacy(Credentials c, long chainId, long nonce, Address to, BigInteger value, Bytes data, long gas, BigInteger gasPrice) {
    RawTransaction raw = RawTransaction.createTransaction(BigInteger.valueOf(nonce), gasPrice, BigInteger.valueOf(gas),
        to.toHexString(), value, data.toHexString());
    return TransactionEncoder.signMessage(raw, chainId, c);
  }

  /** A legacy transaction without replay protection (v = 27/28). */
  public static byte[] unprotected(Credentials c, long nonce, Address to, BigInteger value) {
    RawTransaction raw = RawTransaction.createTransaction(BigInteger.valueOf(nonce), GWEI.multiply(BigInteger.TWO),
        BigInteger.valueOf(21_000), to.toHexString(), value, "0x");
    return TransactionEncoder.signMessage(raw, c);
  }

  public static byte[] accessList(Credentials c, long nonce, Address to, BigInteger value, Bytes data, long gas, BigInteger gasPrice,
      List<AccessListObject> accessList) {
    RawTransaction raw = RawTransaction.createTransaction(CHAIN_ID, BigInteger.valueOf(nonce), gasPrice, BigInteger.valueOf(gas),
        to.toHexString(), value, data.toHexString(), accessList);
    return TransactionEncoder.signMessage(raw, c);
  }
}

package org.openledger.devnet.transaction;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.devnet.crypto.InvalidSignatureException;
import org.openledger.devnet.crypto.SenderRecovery;
import org.openledger.devnet.crypto.Signatures;
import org.openledger.devnet.rlp.Rlp;
import org.openledger.devnet.rlp.RlpException;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;

/**
 * Turns the bytes of {@code eth_sendRawTransaction} into a {@link Transaction}: strict RLP, the
 * chain's id, an EIP-2 low-s signature, and the sender recovered. Thread-safe; recovery runs on
 * the caller's thread.
 */
public final class TransactionDecoder {
  /** geth's ErrInvalidSig. */
  public static final String INVALID_SIGNATURE = "invalid transaction v, r, s values";
  /** geth's refusal of pre-EIP-155 transactions over RPC. */
  public static final String UNPROTECTED = "only replay-protected (EIP-155) transactions allowed over RPC";
  public static final String TYPE_NOT_SUPPORTED = "transaction type not supported";

  private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private final long chainId;
  private final SenderRecovery recovery;

  public TransactionDecoder(long chainId, SenderRecovery recovery) {
    this.chainId = chainId;
    this.recovery = recovery;
  }

  public long chainId() {
    return chainId;
  }

  public SenderRecovery recovery() {
    return recovery;
  }

  public Transaction decode(byte[] raw) {
    return decode(raw, null);
  }

  /**
   * Decodes a transaction read back from the node's own store, whose sender was recovered when it
   * was admitted: no second recovery.
   */
  public Transaction decodeStored(byte[] raw, Address sender) {
    return decode(raw, java.util.Objects.requireNonNull(sender));
  }

  private Transaction decode(byte[] raw, Address knownSender) {
    if (raw.length == 0) throw new InvalidTransactionException("rlp: empty transaction");
    int first = raw[0] & 0xff;
    try {
      if (first >= 0xc0) return legacy(raw, knownSender);
      if (first == 1) return typed(raw, TransactionType.ACCESS_LIST, knownSender);
      if (first == 2) return typed(raw, TransactionType.EIP1559, knownSender);
      throw new InvalidTransactionException(TYPE_NOT_SUPPORTED);
    } catch (RlpException e) {
      throw new InvalidTransactionException("rlp: " + e.getMessage());
    } catch (InvalidSignatureException e) {
      throw new InvalidTransactionException(INVALID_SIGNATURE);
    }
  }

  private Transaction legacy(byte[] raw, Address knownSender) {
    Rlp.Seq f = Rlp.decode(raw).seq("legacy transaction");
    if (f.size() != 9) throw new RlpException("a legacy transaction has 9 fields, got " + f.size());
    long nonce = nonce(f.get(0));
    BigInteger gasPrice = f.get(1).str("gasPrice").uint("gasPrice");
    long gasLimit = f.get(2).str("gas").uint64("gas");
    Address to = to(f.get(3));
    BigInteger value = f.get(4).str("value").uint("value");
    Bytes data = Bytes.wrap(f.get(5).str("data").bytes());
    BigInteger v = f.get(6).str("v").uint("v");
    BigInteger r = f.get(7).str("r").uint("r");
    BigInteger s = f.get(8).str("s").uint("s");
    if (v.equals(BigInteger.valueOf(27)) || v.equals(BigInteger.valueOf(28))) {
      throw new InvalidTransactionException(UNPROTECTED);
    }
    if (v.compareTo(BigInteger.valueOf(35)) < 0) throw new InvalidTransactionException(INVALID_SIGNATURE);
    BigInteger txChain = v.subtract(BigInteger.valueOf(35)).shiftRight(1);
    checkChain(txChain);
    int recId = v.subtract(BigInteger.valueOf(35)).testBit(0) ? 1 : 0;
    byte[] signingHash = Keccak.hash(Rlp.encodeList(
        Rlp.encodeUint(nonce), Rlp.encodeUint(gasPrice), Rlp.encodeUint(gasLimit), encodeTo(to), Rlp.encodeUint(value),
        Rlp.encodeBytes(data.toArrayUnsafe()), Rlp.encodeUint(chainId), Rlp.encodeUint(0), Rlp.encodeUint(0)));
    Address sender = knownSender != null ? knownSender : recover(signingHash, r, s, recId);
    return new Transaction(TransactionType.LEGACY, chainId, nonce, gasPrice, gasPrice, gasLimit, to, value, data, List.of(),
        v, r, s, Bytes.wrap(raw.clone()), Keccak.hash(Bytes.wrap(raw)), sender);
  }

  private Transaction typed(byte[] raw, TransactionType type, Address knownSender) {
    Rlp.Seq f = Rlp.decode(raw, 1, raw.length - 1).seq("typed transaction");
    boolean is1559 = type == TransactionType.EIP1559;
    int expected = is1559 ? 12 : 11;
    if (f.size() != expected) throw new RlpException("a type " + type.code() + " transaction has " + expected + " fields, got " + f.size());
    int i = 0;
    BigInteger txChain = f.get(i++).str("chainId").uint("chainId");
    checkChain(txChain);
    long nonce = nonce(f.get(i++));
    BigInteger tip;
    BigInteger maxFee;
    if (is1559) {
      tip = f.get(i++).str("maxPriorityFeePerGas").uint("maxPriorityFeePerGas");
      maxFee = f.get(i++).str("maxFeePerGas").uint("maxFeePerGas");
      if (tip.compareTo(maxFee) > 0) {
        throw new InvalidTransactionException("max priority fee per gas higher than max fee per gas");
      }
    } else {
      tip = f.get(i++).str("gasPrice").uint("gasPrice");
      maxFee = tip;
    }
    long gasLimit = f.get(i++).str("gas").uint64("gas");
    Address to = to(f.get(i++));
    BigInteger value = f.get(i++).str("value").uint("value");
    Bytes data = Bytes.wrap(f.get(i++).str("data").bytes());
    List<AccessListEntry> accessList = accessList(f.get(i++));
    BigInteger yParity = f.get(i++).str("yParity").uint("yParity");
    BigInteger r = f.get(i++).str("r").uint("r");
    BigInteger s = f.get(i).str("s").uint("s");
    if (yParity.compareTo(BigInteger.ONE) > 0) throw new InvalidTransactionException(INVALID_SIGNATURE);
    // The signing payload is the type byte and the list without the three signature fields.
    List<byte[]> unsigned = new ArrayList<>();
    for (int k = 0; k < expected - 3; k++) unsigned.add(Rlp.encode(f.get(k)));
    byte[] payload = Rlp.encodeList(unsigned);
    byte[] typed = new byte[payload.length + 1];
    typed[0] = (byte) type.code();
    System.arraycopy(payload, 0, typed, 1, payload.length);
    Address sender = knownSender != null ? knownSender : recover(Keccak.hash(typed), r, s, yParity.intValue());
    return new Transaction(type, chainId, nonce, tip, maxFee, gasLimit, to, value, data, accessList, yParity, r, s,
        Bytes.wrap(raw.clone()), Keccak.hash(Bytes.wrap(raw)), sender);
  }

  private Address recover(byte[] hash, BigInteger r, BigInteger s, int recId) {
    Signatures.check(r, s, recId);
    return recovery.recover(hash, r, s, recId);
  }

  private void checkChain(BigInteger txChain) {
    if (!txChain.equals(BigInteger.valueOf(chainId))) {
      throw new InvalidTransactionException("invalid chain id for signer: have " + txChain + " want " + chainId);
    }
  }

  private static long nonce(Rlp.Item item) {
    BigInteger n = item.str("nonce").uint("nonce");
    if (n.compareTo(MAX_UINT64) >= 0) throw new InvalidTransactionException("nonce has max value");
    if (n.bitLength() > 63) throw new InvalidTransactionException("nonce has max value");
    return n.longValue();
  }

  private static Address to(Rlp.Item item) {
    byte[] b = item.str("to").bytes();
    if (b.length == 0) return null;
    if (b.length != 20) throw new RlpException("to must be 0 or 20 bytes, got " + b.length);
    return Address.wrap(b);
  }

  static byte[] encodeTo(Address to) {
    return Rlp.encodeBytes(to == null ? new byte[0] : to.toArrayUnsafe());
  }

  private static List<AccessListEntry> accessList(Rlp.Item item) {
    List<AccessListEntry> out = new ArrayList<>();
    for (Rlp.Item e : item.seq("accessList").items()) {
      Rlp.Seq entry = e.seq("access list entry");
      if (entry.size() != 2) throw new RlpException("an access list entry has 2 fields, got " + entry.size());
      byte[] address = entry.get(0).str("access list address").bytes();
      if (address.length != 20) throw new RlpException("an access list address is 20 bytes, got " + address.length);
      List<Bytes32> keys = new ArrayList<>();
      for (Rlp.Item k : entry.get(1).seq("storage keys").items()) {
        byte[] key = k.str("storage key").bytes();
        if (key.length != 32) throw new RlpException("a storage key is 32 bytes, got " + key.length);
        keys.add(Bytes32.wrap(key));
      }
      out.add(new AccessListEntry(Address.wrap(address), keys));
    }
    return out;
  }

}

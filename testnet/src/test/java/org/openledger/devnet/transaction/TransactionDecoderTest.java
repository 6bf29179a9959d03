package org.openledger.devnet.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openledger.devnet.Wallets.ALICE;
import static org.openledger.devnet.Wallets.GWEI;
import static org.openledger.devnet.Wallets.address;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.openledger.devnet.Wallets;
import org.openledger.devnet.crypto.Recoveries;
import org.openledger.devnet.rlp.Rlp;
import org.openledger.precompiles.Address;
import org.web3j.crypto.AccessListObject;

class TransactionDecoderTest {
  private final TransactionDecoder decoder = new TransactionDecoder(1337, Recoveries.best());
  private final Address to = Address.of(0xb0b);

  @Test
  void decodesAnEip155LegacyTransaction() {
    Transaction tx = decoder.decode(Wallets.legacy(ALICE, 1337, 4, to, BigInteger.TEN, Bytes.of(1, 0), 30_000, GWEI));
    assertThat(tx.type()).isEqualTo(TransactionType.LEGACY);
    assertThat(tx.sender()).isEqualTo(address(ALICE));
    assertThat(tx.nonce()).isEqualTo(4);
    assertThat(tx.maxFeePerGas()).isEqualTo(GWEI);
    assertThat(tx.maxPriorityFeePerGas()).isEqualTo(GWEI);
    assertThat(tx.v()).isIn(BigInteger.valueOf(1337 * 2 + 35), BigInteger.valueOf(1337 * 2 + 36));
    assertThat(tx.chainId()).isEqualTo(1337);
  }

  @Test
  void decodesAnEip1559Transaction() {
    Transaction tx = decoder.decode(Wallets.eip1559(ALICE, 0, to, BigInteger.ONE, Bytes.EMPTY, 21_000, BigInteger.TWO, BigInteger.TEN));
    assertThat(tx.type()).isEqualTo(TransactionType.EIP1559);
    assertThat(tx.maxPriorityFeePerGas()).isEqualTo(BigInteger.TWO);
    assertThat(tx.maxFeePerGas()).isEqualTo(BigInteger.TEN);
    assertThat(tx.sender()).isEqualTo(address(ALICE));
  }

  @Test
  void decodesAnEip2930TransactionWithItsAccessList() {
    List<AccessListObject> al = List.of(new AccessListObject(to.toHexString(),
        List.of("0x" + "00".repeat(31) + "01", "0x" + "00".repeat(31) + "02")));
    Transaction tx = decoder.decode(Wallets.accessList(ALICE, 0, to, BigInteger.ONE, Bytes.EMPTY, 30_000, GWEI, al));
    assertThat(tx.type()).isEqualTo(TransactionType.ACCESS_LIST);
    assertThat(tx.accessList()).hasSize(1);
    assertThat(tx.accessList().get(0).storageKeys()).hasSize(2);
    assertThat(tx.sender()).isEqualTo(address(ALICE));
  }

  @Test
  void intrinsicGasChargesCalldataBytesAndTheAccessList() {
    List<AccessListEntry> al = List.of(new AccessListEntry(to, List.of(org.apache.tuweni.bytes.Bytes32.ZERO)));
    assertThat(IntrinsicGas.of(Bytes.of(0, 1, 2), al)).isEqualTo(21_000 + 4 + 16 + 16 + 2_400 + 1_900);
  }

  @Test
  void refusesAnUnprotectedLegacyTransaction() {
    assertThatThrownBy(() -> decoder.decode(Wallets.unprotected(ALICE, 0, to, BigInteger.ONE)))
        .isInstanceOf(InvalidTransactionException.class).hasMessage(TransactionDecoder.UNPROTECTED);
  }

  @Test
  void refusesAnotherChainsTransaction() {
    assertThatThrownBy(() -> decoder.decode(Wallets.legacy(ALICE, 1, 0, to, BigInteger.ONE, Bytes.EMPTY, 21_000, GWEI)))
        .isInstanceOf(InvalidTransactionException.class).hasMessage("invalid chain id for signer: have 1 want 1337");
  }

  @Test
  void refusesAHighSSignature() {
    byte[] raw = Wallets.eip1559(ALICE, 0, to, BigInteger.ONE, Bytes.EMPTY, 21_000);
    Rlp.Seq f = Rlp.decode(Arrays.copyOfRange(raw, 1, raw.length)).seq("tx");
    BigInteger s = f.get(11).str("s").uint("s");
    BigInteger highS = org.openledger.devnet.crypto.Signatures.N.subtract(s);
    byte[] tampered = retype(f, 11, Rlp.encodeUint(highS));
    assertThatThrownBy(() -> decoder.decode(tampered)).isInstanceOf(InvalidTransactionException.class)
        .hasMessage(TransactionDecoder.INVALID_SIGNATURE);
  }

  @Test
  void refusesAYParityAboveOne() {
    byte[] raw = Wallets.eip1559(ALICE, 0, to, BigInteger.ONE, Bytes.EMPTY, 21_000);
    Rlp.Seq f = Rlp.decode(Arrays.copyOfRange(raw, 1, raw.length)).seq("tx");
    assertThatThrownBy(() -> decoder.decode(retype(f, 9, Rlp.encodeUint(2)))).isInstanceOf(InvalidTransactionException.class)
        .hasMessage(TransactionDecoder.INVALID_SIGNATURE);
  }

  @Test
  void aTamperedFieldRecoversAnotherSender() {
    byte[] raw = Wallets.eip1559(ALICE, 0, to, BigInteger.ONE, Bytes.EMPTY, 21_000);
    Rlp.Seq f = Rlp.decode(Arrays.copyOfRange(raw, 1, raw.length)).seq("tx");
    Transaction tx = decoder.decode(retype(f, 6, Rlp.encodeUint(BigInteger.TWO)));
    assertThat(tx.sender()).isNotEqualTo(address(ALICE));
  }

  @Test
  void refusesTrailingBytes() {
    byte[] raw = Wallets.eip1559(ALICE, 0, to, BigInteger.ONE, Bytes.EMPTY, 21_000);
    byte[] longer = Arrays.copyOf(raw, raw.length + 1);
    assertThatThrownBy(() -> decoder.decode(longer)).isInstanceOf(InvalidTransactionException.class).hasMessageStartingWith("rlp: ");
  }

  @Test
  void refusesMalformedRlp() {
    assertThatThrownBy(() -> decoder.decode(new byte[] {(byte) 0xf8, 0x01})).isInstanceOf(InvalidTransactionException.class)
        .hasMessageStartingWith("rlp: ");
  }

  @Test
  void refusesBlobAndUnknownTransactionTypes() {
    assertThatThrownBy(() -> decoder.decode(new byte[] {3, (byte) 0xc0})).isInstanceOf(InvalidTransactionException.class)
        .hasMessage(TransactionDecoder.TYPE_NOT_SUPPORTED);
  }

  @Test
  void refusesAPriorityFeeAboveTheFeeCap() {
    byte[] raw = Wallets.eip1559(ALICE, 0, to, BigInteger.ONE, Bytes.EMPTY, 21_000, BigInteger.TEN, BigInteger.TWO);
    assertThatThrownBy(() -> decoder.decode(raw)).isInstanceOf(InvalidTransactionException.class)
        .hasMessage("max priority fee per gas higher than max fee per gas");
  }

  @Test
  void theHashIsTheKeccakOfTheRawBytes() {
    byte[] raw = Wallets.transfer(ALICE, 0, to, BigInteger.ONE);
    assertThat(decoder.decode(raw).hash()).isEqualTo(org.openledger.precompiles.Keccak.hash(Bytes.wrap(raw)));
  }

  /** An EIP-1559 transaction with field {@code index} replaced. */
  private static byte[] retype(Rlp.Seq fields, int index, byte[] replacement) {
    List<byte[]> items = new java.util.ArrayList<>();
    for (int i = 0; i < fields.size(); i++) items.add(i == index ? replacement : Rlp.encode(fields.get(i)));
    byte[] body = Rlp.encodeList(items);
    byte[] out = new byte[body.length + 1];
    out[0] = 2;
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }
}

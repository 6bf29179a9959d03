package org.openledger.precompiles.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.openledger.precompiles.Address;
import org.web3j.crypto.Hash;

/** Slots equal Solidity's storage layout. Fixed vectors are the well-known keccak values Solidity tooling uses. */
class SlotTest {

  static Bytes32 hex(String h) {
    return Bytes32.fromHexString(h);
  }

  @Test
  void dynamicArrayAtSlotZeroKeepsItsElementsAtKeccakOfZero() {
    assertThat(Slot.at(0).arrayData().key()).isEqualTo(hex("0x290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e563"));
  }

  @Test
  void dynamicArrayAtSlotOneKeepsItsElementsAtKeccakOfOne() {
    assertThat(Slot.at(1).arrayData().key()).isEqualTo(hex("0xb10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cf6"));
  }

  @Test
  void uintKeyZeroOfAMappingAtSlotZeroIsKeccakOfSixtyFourZeroBytes() {
    assertThat(Slot.at(0).mapping(0).key()).isEqualTo(hex("0xad3228b676f7d3cd4284a5443f17f1962b36e491b30a40b2405849e597ba5fb5"));
  }

  @Test
  void emptyStringKeyIsHashedUnpaddedSoItEqualsTheArrayDataSlot() {
    assertThat(Slot.at(0).mapping("")).isEqualTo(Slot.at(0).arrayData());
  }

  @Test
  void arrayElementsFollowEachOtherFromTheDataSlot() {
    Slot data = Slot.at(5).arrayData();
    assertThat(Slot.at(5).element(3).key().toUnsignedBigInteger()).isEqualTo(data.key().toUnsignedBigInteger().add(BigInteger.valueOf(3)));
    assertThat(Slot.at(5).element(BigInteger.TWO, 3)).isEqualTo(data.offset(BigInteger.valueOf(6)));
  }

  @Test
  void slotArithmeticWrapsAroundTwoToThe256() {
    Slot last = new Slot(Bytes32.fromHexString("0x" + "ff".repeat(32)));
    assertThat(last.field(2)).isEqualTo(Slot.at(1));
  }

  @Property(tries = 200)
  void addressKeyedMappingIsKeccakOfPaddedKeyThenSlot(@ForAll byte[] seed, @ForAll @LongRange(min = 0, max = 1000) long position) {
    byte[] raw = new byte[20];
    for (int i = 0; i < Math.min(20, seed.length); i++) raw[i] = seed[i];
    Address key = Address.wrap(raw);
    String expected = Hash.sha3("0x" + "00".repeat(12) + Hex.toHexString(raw) + word(position));
    assertThat(Slot.at(position).mapping(key).key()).isEqualTo(hex(expected));
  }

  @Property(tries = 200)
  void nestedMappingHashesTheInnerKeyWithTheOuterSlot(@ForAll @LongRange(min = 0) long outerKey, @ForAll @LongRange(min = 0) long innerKey) {
    String outer = Hash.sha3("0x" + word(outerKey) + word(3));
    String inner = Hash.sha3("0x" + word(innerKey) + outer.substring(2));
    assertThat(Slot.at(3).mapping(outerKey).mapping(innerKey).key()).isEqualTo(hex(inner));
  }

  @Property(tries = 200)
  void bytesKeysAreHashedUnpadded(@ForAll byte[] key) {
    String expected = Hash.sha3("0x" + Hex.toHexString(key) + word(7));
    assertThat(Slot.at(7).mappingBytes(Bytes.wrap(key)).key()).isEqualTo(hex(expected));
  }

  static String word(long v) {
    return String.format("%064x", v);
  }
}

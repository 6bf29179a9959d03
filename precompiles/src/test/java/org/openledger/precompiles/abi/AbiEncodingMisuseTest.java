package org.openledger.precompiles.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.openledger.precompiles.Address;

/** Encoding refuses, with {@link IllegalArgumentException}, any value that is not a value of its type. */
class AbiEncodingMisuseTest {

  private static final BigInteger TWO_TO_256 = BigInteger.ONE.shiftLeft(256);

  @Test
  void uint8Of256IsRefused() {
    assertRefused("uint8", BigInteger.valueOf(256));
  }

  @Test
  void uint8Of255IsItsLastByte() {
    assertThat(encode("uint8", BigInteger.valueOf(255))).isEqualTo(word("ff"));
  }

  @Test
  void int8OfMinus129IsRefused() {
    assertRefused("int8", BigInteger.valueOf(-129));
  }

  @Test
  void int8Of128IsRefused() {
    assertRefused("int8", BigInteger.valueOf(128));
  }

  @Test
  void int8OfMinus128IsSignExtended() {
    assertThat(encode("int8", BigInteger.valueOf(-128))).isEqualTo(Bytes.fromHexString("ff".repeat(31) + "80").toArray());
  }

  @Test
  void aNegativeUintIsRefused() {
    assertRefused("uint256", BigInteger.ONE.negate());
    assertRefused("uint8", -1);
  }

  @Test
  void uint256Of2To256IsRefused() {
    assertRefused("uint256", TWO_TO_256);
  }

  @Test
  void uint256Of2To256Minus1IsAllOnes() {
    assertThat(encode("uint256", TWO_TO_256.subtract(BigInteger.ONE))).isEqualTo(Bytes.fromHexString("ff".repeat(32)).toArray());
  }

  @Test
  void int256Below2To255IsRefused() {
    assertRefused("int256", BigInteger.ONE.shiftLeft(255).negate().subtract(BigInteger.ONE));
  }

  @Test
  void longAndIntegerAreAcceptedForIntegers() {
    assertThat(encode("uint64", 7L)).isEqualTo(encode("uint64", BigInteger.valueOf(7)));
    assertThat(encode("int32", -7)).isEqualTo(encode("int32", BigInteger.valueOf(-7)));
  }

  @Test
  void bytes4GivenThreeBytesIsRefused() {
    assertRefused("bytes4", Bytes.fromHexString("0x010203"));
  }

  @Test
  void bytes4GivenFiveBytesIsRefused() {
    assertRefused("bytes4", new byte[5]);
  }

  @Test
  void wrongParameterListArityIsRefused() {
    AbiType.Tuple types = (AbiType.Tuple) AbiType.parse("(uint8,bool)");

    assertThatThrownBy(() -> AbiCodec.encode(types, List.of(BigInteger.ONE))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AbiCodec.encode(types, List.of(BigInteger.ONE, true, true))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void wrongNestedTupleArityIsRefused() {
    assertRefused("(uint8,bool)", List.of(BigInteger.ONE));
  }

  @Test
  void wrongCallArityIsRefused() {
    assertThatThrownBy(() -> AbiCodec.encodeCall(new byte[4], (AbiType.Tuple) AbiType.parse("(bool)"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFixedArrayOfTheWrongLengthIsRefused() {
    assertRefused("uint8[2]", List.of(BigInteger.ONE));
    assertRefused("uint8[2]", List.of(BigInteger.ONE, BigInteger.ONE, BigInteger.ONE));
  }

  @Test
  void aValueOutOfRangeDeepInsideIsRefused() {
    assertRefused("(uint8[],string)[]", List.of(List.of(List.of(BigInteger.valueOf(256)), "x")));
  }

  @Test
  void aValueOfTheWrongJavaClassIsRefused() {
    assertRefused("address", "0x0000000000000000000000000000000000000001");
    assertRefused("bool", 1);
    assertRefused("uint256", "1");
    assertRefused("bytes", "0x01");
    assertRefused("string", Bytes.of(0x61));
    assertRefused("uint8[]", new BigInteger[] {BigInteger.ONE});
  }

  @Test
  void nullIsRefused() {
    assertRefused("(address)", Arrays.asList((Object) null));
    assertRefused("(uint256)", Arrays.asList((Object) null));
    assertRefused("(string)", Arrays.asList((Object) null));
  }

  @Test
  void aNullSingleValueIsRefused() {
    assertRefused("bool", null);
  }

  @Test
  void aStringWithAnUnpairedSurrogateIsRefused() {
    // String.getBytes(UTF_8) would have encoded it as '?'
    assertRefused("string", "a\uD800b");
  }

  @Test
  void aSelectorOtherThanFourBytesIsRefused() {
    AbiType.Tuple none = new AbiType.Tuple(List.of());

    assertThatThrownBy(() -> AbiCodec.encodeCall(new byte[3], none, List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AbiCodec.encodeCall(new byte[5], none, List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anAddressIsItsTwentyBytesRightAligned() {
    Address a = Address.fromHex("0x" + "ab".repeat(20));

    assertThat(encode("address", a)).isEqualTo(word("ab".repeat(20)));
  }

  private static byte[] encode(String type, Object value) {
    return AbiCodec.encodeSingle(AbiType.parse(type), value);
  }

  private static void assertRefused(String type, Object value) {
    assertThatThrownBy(() -> encode(type, value)).isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] word(String lowHex) {
    return Bytes.fromHexString("00".repeat(32 - lowHex.length() / 2) + lowHex).toArray();
  }
}

package org.openledger.precompiles.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.HexFormat;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.openledger.precompiles.Address;

/**
 * The decoder is as strict as Solidity's ABI coder v2: data that is short, points outside itself, or
 * is not the canonical encoding of its type is refused with {@link MalformedAbiException}.
 */
class AbiDecodingStrictnessTest {

  // ------------------------------------------------------------------ short data and bounds

  private static String w(long v) {
    return String.format("%064x", v);
  }

  @Test
  void offsetsThatAliasOneArrayAreRefusedBeforeTheyMultiplyTheWork() {
    // uint256[][] with three offsets all pointing at one inner array [7, 8]: 8 words of data that
    // would decode to 9 values; the canonical encoding of the same values takes 14 words.
    String hex = w(32) + w(3) + w(96) + w(96) + w(96) + w(2) + w(7) + w(8);
    AbiType.Tuple t = (AbiType.Tuple) AbiType.parse("(uint256[][])");
    assertThatThrownBy(() -> AbiCodec.decode(t, HexFormat.of().parseHex(hex)))
        .isInstanceOf(MalformedAbiException.class).hasMessageContaining("offsets overlap");
  }

  @Test
  void theCanonicalEncodingOfTheSameValuesDecodes() {
    AbiType.Tuple t = (AbiType.Tuple) AbiType.parse("(uint256[][])");
    java.util.List<Object> inner = java.util.List.of(BigInteger.valueOf(7), BigInteger.valueOf(8));
    java.util.List<Object> values = java.util.List.of(java.util.List.of(inner, inner, inner));
    assertThat(AbiCodec.decode(t, AbiCodec.encode(t, values))).isEqualTo(values);
  }

  @Test
  void dataShorterThanTheHeadIsRefused() {
    assertMalformed("(uint256)", new byte[31]);
  }

  @Test
  void emptyDataIsRefusedForANonEmptyParameterList() {
    assertMalformed("(bool)", new byte[0]);
  }

  @Test
  void emptyDataIsTheEmptyParameterList() {
    assertThat(AbiCodec.decode(types("()"), new byte[0])).isEmpty();
  }

  @Test
  void aStaticTupleMissingItsLastWordIsRefused() {
    assertMalformed("(uint256,(uint256,uint256))", data(word(1), word(2)));
  }

  @Test
  void aFixedArrayLongerThanTheDataIsRefused() {
    assertMalformed("(uint256[3])", data(word(1), word(2)));
  }

  @Test
  void anOffsetPointingPastTheEndIsRefused() {
    assertMalformed("(bytes)", data(word(0x40), word(0)));
  }

  @Test
  void anOffsetLeavingNoRoomForTheLengthWordIsRefused() {
    // the offset is inside the data, but the length word at 0x30 would run past its end
    assertMalformed("(bytes)", data(word(0x30), word(0)));
  }

  @Test
  void anOffsetAbove2To32IsRefused() {
    assertMalformed("(bytes)", data(word("0100000020"), word(0)));
  }

  @Test
  void anOffsetOf2To256Minus1IsRefused() {
    assertMalformed("(string)", data(word("ff".repeat(32)), word(0)));
  }

  @Test
  void anOffsetInsideANestedValueIsRelativeToThatValueAndBoundedByTheData() {
    // (uint256[])[] with one element whose inner offset 0x1000 points far outside
    assertMalformed("((uint256[])[])", data(word(0x20), word(1), word(0x20), word(0x1000)));
  }

  @Test
  void anArrayLengthOf2To31Minus1IsRefusedWithoutAllocating() {
    // an ArrayList of that capacity would be an OutOfMemoryError, not a MalformedAbiException
    assertMalformed("(uint256[])", data(word(0x20), word(Integer.MAX_VALUE)));
  }

  @Test
  void anArrayLengthOf2To31Minus1OfDynamicElementsIsRefusedWithoutAllocating() {
    assertMalformed("(string[])", data(word(0x20), word(Integer.MAX_VALUE), word(0x20)));
  }

  @Test
  void anArrayLengthAbove2To32IsRefused() {
    assertMalformed("(uint8[])", data(word(0x20), word("ff".repeat(32))));
  }

  @Test
  void anArrayLengthOneMoreThanTheDataHoldsIsRefused() {
    assertMalformed("(uint256[])", data(word(0x20), word(3), word(1), word(2)));
  }

  @Test
  void aBytesLengthOf2To31Minus1IsRefused() {
    // rounding this length up to whole words overflows an int
    assertMalformed("(bytes)", data(word(0x20), word(Integer.MAX_VALUE), word(0)));
  }

  @Test
  void aStringLengthLargerThanTheDataIsRefused() {
    assertMalformed("(string)", data(word(0x20), word(33), word(0)));
  }

  @Test
  void nothingBeyondTheGivenWindowIsRead() {
    // the array holds the whole word, but the window ends one byte before its end
    byte[] calldata = data(word(7));
    assertThatThrownBy(() -> AbiCodec.decode(types("(uint256)"), calldata, 0, 31))
        .isInstanceOf(MalformedAbiException.class);
  }

  @Test
  void offsetsAreRelativeToTheStartOfTheWindow() {
    byte[] calldata = concat(new byte[] {1, 2, 3, 4}, stringData("61"));

    assertThat(AbiCodec.decode(types("(string)"), calldata, 4, calldata.length - 4)).containsExactly("a");
  }

  @Test
  void aWindowOutsideTheArrayIsAnIndexError() {
    // a caller bug, not malformed data
    assertThatThrownBy(() -> AbiCodec.decode(types("(uint256)"), new byte[32], 16, 32))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> AbiCodec.decode(types("(uint256)"), new byte[32], Integer.MAX_VALUE, 1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void trailingBytesAfterTheEncodingAreIgnored() {
    assertThat(AbiCodec.decode(types("(uint8)"), data(word(5), word("ff".repeat(32)), "abcd")))
        .containsExactly(BigInteger.valueOf(5));
  }

  // ------------------------------------------------------------------ canonical words

  @Test
  void uint8WithAHighBitSetIsRefused() {
    assertMalformed("(uint8)", data(word(0x100)));
  }

  @Test
  void uint8MaximumIsAccepted() {
    assertThat(AbiCodec.decode(types("(uint8)"), data(word(0xff)))).containsExactly(BigInteger.valueOf(255));
  }

  @Test
  void uint248WithTheTopByteSetIsRefused() {
    assertMalformed("(uint248)", data(word("01" + "00".repeat(31))));
  }

  @Test
  void addressWithAnyOfTheTwelveHighBytesSetIsRefused() {
    assertMalformed("(address)", data(word("01" + "00".repeat(11) + "11".repeat(20))));
    assertMalformed("(address)", data(word("00".repeat(11) + "01" + "11".repeat(20))));
  }

  @Test
  void addressIsTheLowTwentyBytes() {
    assertThat(AbiCodec.decode(types("(address)"), data(word("11".repeat(20)))))
        .containsExactly(Address.fromHex("0x" + "11".repeat(20)));
  }

  @Test
  void boolOtherThanZeroOrOneIsRefused() {
    assertMalformed("(bool)", data(word(2)));
    assertMalformed("(bool)", data(word(0xff)));
    assertMalformed("(bool)", data(word("01" + "00".repeat(30) + "01")));
  }

  @Test
  void boolZeroAndOneAreFalseAndTrue() {
    assertThat(AbiCodec.decode(types("(bool,bool)"), data(word(0), word(1)))).containsExactly(false, true);
  }

  @Test
  void int8NotSignExtendedIsRefused() {
    // -128 as one byte without the 31 bytes of 0xff in front
    assertMalformed("(int8)", data(word(0x80)));
    assertMalformed("(int8)", data(word(0xff)));
  }

  @Test
  void int8SignExtendedBeyondItsRangeIsRefused() {
    // 0xff..ff7f is -129
    assertMalformed("(int8)", data(word("ff".repeat(31) + "7f")));
  }

  @Test
  void int8SignExtendedIsAccepted() {
    assertThat(AbiCodec.decode(types("(int8,int8)"), data(word("ff".repeat(31) + "80"), word(0x7f))))
        .containsExactly(BigInteger.valueOf(-128), BigInteger.valueOf(127));
  }

  @Test
  void int256UsesAllThirtyTwoBytes() {
    assertThat(AbiCodec.decode(types("(int256)"), data(word("80" + "00".repeat(31)))))
        .containsExactly(BigInteger.ONE.shiftLeft(255).negate());
  }

  @Test
  void nonZeroPaddingAfterBytes4IsRefused() {
    assertMalformed("(bytes4)", data("01020304" + "00".repeat(27) + "01"));
  }

  @Test
  void bytes4IsTheHighFourBytes() {
    assertThat(AbiCodec.decode(types("(bytes4)"), data("01020304" + "00".repeat(28))))
        .containsExactly(Bytes.fromHexString("0x01020304"));
  }

  @Test
  void nonZeroPaddingAfterDynamicBytesIsRefused() {
    assertMalformed("(bytes)", data(word(0x20), word(3), "010203" + "00".repeat(28) + "01"));
  }

  @Test
  void nonZeroPaddingAfterAStringIsRefused() {
    assertMalformed("(string)", data(word(0x20), word(1), "61" + "00".repeat(30) + "ff"));
  }

  @Test
  void dynamicBytesWithoutTheirPaddingWordAreRefused() {
    // the length says 3 bytes, which take a whole (zero padded) word; the data ends after the bytes
    assertMalformed("(bytes)", data(word(0x20), word(3), "010203"));
  }

  @Test
  void invalidUtf8InAStringIsRefused() {
    assertMalformed("(string)", stringData("ff"));
  }

  @Test
  void anOverlongUtf8EncodingIsRefused() {
    // "/" as two bytes
    assertMalformed("(string)", stringData("c0af"));
  }

  @Test
  void aUtf8EncodedSurrogateIsRefused() {
    assertMalformed("(string)", stringData("eda080"));
  }

  @Test
  void aTruncatedUtf8SequenceIsRefused() {
    assertMalformed("(string)", stringData("e282"));
  }

  @Test
  void fourByteUtf8IsAccepted() {
    assertThat(AbiCodec.decode(types("(string)"), stringData("f09f988061"))).containsExactly("\uD83D\uDE00a");
  }

  // ------------------------------------------------------------------ helpers

  private static void assertMalformed(String type, byte[] data) {
    assertThatThrownBy(() -> AbiCodec.decode(types(type), data)).isInstanceOf(MalformedAbiException.class);
  }

  private static AbiType.Tuple types(String canonical) {
    return (AbiType.Tuple) AbiType.parse(canonical);
  }

  /** A one-string parameter list whose string is the given UTF-8 bytes. */
  private static byte[] stringData(String utf8Hex) {
    return data(word(0x20), word(utf8Hex.length() / 2), utf8Hex + "00".repeat(32 - utf8Hex.length() / 2));
  }

  /** A 32-byte word holding {@code v}, big-endian. */
  private static String word(long v) {
    return word(Long.toHexString(v));
  }

  /** A 32-byte word whose low bytes are {@code hex}. */
  private static String word(String hex) {
    String even = hex.length() % 2 == 0 ? hex : "0" + hex;
    return "00".repeat(32 - even.length() / 2) + even;
  }

  private static byte[] data(String... hexParts) {
    return HexFormat.of().parseHex(String.join("", hexParts));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) out.writeBytes(p);
    return out.toByteArray();
  }
}

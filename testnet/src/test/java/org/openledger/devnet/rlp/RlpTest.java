package org.openledger.devnet.rlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RlpTest {
  private static byte[] hex(String h) {
    return HexFormat.of().parseHex(h);
  }

  @Test
  void encodesTheYellowPaperExamples() {
    assertThat(Rlp.encodeBytes("dog".getBytes())).isEqualTo(hex("83646f67"));
    assertThat(Rlp.encodeList(Rlp.encodeBytes("cat".getBytes()), Rlp.encodeBytes("dog".getBytes()))).isEqualTo(hex("c88363617483646f67"));
    assertThat(Rlp.encodeUint(0)).isEqualTo(hex("80"));
    assertThat(Rlp.encodeUint(15)).isEqualTo(hex("0f"));
    assertThat(Rlp.encodeUint(1024)).isEqualTo(hex("820400"));
    assertThat(Rlp.encodeBytes(new byte[56])).startsWith(hex("b838"));
  }

  @Test
  void decodingThenEncodingGivesBackTheSameBytes() {
    byte[] encoded = Rlp.encodeList(Rlp.encodeUint(BigInteger.TWO.pow(200)), Rlp.encodeBytes(new byte[100]), Rlp.encodeList());
    assertThat(Rlp.encode(Rlp.decode(encoded))).isEqualTo(encoded);
  }

  @Test
  void refusesTrailingBytes() {
    assertThatThrownBy(() -> Rlp.decode(hex("83646f6700"))).isInstanceOf(RlpException.class).hasMessageContaining("trailing");
  }

  @Test
  void refusesASingleSmallByteWrappedInAStringHeader() {
    assertThatThrownBy(() -> Rlp.decode(hex("8105"))).isInstanceOf(RlpException.class).hasMessageContaining("itself");
  }

  @Test
  void refusesTheLongFormForAShortString() {
    assertThatThrownBy(() -> Rlp.decode(hex("b803646f67"))).isInstanceOf(RlpException.class).hasMessageContaining("below 56");
  }

  @Test
  void refusesALongLengthWithALeadingZero() {
    byte[] data = new byte[3 + 56];
    data[0] = (byte) 0xb9;
    data[1] = 0;
    data[2] = 56;
    assertThatThrownBy(() -> Rlp.decode(data)).isInstanceOf(RlpException.class).hasMessageContaining("leading zero");
  }

  @Test
  void refusesAnItemRunningPastTheInput() {
    assertThatThrownBy(() -> Rlp.decode(hex("c88363617483646f"))).isInstanceOf(RlpException.class).hasMessageContaining("past the end");
  }

  @Test
  void refusesAnIntegerWithALeadingZeroByte() {
    Rlp.Str s = Rlp.decode(hex("820001")).str("n");
    assertThatThrownBy(() -> s.uint("nonce")).isInstanceOf(RlpException.class).hasMessageContaining("nonce has a leading zero");
  }

  @Test
  void theLongIntegerEncoderAgreesWithTheBigIntegerOne() {
    for (long v : new long[] {0, 1, 0x7f, 0x80, 0xff, 0x100, 0xffff, 1L << 40, Long.MAX_VALUE}) {
      assertThat(Rlp.encodeUint(v)).as("%d", v).isEqualTo(Rlp.encodeUint(BigInteger.valueOf(v)));
    }
  }

  @Test
  void lengthsAreThoseOfTheEncodings() {
    for (int n : new int[] {0, 1, 55, 56, 255, 256, 70_000}) {
      assertThat(Rlp.listLength(n)).isEqualTo(Rlp.encodeList(new byte[n]).length);
      assertThat(Rlp.bytesLength(n, 0x80)).isEqualTo(Rlp.encodeBytes(filled(n, 0x80)).length);
    }
    assertThat(Rlp.bytesLength(1, 0x05)).isEqualTo(1);
  }

  private static byte[] filled(int n, int b) {
    byte[] out = new byte[n];
    java.util.Arrays.fill(out, (byte) b);
    return out;
  }
}

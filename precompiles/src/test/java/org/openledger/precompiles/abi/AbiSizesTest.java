package org.openledger.precompiles.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/** Gas rules' size reading ({@link AbiCodec#dynamicLength}) and the ≤ 64-bit integer fast path. */
class AbiSizesTest {
  private static final AbiType.Tuple CALL = (AbiType.Tuple) AbiType.parse("(uint256,int64[],bytes,int64[])");

  private static byte[] calldata(List<Object> values) {
    byte[] args = AbiCodec.encode(CALL, values);
    byte[] out = new byte[4 + args.length];
    System.arraycopy(args, 0, out, 4, args.length);
    return out;
  }

  @Property(tries = 200)
  void dynamicLengthIsWhatDecodingFinds(@ForAll @Size(max = 300) List<Long> a, @ForAll @Size(max = 700) byte[] b, @ForAll @Size(max = 50) List<Long> c) {
    byte[] data = calldata(List.of(BigInteger.TEN, a.stream().map(BigInteger::valueOf).toList(), Bytes.wrap(b), c.stream().map(BigInteger::valueOf).toList()));
    assertThat(AbiCodec.dynamicLength(data, 4, 1)).isEqualTo(a.size());
    assertThat(AbiCodec.dynamicLength(data, 4, 2)).isEqualTo(b.length);
    assertThat(AbiCodec.dynamicLength(data, 4, 3)).isEqualTo(c.size());
    List<Object> decoded = AbiCodec.decode(CALL, data, 4, data.length - 4);
    assertThat(decoded.get(1)).isEqualTo(a.stream().map(BigInteger::valueOf).toList());
    assertThat(decoded.get(3)).isEqualTo(c.stream().map(BigInteger::valueOf).toList());
  }

  @Test
  void dynamicLengthOfTruncatedCalldataIsZero() {
    byte[] data = calldata(List.of(BigInteger.ONE, List.of(BigInteger.TWO), Bytes.wrap(new byte[40]), List.of()));
    assertThat(AbiCodec.dynamicLength(Arrays.copyOf(data, 4 + 64), 4, 2)).isZero();
    assertThat(AbiCodec.dynamicLength(new byte[3], 4, 0)).isZero();
  }

  @Test
  void int64ExtremesDecodeExactly() {
    AbiType.Tuple t = (AbiType.Tuple) AbiType.parse("(int64,int64,uint64,uint56)");
    List<Object> values = List.of(BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE),
        BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(56).subtract(BigInteger.ONE));
    assertThat(AbiCodec.decode(t, AbiCodec.encode(t, values))).isEqualTo(values);
  }

  @Test
  void anInt64WhoseHighBytesAreNotItsSignIsRefused() {
    byte[] word = new byte[32];
    word[24] = (byte) 0x80; // int64 -2^63 in the low bytes, high bytes zero instead of 0xff
    assertThatThrownBy(() -> AbiCodec.decode((AbiType.Tuple) AbiType.parse("(int64)"), word)).isInstanceOf(MalformedAbiException.class);
  }
}

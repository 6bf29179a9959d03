package org.openledger.contracts.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.openledger.precompiles.Keccak;

class FixedMlpTest {

  /** A 3 → 2 → 3 model small enough to check by hand. */
  private static final FixedMlp TINY = new FixedMlp(3, 2, 3, 1, 2,
      new short[] {1, -2, 3, 4, 5, -6}, new long[] {10, -20},
      new short[] {1, 2, -1, 0, 3, -4}, new long[] {0, 5, -7});

  private static final byte[] PIXELS = {1, 2, (byte) 255};

  private static final String TINY_ENCODING = "0003" + "0002" + "0003" + "01" + "02"
      + "0001" + "fffe" + "0003" + "0004" + "0005" + "fffa"
      + "000000000000000a" + "ffffffffffffffec"
      + "0001" + "0002" + "ffff" + "0000" + "0003" + "fffc"
      + "0000000000000000" + "0000000000000005" + "fffffffffffffff9";

  @Test
  void preActivationIsTheBiasPlusTheWeightedRawPixels() {
    // 10 + 1·1 − 2·2 + 3·255 and −20 + 4·1 + 5·2 − 6·255
    assertThat(TINY.preActivation(0, PIXELS)).isEqualTo(772);
    assertThat(TINY.preActivation(1, PIXELS)).isEqualTo(-1536);
  }

  @Test
  void reluZeroesANegativePreActivation() {
    assertThat(TINY.activations(PIXELS)).containsExactly(772, 0);
  }

  @Test
  void logitsOfTheGoldenVector() {
    // 0 + 1·772, 5 − 1·772, −7 + 3·772
    assertThat(TINY.logits(PIXELS)).containsExactly(772, -767, 2309);
    assertThat(TINY.predict(PIXELS)).isEqualTo(2);
  }

  @Test
  void tiesGoToTheLowestClass() {
    FixedMlp flat = new FixedMlp(1, 1, 3, 0, 0, new short[] {1}, new long[] {0}, new short[] {0, 0, 0}, new long[] {4, 9, 9});
    assertThat(flat.predict(new byte[] {7})).isEqualTo(1);
  }

  @Test
  void encodingIsBigEndianWithTheShapesFirst() {
    assertThat(HexFormat.of().formatHex(TINY.encoding())).isEqualTo(TINY_ENCODING);
    assertThat(TINY.encoding()).hasSize(FixedMlp.encodedLength(3, 2, 3));
  }

  @Test
  void weightsRootIsTheKeccakOfTheEncoding() {
    assertThat(TINY.weightsRoot().toArrayUnsafe()).isEqualTo(Keccak.hash(HexFormat.of().parseHex(TINY_ENCODING)));
  }

  @Test
  void decodingAnEncodingGivesTheSameModel() {
    assertThat(FixedMlp.decode(TINY.encoding())).isEqualTo(TINY);
  }

  @Test
  void decodingRefusesTruncatedAndTrailingBytes() {
    byte[] enc = TINY.encoding();
    assertThatThrownBy(() -> FixedMlp.decode(Arrays.copyOf(enc, enc.length - 1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FixedMlp.decode(Arrays.copyOf(enc, enc.length + 1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FixedMlp.decode(new byte[3])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void worstCaseInputsStayExactInInt64() {
    int f = FixedMlp.MAX_INPUTS;
    int h = FixedMlp.MAX_HIDDEN;
    short[] w1 = new short[h * f];
    Arrays.fill(w1, Short.MAX_VALUE);
    long[] b1 = new long[h];
    Arrays.fill(b1, FixedMlp.MAX_HIDDEN_BIAS);
    short[] w2 = new short[2 * h];
    Arrays.fill(w2, 0, h, Short.MAX_VALUE);
    Arrays.fill(w2, h, 2 * h, (short) -Short.MAX_VALUE);
    long[] b2 = {FixedMlp.MAX_OUTPUT_BIAS, -FixedMlp.MAX_OUTPUT_BIAS};
    FixedMlp extreme = new FixedMlp(f, h, 2, 0, 0, w1, b1, w2, b2);
    byte[] white = new byte[f];
    Arrays.fill(white, (byte) 255);

    BigInteger pre = BigInteger.valueOf(FixedMlp.MAX_HIDDEN_BIAS).add(BigInteger.valueOf(f).multiply(BigInteger.valueOf(32767L * 255)));
    BigInteger sum = BigInteger.valueOf(h).multiply(BigInteger.valueOf(32767)).multiply(pre);
    BigInteger top = BigInteger.valueOf(FixedMlp.MAX_OUTPUT_BIAS).add(sum);
    assertThat(top.bitLength()).isLessThan(63);
    assertThat(extreme.logits(white)).containsExactly(top.longValueExact(), top.negate().longValueExact());
  }

  @Test
  void refusesTheUnbalancedInt16Minimum() {
    assertThatThrownBy(() -> new FixedMlp(1, 1, 2, 0, 0, new short[] {Short.MIN_VALUE}, new long[1], new short[2], new long[2]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesBiasesBeyondTheOverflowBounds() {
    assertThatThrownBy(() -> new FixedMlp(1, 1, 2, 0, 0, new short[1], new long[] {FixedMlp.MAX_HIDDEN_BIAS + 1}, new short[2], new long[2]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FixedMlp(1, 1, 2, 0, 0, new short[1], new long[1], new short[2], new long[] {0, -FixedMlp.MAX_OUTPUT_BIAS - 1}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesArraysThatDoNotMatchTheShape() {
    assertThatThrownBy(() -> new FixedMlp(2, 1, 2, 0, 0, new short[1], new long[1], new short[2], new long[2]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAnInputOfAnotherSize() {
    assertThatThrownBy(() -> TINY.logits(new byte[2])).isInstanceOf(IllegalArgumentException.class);
  }
}

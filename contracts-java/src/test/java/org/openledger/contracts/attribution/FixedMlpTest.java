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

  private static final String TINY_ENCODING = "000001" + "0003" + "0002" + "0003" + "01" + "02"
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
  void encodingIsTheMlpTagThenBigEndianWithTheShapesFirst() {
    assertThat(HexFormat.of().formatHex(TINY.weightsBytes())).isEqualTo(TINY_ENCODING);
    assertThat(TINY.weightsBytes()).hasSize(FixedMlp.encodedLength(3, 2, 3));
  }

  @Test
  void weightsRootIsTheKeccakOfTheEncoding() {
    assertThat(TINY.weightsRoot().toArrayUnsafe()).isEqualTo(Keccak.hash(HexFormat.of().parseHex(TINY_ENCODING)));
  }

  @Test
  void decodingAnEncodingGivesTheSameModel() {
    assertThat(FixedMlp.decode(TINY.weightsBytes())).isEqualTo(TINY);
  }

  @Test
  void decodingRefusesTruncatedAndTrailingBytes() {
    byte[] enc = TINY.weightsBytes();
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

  @Test
  void theReturnedClassHasLogitGradientOneAndTheOthersShareMinusOne() {
    long[] delta = TINY.outputGradient(PIXELS).delta();
    assertThat(delta[2]).isEqualTo(FixedLogistic.DELTA_ONE);
    // class 0 is 1537 units below class 2 at scale 2^3 · 255: e^(−0.75), class 1 is ~e^(−1.5) further down
    assertThat(delta[0] + delta[1]).isBetween(-FixedLogistic.DELTA_ONE, -FixedLogistic.DELTA_ONE + 2);
    assertThat(delta[0]).isLessThan(delta[1]);
  }

  @Test
  void theHiddenGradientIsZeroWhereTheReluIsOff() {
    FixedMlp.Gradient g = TINY.outputGradient(PIXELS);
    long[] d = g.delta();
    assertThat(g.hiddenDelta()).containsExactly(1 * d[0] - 1 * d[1] + 3 * d[2], 0);
  }

  @Test
  void eachLayersBiasEntryCarriesTheScaleOfThatLayersInputs() {
    FixedMlp.Gradient g = TINY.lossGradient(PIXELS, 0);
    assertThat(g.in(0)).containsExactly(1, 2, 255, 255);
    assertThat(g.in(1)).containsExactly(772, 0, 255L << TINY.shift1());
  }

  @Test
  void theTrainingGradientOfTheLabelIsOneMinusItsProbability() {
    long[] delta = TINY.lossGradient(PIXELS, 2).delta();
    assertThat(delta[2]).isBetween(1L, FixedLogistic.DELTA_ONE - 1);
    assertThat(delta[0] + delta[1] + delta[2]).isBetween(0L, 2L); // Σ δ = 1 − Σ p = 0 up to the floors
  }

  @Test
  void logitDistancesBeyondTheLogisticRangeStillGiveTheExactExponential() {
    // s1 + s2 = 50: a distance of 2^58 (past FixedExp's 2^47 operand bound) is 2^74 / (255 · 2^50) ≈ 1.004 nats
    FixedMlp wide = new FixedMlp(1, 1, 2, 25, 25, new short[] {0}, new long[] {0}, new short[] {0, 0}, new long[] {1L << 58, 0});
    assertThat(wide.nats(1L << 58)).isEqualTo(BigInteger.ONE.shiftLeft(74).divide(BigInteger.valueOf(255)).shiftRight(50).longValueExact())
        .isEqualTo(65793);
    long[] e = wide.exponentials(wide.logits(new byte[] {0}));
    assertThat(e[0]).isEqualTo(FixedExp.ONE);
    assertThat(e[1]).isEqualTo(FixedExp.negExp(65793)).isBetween((long) (0.36 * FixedExp.ONE), (long) (0.37 * FixedExp.ONE));
  }

  @Test
  void aLogitGradientHeavierThanTheSpecsBoundIsRefused() {
    assertThatThrownBy(() -> TINY.gradient(PIXELS, new long[] {1L << 16, -(1L << 16), 1})).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theMlpTagCannotBeginALogisticBlobAndSelectsTheMlp() {
    assertThat(CommittedModel.fromWeightsBytes(TINY.weightsBytes())).isEqualTo(TINY);
    assertThatThrownBy(() -> FixedLogistic.fromWeightsBytes(TINY.weightsBytes())).isInstanceOf(IllegalArgumentException.class);
    FixedLogistic logistic = new FixedLogistic(2, 3, 4, new short[6], new int[2]);
    assertThat(CommittedModel.fromWeightsBytes(logistic.weightsBytes())).isEqualTo(logistic);
    assertThatThrownBy(() -> FixedMlp.decode(logistic.weightsBytes())).isInstanceOf(IllegalArgumentException.class);
  }
}

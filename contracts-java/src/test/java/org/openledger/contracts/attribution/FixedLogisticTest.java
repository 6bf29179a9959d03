package org.openledger.contracts.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.openledger.precompiles.Keccak;

/**
 * The committed integer model of docs/attribution.md §2 on hand-checkable cases, and golden vectors
 * of a fixed small model: if any of them changes, the specification changed and every registered
 * model version, index and proof with it.
 */
class FixedLogisticTest {

  /** 3 classes × 5 pixels at shift 6 (one nat = 255 · 2^6 = 16,320 logit units). */
  static FixedLogistic golden() {
    short[] w = new short[15];
    for (int c = 0; c < 3; c++) {
      for (int j = 0; j < 5; j++) w[c * 5 + j] = (short) (((c * 7 + j * 13) % 17 - 8) * 4);
    }
    return new FixedLogistic(3, 5, 6, w, new int[] {-3000, 500, 12000});
  }

  static final byte[] GOLDEN_INPUT = {0, (byte) 255, 17, (byte) 128, 64};

  static String hashOf(long[] values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length);
    for (long v : values) b.putLong(v);
    return HexFormat.of().formatHex(Keccak.hash(b.array()));
  }

  static FixedLogistic zeros(int classes, int features) {
    return new FixedLogistic(classes, features, 0, new short[classes * features], new int[classes]);
  }

  @Test
  void goldenModelLogitsAndExponentials() {
    FixedLogistic m = golden();
    assertThat(m.logits(GOLDEN_INPUT)).containsExactly(-1160, -2008, 12624);
    assertThat(m.exponentials(GOLDEN_INPUT)).containsExactly(461415500, 438054250, 1073741824);
    assertThat(m.predict(GOLDEN_INPUT)).isEqualTo(2);
  }

  @Test
  void goldenModelDeltas() {
    FixedLogistic m = golden();
    assertThat(m.outputDelta(GOLDEN_INPUT)).containsExactly(-33619, -31916, 65536);
    assertThat(m.lossDelta(GOLDEN_INPUT, 2)).containsExactly(-15324, -14549, 29874);
    assertThat(m.lossDelta(GOLDEN_INPUT, 0)).containsExactly(50212, -14549, -35662);
  }

  @Test
  void goldenModelGradientHashes() {
    FixedLogistic m = golden();
    assertThat(hashOf(m.outputGradient(GOLDEN_INPUT))).isEqualTo("05026fa2694ee4af738444f7439c7539a558fcc8f0fadb4446cf89cfcff04c0e");
    assertThat(hashOf(m.lossGradient(GOLDEN_INPUT, 2))).isEqualTo("f16e69a80bb899924d8d410e1f4d15f7cb473f8f70c58da72c1c9b3a271afe00");
  }

  @Test
  void goldenModelWeightsRoot() {
    assertThat(golden().weightsRoot().toHexString()).isEqualTo("0x099ca435fb369d69abe52d31fe8473e533bb8c26234fed9043d65ec9b84700c7");
  }

  @Test
  void weightsBytesAreClassesFeaturesShiftWeightsThenBiasesBigEndian() {
    FixedLogistic m = new FixedLogistic(2, 1, 3, new short[] {1, -2}, new int[] {0x01020304, -1});
    assertThat(HexFormat.of().formatHex(m.weightsBytes())).isEqualTo("0002" + "0001" + "03" + "0001" + "fffe" + "01020304" + "ffffffff");
    assertThat(m.weightsRoot().toArrayUnsafe()).isEqualTo(Keccak.hash(m.weightsBytes()));
  }

  @Test
  void equalLogitsPredictTheLowestClass() {
    assertThat(zeros(4, 2).predict(new byte[] {9, 9})).isZero();
  }

  @Test
  void uniformModelSplitsTheOutputGradientEvenlyOverTheOtherClasses() {
    // all e = 2^30; ŷ = 0; S' = 2 · 2^30; δ_c = −floor(2^46 / 2^31) = −2^15
    assertThat(zeros(3, 2).outputDelta(new byte[] {1, 2})).containsExactly(65536, -32768, -32768);
  }

  @Test
  void uniformModelLossGradientIsOneHotMinusAThird() {
    // S = 3 · 2^30; floor(2^46 / (3 · 2^30)) = 21845
    assertThat(zeros(3, 2).lossDelta(new byte[] {1, 2}, 1)).containsExactly(-21845, 65536 - 21845, -21845);
  }

  @Test
  void outputGradientIsZeroOffTheReturnedClassWhenEveryOtherClassIsBeyondTheCutoff() {
    // class 1 leads by 24 nats exactly (255 · 24 at shift 0): every other e is 0, S' = 0
    FixedLogistic m = new FixedLogistic(3, 1, 0, new short[3], new int[] {0, 255 * 24, 0});
    assertThat(m.outputDelta(new byte[] {7})).containsExactly(0, 65536, 0);
  }

  @Test
  void gradientIsDeltaTimesPixelsRowMajorThenDeltaTimes255PerBias() {
    FixedLogistic m = zeros(2, 3);
    long[] g = m.gradient(new byte[] {1, 0, (byte) 200}, new long[] {-5, 7});
    assertThat(g).containsExactly(-5, 0, -1000, 7, 0, 1400, -5 * 255, 7 * 255);
  }

  @Test
  void addGradientAccumulates() {
    FixedLogistic m = golden();
    long[] sum = new long[m.parameters()];
    m.addGradient(GOLDEN_INPUT, m.lossDelta(GOLDEN_INPUT, 1), sum);
    m.addGradient(GOLDEN_INPUT, m.lossDelta(GOLDEN_INPUT, 1), sum);
    long[] once = m.lossGradient(GOLDEN_INPUT, 1);
    for (int l = 0; l < once.length; l++) assertThat(sum[l]).isEqualTo(2 * once[l]);
  }

  @Test
  void parametersAreWeightsPlusBiases() {
    assertThat(zeros(10, 784).parameters()).isEqualTo(7850);
  }

  @Test
  void refusesAnInputOfTheWrongPixelCount() {
    assertThatThrownBy(() -> golden().logits(new byte[4]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 pixels");
  }

  @Test
  void refusesALabelOutsideTheClasses() {
    assertThatThrownBy(() -> golden().lossDelta(GOLDEN_INPUT, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 3");
    assertThatThrownBy(() -> golden().lossDelta(GOLDEN_INPUT, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesDeltasOutsideOneAndTheWrongCount() {
    FixedLogistic m = golden();
    assertThatThrownBy(() -> m.gradient(GOLDEN_INPUT, new long[] {65537, 0, 0})).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.gradient(GOLDEN_INPUT, new long[] {0, 0})).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesShapesTheCommitmentCannotEncode() {
    assertThatThrownBy(() -> new FixedLogistic(1, 1, 0, new short[1], new int[1])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FixedLogistic(2, 0x10000, 0, new short[2 * 0x10000], new int[2])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FixedLogistic(2, 1, 256, new short[2], new int[2])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FixedLogistic(2, 2, 0, new short[3], new int[2])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FixedLogistic(2, 2, 0, new short[4], new int[3])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keepsItsOwnCopyOfTheWeights() {
    short[] w = new short[4];
    FixedLogistic m = new FixedLogistic(2, 2, 0, w, new int[2]);
    w[0] = 100;
    m.weights()[1] = 100;
    assertThat(m.weights()).containsOnly((short) 0);
  }
}

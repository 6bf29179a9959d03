package org.openledger.prover.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.FashionMnist.Split;
import org.openledger.prover.data.Images;
import org.openledger.prover.data.LabelledImages;

class FixedPointClassifierTest {

  /**
   * SHA-256 of the quantized weights and of the integer logits of all 500 shipped test images,
   * recorded from a run of the default config. A change here means training or quantization is no
   * longer reproducible — or was changed on purpose, and committed models must be re-registered.
   */
  private static final String GOLDEN = "9968a6893de5550deeb352e5835e0cf4bbd0115f76cbdc0d71e7690c5ffc9a9c";

  /**
   * The weights root (docs/attribution.md §4) of the same model, as a version registers it: it pins
   * the commitment's byte layout on top of the weights the digest above pins.
   */
  private static final String GOLDEN_WEIGHTS_ROOT = "0x211954e7eeefb47c1722da834937caeab25cdc3d04c1cd1cbc32239ad5e0b1ce";

  private static LabelledImages test;
  private static LogisticRegression model;
  private static FixedPointClassifier fixed;

  @BeforeAll
  static void trainAndQuantize() {
    test = FashionMnist.shipped(Split.TEST);
    model = LogisticRegression.train(FashionMnist.shipped(Split.TRAIN), FashionMnist.CLASSES, TrainingConfig.defaults());
    fixed = FixedPointClassifier.quantize(model);
  }

  private static String digest(FixedPointClassifier f, Images images) throws NoSuchAlgorithmException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    ByteBuffer header = ByteBuffer.allocate(4 + 2 * f.weights().length + 4 * f.bias().length);
    header.putInt(f.shift());
    for (short w : f.weights()) {
      header.putShort(w);
    }
    for (int b : f.bias()) {
      header.putInt(b);
    }
    sha.update(header.array());
    ByteBuffer logits = ByteBuffer.allocate(8 * f.classes());
    for (int i = 0; i < images.count(); i++) {
      logits.clear();
      for (long z : f.logits(images, i)) {
        logits.putLong(z);
      }
      sha.update(logits.array());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  @Test
  void integerLogitsAreBitIdenticalAcrossRuns() throws NoSuchAlgorithmException {
    FixedPointClassifier retrained = FixedPointClassifier.quantize(
        LogisticRegression.train(FashionMnist.shipped(Split.TRAIN), FashionMnist.CLASSES, TrainingConfig.defaults()));
    assertThat(digest(retrained, test.images())).isEqualTo(digest(fixed, test.images()));
  }

  @Test
  void integerLogitsMatchTheRecordedDigest() throws NoSuchAlgorithmException {
    assertThat(digest(fixed, test.images())).isEqualTo(GOLDEN);
  }

  @Test
  void committedWeightsRootMatchesTheRecordedRoot() {
    assertThat(fixed.committed().weightsRoot().toHexString()).isEqualTo(GOLDEN_WEIGHTS_ROOT);
  }

  @Test
  void logitsAreTheCommittedModelsOnTheImagesRawBytes() {
    for (int i = 0; i < 20; i++) {
      assertThat(fixed.logits(test.images(), i)).containsExactly(fixed.committed().logits(fixed.input(test.images(), i)));
    }
  }

  @Test
  void largestWeightUsesTheInt16RangeWithoutOverflow() {
    int maxAbs = 0;
    for (short w : fixed.weights()) {
      maxAbs = Math.max(maxAbs, Math.abs(w));
    }
    assertThat(maxAbs).isBetween(Short.MAX_VALUE / 2 + 1, (int) Short.MAX_VALUE);
  }

  @Test
  void integerLogitsApproximateTheScaledFloatLogits() {
    double scale = Math.scalb(1.0, fixed.shift()) * LogisticRegression.PIXEL_SCALE;
    // Rounding each of 785 terms by at most half a step bounds the error by 785 · 255 / 2.
    double bound = (fixed.features() * 255.0 + 1) / 2;
    for (int i = 0; i < test.size(); i++) {
      double[] z = model.logits(test.images(), i);
      long[] q = fixed.logits(test.images(), i);
      for (int c = 0; c < z.length; c++) {
        assertThat(Math.abs(q[c] - z[c] * scale)).isLessThanOrEqualTo(bound);
      }
    }
  }

  @Test
  void integerPredictionsAgreeWithFloatOnNearlyAllTestImages() {
    int agree = 0;
    for (int i = 0; i < test.size(); i++) {
      if (fixed.predict(test.images(), i) == model.predict(test.images(), i)) {
        agree++;
      }
    }
    assertThat(agree).isGreaterThanOrEqualTo(test.size() - 5);
  }

  @Test
  void integerModelKeepsTheAccuracyFloor() {
    assertThat(fixed.accuracy(test)).isGreaterThanOrEqualTo(0.80);
  }

  @Test
  void refusesImagesOfAnotherSize() {
    Images small = new Images(1, 2, 2, new byte[4]);
    assertThatThrownBy(() -> fixed.logits(small, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}

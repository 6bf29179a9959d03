package org.openledger.prover.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.FashionMnist.Split;
import org.openledger.prover.data.LabelledImages;

class MlpQuantizerTest {

  /**
   * The weightsRoot of the default config's model, recorded from a run. A change means training or
   * quantization is no longer reproducible — or was changed on purpose, and committed MLPs must be
   * re-registered.
   */
  private static final String GOLDEN_ROOT = "0xb14b08ed2c90040ef04e6a7d8c8047845071c861d961217fb96a0a22d9f30065";

  private static LabelledImages test;
  private static Mlp model;
  private static FixedMlp fixed;

  @BeforeAll
  static void trainAndQuantize() {
    test = FashionMnist.shipped(Split.TEST);
    model = Mlp.train(FashionMnist.shipped(Split.TRAIN), FashionMnist.CLASSES, MlpTrainingConfig.defaults());
    fixed = MlpQuantizer.quantize(model);
  }

  @Test
  void defaultModelHasTheRecordedWeightsRoot() {
    assertThat(fixed.weightsRoot().toHexString()).isEqualTo(GOLDEN_ROOT);
  }

  @Test
  void integerPredictionsAgreeWithFloatOnAtLeast99PercentOfTheShippedTestSet() {
    // measured: 500 of 500
    int agree = 0;
    for (int i = 0; i < test.size(); i++) {
      if (fixed.predict(MlpQuantizer.pixels(test.images(), i)) == model.predict(test.images(), i)) {
        agree++;
      }
    }
    assertThat(agree).isGreaterThanOrEqualTo((int) Math.ceil(0.99 * test.size()));
  }

  @Test
  void largestWeightOfEachLayerUsesTheInt16Range() {
    assertThat(maxAbs(fixed.w1())).isBetween(Short.MAX_VALUE / 2 + 1, (int) Short.MAX_VALUE);
    assertThat(maxAbs(fixed.w2())).isBetween(Short.MAX_VALUE / 2 + 1, (int) Short.MAX_VALUE);
  }

  @Test
  void integerLogitsAreTheFloatLogitsAtTheCombinedScale() {
    double scale = Math.scalb(Mlp.PIXEL_SCALE, fixed.shift1() + fixed.shift2());
    for (int i = 0; i < 50; i++) {
      double[] z = model.logits(test.images(), i);
      long[] q = fixed.logits(MlpQuantizer.pixels(test.images(), i));
      for (int c = 0; c < z.length; c++) {
        // weight rounding only: well under 1% of the logit range
        assertThat(Math.abs(q[c] / scale - z[c])).isLessThan(0.05);
      }
    }
  }

  private static int maxAbs(short[] w) {
    int m = 0;
    for (short v : w) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}

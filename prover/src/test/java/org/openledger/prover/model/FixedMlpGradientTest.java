package org.openledger.prover.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.FashionMnist.Split;
import org.openledger.prover.data.LabelledImages;

/**
 * The chain's integer MLP gradient (docs/attribution.md §2b) is the float model's gradient at the
 * stated scales, up to weight quantization and the Q16/Q30 fixed point: on a trained model and the
 * shipped test images, every factor of both layers' Kronecker gradients is within 0.1% of the
 * float factor's largest entry.
 */
class FixedMlpGradientTest {

  /**
   * Measured worst cases (seed 11, 5 epochs, 100 images): margin δ 7.1·10⁻⁵, δh 1.0·10⁻⁴; training
   * δ 5.9·10⁻⁵, δh 7.7·10⁻⁵; [act; 1] 2.5·10⁻⁵. A wrong scale (a power of two) or a dropped ReLU
   * mask is off by far more.
   */
  static final double TOLERANCE = 1e-3;
  static final int EXAMPLES = 100;

  static LabelledImages test;
  static Mlp model;
  static FixedMlp fixed;

  @BeforeAll
  static void trainAndQuantize() {
    test = FashionMnist.shipped(Split.TEST);
    model = Mlp.train(FashionMnist.shipped(Split.TRAIN), FashionMnist.CLASSES, new MlpTrainingConfig(11, 64, 5, 32, 0.1, 1e-3));
    fixed = MlpQuantizer.quantize(model);
  }

  @Test
  void theMarginsLogitAndHiddenGradientsTrackTheFloatModels() {
    double deltaScale = 1 << 16;
    double hiddenScale = Math.scalb(1.0, fixed.shift2() + 16);
    double worstDelta = 0, worstHidden = 0;
    int compared = 0;
    for (int i = 0; i < EXAMPLES; i++) {
      byte[] x = MlpQuantizer.pixels(test.images(), i);
      Mlp.Activations act = model.activations(test.images(), i);
      int predicted = fixed.predict(x);
      if (predicted != model.predict(test.images(), i)) continue;
      double[] delta = Mlp.marginGradient(act.logits(), predicted);
      double[] hidden = model.hiddenGradient(act, delta);
      FixedMlp.Gradient g = fixed.outputGradient(x);
      worstDelta = Math.max(worstDelta, relativeError(g.delta(), deltaScale, delta));
      worstHidden = Math.max(worstHidden, relativeError(g.hiddenDelta(), hiddenScale, hidden));
      compared++;
    }
    assertThat(compared).isGreaterThanOrEqualTo(EXAMPLES * 95 / 100);
    assertThat(worstDelta).as("δ").isLessThan(TOLERANCE);
    assertThat(worstHidden).as("δh").isLessThan(TOLERANCE);
  }

  /**
   * A confidently right example's training gradient is tiny (1 − p_y near 0), where Q16's floor
   * step of 2^−16 is a large part of it; the tolerance is therefore against the largest entry over
   * the whole set, the scale at which a leaf sums these gradients.
   */
  @Test
  void theTrainingGradientsLogitAndHiddenFactorsTrackTheFloatModels() {
    double hiddenScale = Math.scalb(1.0, fixed.shift2() + 16);
    double[] delta = new double[4]; // error and largest entry of δ, then of δh
    for (int i = 0; i < EXAMPLES; i++) {
      byte[] x = MlpQuantizer.pixels(test.images(), i);
      Mlp.Activations act = model.activations(test.images(), i);
      double[] d = Mlp.softmax(act.logits());
      for (int c = 0; c < d.length; c++) d[c] = (c == test.label(i) ? 1 : 0) - d[c];
      FixedMlp.Gradient g = fixed.lossGradient(x, test.label(i));
      accumulate(g.delta(), 1 << 16, d, delta, 0);
      accumulate(g.hiddenDelta(), hiddenScale, model.hiddenGradient(act, d), delta, 2);
    }
    assertThat(delta[0] / delta[1]).as("δ").isLessThan(TOLERANCE);
    assertThat(delta[2] / delta[3]).as("δh").isLessThan(TOLERANCE);
  }

  private static void accumulate(long[] v, double scale, double[] f, double[] into, int at) {
    for (int q = 0; q < f.length; q++) {
      into[at] = Math.max(into[at], Math.abs(v[q] / scale - f[q]));
      into[at + 1] = Math.max(into[at + 1], Math.abs(f[q]));
    }
  }

  @Test
  void eachLayersInputsAreTheFloatInputsWithTheBiasOneAtTheLayersScale() {
    double hiddenScale = Math.scalb(Mlp.PIXEL_SCALE, fixed.shift1());
    double worst = 0;
    for (int i = 0; i < EXAMPLES; i++) {
      Mlp.Activations act = model.activations(test.images(), i);
      FixedMlp.Gradient g = fixed.outputGradient(MlpQuantizer.pixels(test.images(), i));
      double[] a = new double[fixed.hidden() + 1];
      System.arraycopy(act.activation(), 0, a, 0, fixed.hidden());
      a[fixed.hidden()] = 1;
      worst = Math.max(worst, relativeError(g.hiddenInput(), hiddenScale, a));
      double[] pixels = new double[fixed.inputs() + 1];
      System.arraycopy(act.input(), 0, pixels, 0, fixed.inputs());
      pixels[fixed.inputs()] = 1;
      assertThat(relativeError(g.pixelInput(), Mlp.PIXEL_SCALE, pixels)).isLessThan(1e-12);
    }
    assertThat(worst).as("[act; 1]").isLessThan(TOLERANCE);
  }

  /** {@code max_q |v[q] / scale − f[q]| / max_q |f[q]|}. */
  static double relativeError(long[] v, double scale, double[] f) {
    double maxAbs = 0, err = 0;
    for (int q = 0; q < f.length; q++) {
      maxAbs = Math.max(maxAbs, Math.abs(f[q]));
      err = Math.max(err, Math.abs(v[q] / scale - f[q]));
    }
    return maxAbs == 0 ? err : err / maxAbs;
  }
}

package org.openledger.prover.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.FashionMnist.Split;
import org.openledger.prover.data.LabelledImages;

/**
 * The committed integer gradients (docs/attribution.md §2) against the float gradients of the
 * trained model they quantize, on the shipped Fashion-MNIST data: the integer gradient is the float
 * one scaled by {@code 255 · 2^16} (δ in Q16, pixels 0..255 instead of 0..1), up to the weights'
 * int16 rounding and the Q16 floors.
 */
class IntegerGradientTest {

  /** What the integer gradient approximates: 2^16 for δ's Q16, 255 for raw pixels (and the biases' 255). */
  static final double SCALE = 255.0 * 65536;

  private static LabelledImages test;
  private static LogisticRegression model;
  private static FixedPointClassifier fixed;

  @BeforeAll
  static void train() {
    test = FashionMnist.shipped(Split.TEST);
    model = LogisticRegression.train(FashionMnist.shipped(Split.TRAIN), FashionMnist.CLASSES, TrainingConfig.defaults());
    fixed = FixedPointClassifier.quantize(model);
  }

  private static double[] probabilities(int i) {
    double[] z = model.logits(test.images(), i);
    double max = Arrays.stream(z).max().orElseThrow();
    double[] p = new double[z.length];
    double sum = 0;
    for (int c = 0; c < z.length; c++) {
      p[c] = StrictMath.exp(z[c] - max);
      sum += p[c];
    }
    for (int c = 0; c < z.length; c++) {
      p[c] /= sum;
    }
    return p;
  }

  /** {@code δ ⊗ [pixel/255, 1]} in the integer layout: weights row-major, then the biases. */
  private static double[] floatGradient(int i, double[] delta) {
    int f = fixed.features();
    double[] g = new double[fixed.committed().parameters()];
    for (int c = 0; c < delta.length; c++) {
      for (int j = 0; j < f; j++) {
        g[c * f + j] = delta[c] * test.images().pixel(i, j) / 255.0;
      }
      g[delta.length * f + c] = delta[c];
    }
    return g;
  }

  /** Squared error and squared norm of {@code integer} against {@code SCALE · reference}. */
  private static double[] errorAndNorm(long[] integer, double[] reference) {
    double err = 0;
    double norm = 0;
    for (int l = 0; l < integer.length; l++) {
      double r = SCALE * reference[l];
      err += (integer[l] - r) * (integer[l] - r);
      norm += r * r;
    }
    return new double[] {err, norm};
  }

  /**
   * Each entry within 8 · 255 units: δ is within 8 Q16 units of 2^16 times the float δ (measured
   * worst 4.6 over the 500 shipped test images: one unit from the floor, up to 3.2 from FixedExp's
   * 4.9·10^−5 relative error, the rest from the weights' int16 rounding), and a pixel is at most 255.
   * Over all 500 gradients together the relative error is below 2·10^−4 (measured 5.7·10^−5); single
   * well-fitted examples have tiny gradients, so their own relative error is not a useful bound.
   */
  @Test
  void lossGradientIsTheScaledFloatGradientWithinEightQ16UnitsOfDelta() {
    double err = 0;
    double norm = 0;
    for (int i = 0; i < test.size(); i++) {
      double[] delta = probabilities(i);
      for (int c = 0; c < delta.length; c++) {
        delta[c] = (c == test.label(i) ? 1 : 0) - delta[c];
      }
      long[] integer = fixed.lossGradient(test, i);
      double[] reference = floatGradient(i, delta);
      for (int l = 0; l < integer.length; l++) {
        assertThat(Math.abs(integer[l] - SCALE * reference[l])).isLessThanOrEqualTo(8 * 255.0);
      }
      double[] en = errorAndNorm(integer, reference);
      err += en[0];
      norm += en[1];
    }
    assertThat(Math.sqrt(err / norm)).isLessThan(2e-4);
  }

  /**
   * The margin gradient of the integer model's returned class. Its δ has norm at least 1 (δ_ŷ = 1),
   * so the relative error of every single example is meaningful: measured worst 8.0·10^−5.
   */
  @Test
  void outputGradientIsTheScaledFloatMarginGradientWithinTwoTenThousandths() {
    for (int i = 0; i < test.size(); i++) {
      int predicted = fixed.predict(test.images(), i);
      double[] p = probabilities(i);
      double[] delta = new double[p.length];
      for (int c = 0; c < p.length; c++) {
        delta[c] = c == predicted ? 1 : -p[c] / (1 - p[predicted]);
      }
      double[] en = errorAndNorm(fixed.outputGradient(test.images(), i), floatGradient(i, delta));
      assertThat(Math.sqrt(en[0] / en[1])).as("image %d", i).isLessThan(2e-4);
    }
  }

  @Test
  void outputGradientIsTheCommittedModelsOnTheImagesRawBytes() {
    byte[] input = fixed.input(test.images(), 7);
    for (int j = 0; j < input.length; j++) {
      assertThat(input[j] & 0xff).isEqualTo(test.images().pixel(7, j));
    }
    FixedLogistic committed = fixed.committed();
    assertThat(fixed.outputGradient(test.images(), 7)).containsExactly(committed.outputGradient(input));
    assertThat(fixed.lossGradient(test, 7)).containsExactly(committed.lossGradient(input, test.label(7)));
  }
}

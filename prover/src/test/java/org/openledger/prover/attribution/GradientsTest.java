package org.openledger.prover.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.model.LogisticRegression;

class GradientsTest {
  private final LogisticRegression model = Tiny.model(3);
  private final LabelledImages data = Tiny.data(5, 4);

  @Test
  void trainingGradientIsTheNegativeLossGradientInTheDocumentedLayout() {
    int d = Gradients.dimension(model);
    double[] g = Gradients.training(model, data);
    for (int i = 0; i < data.size(); i++) {
      LabelledImages one = single(i);
      for (int q = 0; q < d; q++) {
        double numeric = (Tiny.meanLoss(Tiny.nudged(model, q, 1e-6), one) - Tiny.meanLoss(Tiny.nudged(model, q, -1e-6), one)) / 2e-6;
        assertThat(g[i * d + q]).as("example %d parameter %d", i, q).isCloseTo(-numeric, within(1e-7));
      }
    }
  }

  @Test
  void marginGradientMatchesFiniteDifferencesOfTheMargin() {
    int d = Gradients.dimension(model);
    int[] classes = {2, 0, 1, 1, 0};
    double[] g = Gradients.margin(model, data.images(), classes);
    for (int t = 0; t < classes.length; t++) {
      for (int q = 0; q < d; q++) {
        double up = Gradients.margins(Tiny.nudged(model, q, 1e-6), data.images(), classes)[t];
        double down = Gradients.margins(Tiny.nudged(model, q, -1e-6), data.images(), classes)[t];
        assertThat(g[t * d + q]).isCloseTo((up - down) / 2e-6, within(1e-7));
      }
    }
  }

  private LabelledImages single(int i) {
    byte[] px = java.util.Arrays.copyOfRange(data.images().pixels(), i * 4, i * 4 + 4);
    return new LabelledImages(new org.openledger.prover.data.Images(1, 2, 2, px), new byte[] {data.labels()[i]});
  }
}

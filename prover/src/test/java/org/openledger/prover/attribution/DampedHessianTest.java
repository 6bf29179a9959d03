package org.openledger.prover.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.openledger.compute.cpu.CpuBackend;
import org.openledger.compute.linalg.DoubleMatrix;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.model.LogisticRegression;

class DampedHessianTest {
  private static final double DAMPING = 0.01;
  private final LogisticRegression model = Tiny.model(5);
  private final LabelledImages data = Tiny.data(7, 6);
  private final Dense dense = Dense.load();

  @Test
  void isTheFiniteDifferenceOfTheMeanLossGradientPlusDamping() {
    int d = Gradients.dimension(model);
    DoubleMatrix h = DampedHessian.of(model, data, DAMPING, dense);
    for (int q = 0; q < d; q++) {
      double[] up = meanLossGradient(Tiny.nudged(model, q, 1e-5));
      double[] down = meanLossGradient(Tiny.nudged(model, q, -1e-5));
      for (int r = 0; r < d; r++) {
        double numeric = (up[r] - down[r]) / 2e-5 + (r == q ? DAMPING : 0);
        assertThat(h.get(r, q)).as("H[%d][%d]", r, q).isCloseTo(numeric, within(1e-6));
      }
    }
  }

  @Test
  void dampingMakesItPositiveDefiniteDespiteTheSoftmaxShiftDirection() {
    // without damping, adding one constant to every bias changes no probability: a zero eigenvalue
    try (CpuBackend backend = new CpuBackend()) {
      HessianEigen eigen = DampedHessian.factor(DampedHessian.of(model, data, DAMPING, dense), backend);
      assertThat(eigen.values()[0]).isCloseTo(DAMPING, within(1e-9));
    }
  }

  @Test
  void inversePowerUndoesTheHessian() {
    try (CpuBackend backend = new CpuBackend()) {
      DoubleMatrix h = DampedHessian.of(model, data, DAMPING, dense);
      HessianEigen eigen = DampedHessian.factor(h, backend);
      int d = eigen.dimension();
      double[] product = eigen.timesPower(h.data(), d, -1, dense);
      for (int r = 0; r < d; r++) {
        for (int c = 0; c < d; c++) {
          assertThat(product[r * d + c]).isCloseTo(r == c ? 1 : 0, within(1e-8));
        }
      }
    }
  }

  private double[] meanLossGradient(LogisticRegression m) {
    int d = Gradients.dimension(m);
    double[] g = Gradients.training(m, data);
    double[] mean = new double[d];
    for (int i = 0; i < data.size(); i++) {
      for (int q = 0; q < d; q++) {
        mean[q] -= g[i * d + q] / data.size();
      }
    }
    return mean;
  }
}

package org.openledger.prover.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openledger.compute.cpu.CpuBackend;
import org.openledger.contracts.attribution.BasisRows;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.model.LogisticRegression;

class WhitenedPcaBasisTest {
  private static final int N = 10; // below d = 15: the kernel side by default
  private static CpuBackend backend;
  private static Dense dense;
  private static int d;
  private static double[] g;
  private static HessianEigen hessian;

  @BeforeAll
  static void tinyProblem() {
    backend = new CpuBackend();
    dense = Dense.load();
    LogisticRegression model = Tiny.model(8);
    LabelledImages data = Tiny.data(N, 9);
    d = Gradients.dimension(model);
    g = Gradients.training(model, data);
    hessian = DampedHessian.factor(DampedHessian.of(model, data, 0.05, dense), backend);
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  @Test
  void atFullRankScoresBetweenTrainingGradientsAreExactInfluence() {
    int rank = N; // n generic gradients in d = 15 dimensions span n
    WhitenedPcaBasis b = WhitenedPcaBasis.compute(g, N, hessian, rank, backend, dense);
    double[] p = b.project(g, N, dense);
    double[] exact = dense.multiply(false, true, N, N, d, hessian.timesPower(g, N, -1, dense), g);
    double scale = Math.abs(exact[0]);
    for (int a = 0; a < N; a++) {
      for (int c = 0; c < N; c++) {
        double s = 0;
        for (int j = 0; j < rank; j++) {
          s += p[a * rank + j] * p[c * rank + j];
        }
        assertThat(s).as("(%d, %d)", a, c).isCloseTo(exact[a * N + c], within(1e-3 * scale));
      }
    }
  }

  @Test
  void kernelSideAndGramSideGiveTheSameRows() {
    WhitenedPcaBasis kernel = WhitenedPcaBasis.compute(g, N, hessian, 5, backend, dense, true);
    WhitenedPcaBasis gram = WhitenedPcaBasis.compute(g, N, hessian, 5, backend, dense, false);
    for (int i = 0; i < kernel.rows().length; i++) {
      assertThat(kernel.rows()[i]).isCloseTo(gram.rows()[i], within(1e-7));
    }
    for (int j = 0; j < 5; j++) {
      assertThat(kernel.singularValues()[j]).isCloseTo(gram.singularValues()[j], within(1e-9));
    }
  }

  @Test
  void smallerBasesArePrefixesInDescendingSingularValue() {
    WhitenedPcaBasis six = WhitenedPcaBasis.compute(g, N, hessian, 6, backend, dense);
    WhitenedPcaBasis three = WhitenedPcaBasis.compute(g, N, hessian, 3, backend, dense);
    assertThat(six.first(3).rows()).containsExactly(three.rows(), within(1e-9));
    for (int j = 1; j < 6; j++) {
      assertThat(six.singularValues()[j]).isLessThanOrEqualTo(six.singularValues()[j - 1]);
    }
  }

  @Test
  void eachRowsLargestEntryIsPositiveSoRebuildersAgreeOnSigns() {
    WhitenedPcaBasis b = WhitenedPcaBasis.compute(g, N, hessian, 6, backend, dense);
    for (int j = 0; j < 6; j++) {
      double largest = 0;
      for (int l = 0; l < d; l++) {
        double v = b.rows()[j * d + l];
        if (Math.abs(v) > Math.abs(largest)) {
          largest = v;
        }
      }
      assertThat(largest).isPositive();
    }
  }

  @Test
  void rankBeyondTheGradientsIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> WhitenedPcaBasis.compute(g, N, hessian, N + 1, backend, dense))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void int16QuantizationUsesTheLargestShiftThatFits() {
    WhitenedPcaBasis b = WhitenedPcaBasis.compute(g, N, hessian, 6, backend, dense);
    BasisRows q = b.quantize();
    double maxAbs = 0;
    for (double v : b.rows()) {
      maxAbs = Math.max(maxAbs, Math.abs(v));
    }
    int max = 0;
    for (short v : q.rows()) {
      max = Math.max(max, Math.abs(v));
    }
    assertThat(max).isLessThanOrEqualTo(Short.MAX_VALUE).isGreaterThan(Short.MAX_VALUE / 2);
    assertThat(Math.floor(Math.scalb(maxAbs, q.shift() + 1) + 0.5)).isGreaterThan(Short.MAX_VALUE);
    for (int i = 0; i < q.rows().length; i++) {
      assertThat(Math.scalb((double) q.rows()[i], -q.shift())).isCloseTo(b.rows()[i], within(Math.scalb(0.5, -q.shift())));
    }
  }
}

package org.openledger.compute.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openledger.compute.ComputeBackend;
import org.openledger.compute.LapackException;
import org.openledger.compute.NotPositiveDefiniteException;
import org.openledger.compute.testing.TestBackends;

/** Eigendecomposition and Cholesky, checked by reconstruction (tolerance 1e-10 relative, double). */
class FactorisationTest {
  private static final int N = 60;

  @Test
  void eigenvaluesAscendAndTheRowsReconstructTheMatrix() {
    DoubleMatrix a = randomSymmetric(new Random(1), N, 0);
    for (ComputeBackend backend : TestBackends.all()) {
      SymmetricEigen eigen = backend.symmetricEigen(a);
      for (int i = 1; i < N; i++) {
        assertThat(eigen.values()[i]).isGreaterThanOrEqualTo(eigen.values()[i - 1]);
      }
      DoubleMatrix v = eigen.vectors();
      for (int r = 0; r < N; r++) {
        for (int c = 0; c < N; c++) {
          double rebuilt = 0;
          double gram = 0;
          for (int e = 0; e < N; e++) {
            rebuilt += v.get(e, r) * eigen.values()[e] * v.get(e, c);
            gram += v.get(r, e) * v.get(c, e);
          }
          assertThat(rebuilt).as(backend.description()).isCloseTo(a.get(r, c), org.assertj.core.data.Offset.offset(1e-10 * N));
          assertThat(gram).isCloseTo(r == c ? 1 : 0, org.assertj.core.data.Offset.offset(1e-12 * N));
        }
      }
    }
  }

  @Test
  void eigenReadsOnlyTheLowerTriangle() {
    DoubleMatrix a = randomSymmetric(new Random(2), 8, 0);
    double[] upperGarbage = a.data().clone();
    for (int r = 0; r < 8; r++) {
      for (int c = r + 1; c < 8; c++) {
        upperGarbage[r * 8 + c] = 1e6;
      }
    }
    ComputeBackend cpu = TestBackends.all().get(0);
    assertThat(cpu.symmetricEigen(new DoubleMatrix(8, 8, upperGarbage)).values())
        .containsExactly(cpu.symmetricEigen(a).values());
  }

  @Test
  void choleskyIsLowerTriangularAndReconstructsTheMatrix() {
    DoubleMatrix a = randomSymmetric(new Random(3), N, N);
    for (ComputeBackend backend : TestBackends.all()) {
      DoubleMatrix l = backend.cholesky(a);
      for (int r = 0; r < N; r++) {
        for (int c = 0; c < N; c++) {
          if (c > r) {
            assertThat(l.get(r, c)).isZero();
          }
          double rebuilt = 0;
          for (int e = 0; e < N; e++) {
            rebuilt += l.get(r, e) * l.get(c, e);
          }
          assertThat(rebuilt).as(backend.description()).isCloseTo(a.get(r, c), org.assertj.core.data.Offset.offset(1e-10 * N));
        }
      }
    }
  }

  @Test
  void choleskyOfAnIndefiniteMatrixSaysWhichMinorFailed() {
    DoubleMatrix indefinite = new DoubleMatrix(2, 2, new double[] {1, 2, 2, 1});
    for (ComputeBackend backend : TestBackends.all()) {
      assertThatThrownBy(() -> backend.cholesky(indefinite))
          .isInstanceOf(NotPositiveDefiniteException.class)
          .isInstanceOf(LapackException.class)
          .hasMessageContaining("order 2");
    }
  }

  @Test
  void aNonSquareMatrixIsRefused() {
    ComputeBackend cpu = TestBackends.all().get(0);
    assertThatThrownBy(() -> cpu.symmetricEigen(new DoubleMatrix(2, 3, new double[6]))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> cpu.cholesky(new DoubleMatrix(3, 2, new double[6]))).isInstanceOf(IllegalArgumentException.class);
  }

  /** G Gᵀ / n + shift·I: symmetric, and positive definite for a positive shift. */
  static DoubleMatrix randomSymmetric(Random random, int n, double shift) {
    double[] g = new double[n * n];
    for (int i = 0; i < g.length; i++) {
      g[i] = random.nextGaussian();
    }
    double[] a = new double[n * n];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        double sum = 0;
        for (int e = 0; e < n; e++) {
          sum += g[r * n + e] * g[c * n + e];
        }
        a[r * n + c] = sum / n + (r == c ? shift : 0) - (shift == 0 && r == c ? 1 : 0);
      }
    }
    return new DoubleMatrix(n, n, a);
  }
}

package org.openledger.compute.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.openledger.compute.ComputeBackend;
import org.openledger.compute.testing.RandomMatrices;
import org.openledger.compute.testing.TestBackends;

/**
 * Float GEMM agrees with a double reference within the classic bound for float dot products in
 * any summation order: |C − C_ref| ≤ (k + 2)·2⁻²³ · Σ_k |A_ik|·|B_kj|.
 */
class GemmProperties {

  @Property(tries = 80)
  void gemmIsWithinTheFloatSummationBound(
      @ForAll @IntRange(min = 0, max = 70) int m,
      @ForAll @IntRange(min = 0, max = 70) int n,
      @ForAll @IntRange(min = 0, max = 90) int k,
      @ForAll long seed) {
    Random random = new Random(seed);
    FloatMatrix a = RandomMatrices.floats(random, m, k);
    FloatMatrix b = RandomMatrices.floats(random, k, n);
    for (ComputeBackend backend : TestBackends.all()) {
      assertWithinBound(backend.gemm(a, b), a, b, false, backend);
    }
  }

  @Property(tries = 80)
  void gemmWithTransposedBIsWithinTheFloatSummationBound(
      @ForAll @IntRange(min = 0, max = 70) int m,
      @ForAll @IntRange(min = 0, max = 70) int n,
      @ForAll @IntRange(min = 0, max = 90) int k,
      @ForAll long seed) {
    Random random = new Random(seed);
    FloatMatrix a = RandomMatrices.floats(random, m, k);
    FloatMatrix b = RandomMatrices.floats(random, n, k);
    for (ComputeBackend backend : TestBackends.all()) {
      assertWithinBound(backend.gemmTransposedB(a, b), a, b, true, backend);
    }
  }

  static void assertWithinBound(FloatMatrix c, FloatMatrix a, FloatMatrix b, boolean transposeB, ComputeBackend backend) {
    int k = a.cols();
    int n = transposeB ? b.rows() : b.cols();
    assertThat(c.rows()).isEqualTo(a.rows());
    assertThat(c.cols()).isEqualTo(n);
    double gamma = (k + 2) * 0x1p-23;
    for (int i = 0; i < a.rows(); i++) {
      for (int j = 0; j < n; j++) {
        double exact = 0;
        double magnitude = 0;
        for (int t = 0; t < k; t++) {
          double bv = transposeB ? b.get(j, t) : b.get(t, j);
          exact += (double) a.get(i, t) * bv;
          magnitude += Math.abs((double) a.get(i, t) * bv);
        }
        assertThat(Math.abs(c.get(i, j) - exact))
            .as("%s C[%d][%d]", backend.description(), i, j)
            .isLessThanOrEqualTo(gamma * magnitude);
      }
    }
  }
}

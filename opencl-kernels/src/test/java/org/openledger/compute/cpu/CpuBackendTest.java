package org.openledger.compute.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class CpuBackendTest {
  /** CI installs libopenblas0-pthread (.ci/run): the ~30x slower pure-Java fallback must not run there. */
  @Test
  void ciRunsOnNativeOpenBlasAndLapack() {
    assumeTrue(System.getenv("CI") != null, "only enforced in CI");
    assertThat(NativeLinearAlgebra.load().isNative()).isTrue();
  }

  /** Surefire adds jdk.incubator.vector, so the tests exercise the vector kernels, not only the scalar ones. */
  @Test
  void testsRunTheVectorKernels() {
    assertThat(CpuKernels.best()).isInstanceOf(VectorKernels.class);
  }
}

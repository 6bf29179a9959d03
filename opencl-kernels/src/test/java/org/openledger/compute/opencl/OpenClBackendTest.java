package org.openledger.compute.opencl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openledger.compute.BackendKind;
import org.openledger.compute.BackendSelection;
import org.openledger.compute.ComputeBackend;
import org.openledger.compute.ComputeBackends;
import org.openledger.compute.hash.MessageBatch;
import org.openledger.compute.scoring.Int16Matrix;
import org.openledger.compute.scoring.ScoringIndex;
import org.openledger.compute.testing.RandomMatrices;
import org.openledger.compute.testing.TestBackends;

/** Resource lifetime and kernel caching on a real OpenCL device (PoCL in CI). */
class OpenClBackendTest {

  /** CI installs PoCL (.ci/run): there, a missing OpenCL device is a failure, not a skip. */
  @Test
  void ciHasAnOpenClDevice() {
    assumeTrue(System.getenv("CI") != null, "only enforced in CI");
    assertThat(TestBackends.openCl()).isNotEmpty();
  }

  @Test
  void thousandsOfCallsLeaveNoDeviceBufferBehindAndCompileEachProgramOnce() {
    OpenClBackend backend = firstDevice();
    Random random = new Random(5);
    Int16Matrix q = RandomMatrices.int16(random, 3, 17);
    Int16Matrix u = RandomMatrices.int16(random, 40, 17);
    MessageBatch messages = MessageBatch.fixedLength(new byte[64 * 8], 64);
    backend.scoreTopM(q, u, 4);
    backend.keccak256(messages);
    int builds = backend.programBuilds();
    for (int i = 0; i < 2000; i++) {
      backend.scoreTopM(q, u, 4);
      backend.keccak256(messages);
      assertThat(backend.liveDeviceBuffers()).isZero();
    }
    assertThat(backend.programBuilds()).isEqualTo(builds);
  }

  @Test
  void aPreparedIndexKeepsOneBufferUntilClosed() {
    OpenClBackend backend = firstDevice();
    Int16Matrix u = RandomMatrices.int16(new Random(6), 50, 9);
    try (ScoringIndex index = backend.prepare(u)) {
      for (int i = 0; i < 100; i++) {
        backend.scoreTopM(RandomMatrices.int16(new Random(i), 2, 9), index, 3);
      }
      assertThat(backend.liveDeviceBuffers()).isEqualTo(1);
    }
    assertThat(backend.liveDeviceBuffers()).isZero();
  }

  @Test
  void aFailedCallStillReleasesItsBuffers() {
    OpenClBackend backend = firstDevice();
    Int16Matrix q = new Int16Matrix(1, 2, new short[2]);
    Int16Matrix u = new Int16Matrix(1, 3, new short[3]);
    assertThatThrownBy(() -> backend.scoreTopM(q, u, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(backend.liveDeviceBuffers()).isZero();
  }

  @Test
  void explicitSelectionOpensTheRequestedDevice() {
    assumeTrue(!TestBackends.openCl().isEmpty(), "no OpenCL device on this machine");
    try (ComputeBackend backend = ComputeBackends.open(BackendSelection.openCl(0))) {
      assertThat(backend.kind()).isEqualTo(BackendKind.OPENCL);
      assertThat(((OpenClBackend) backend).device().index()).isZero();
    }
  }

  @Test
  void discoveryNumbersDevicesInOrder() {
    List<OpenClDevice> devices = discoveredOrSkip();
    for (int i = 0; i < devices.size(); i++) {
      assertThat(devices.get(i).index()).isEqualTo(i);
      assertThat(devices.get(i).name()).isNotBlank();
      assertThat(devices.get(i).maxWorkGroupSize()).isPositive();
    }
  }

  @Test
  void tilesLargerThanTheDeviceAllowsAreRefused() {
    OpenClDevice device = discoveredOrSkip().get(0);
    int side = (int) Math.sqrt(device.maxWorkGroupSize()) + 1;
    OpenClTuning tooBig = new OpenClTuning(side * 2, 8, 2, 8, 8, 2, 64);
    assertThatThrownBy(() -> new OpenClBackend(device, tooBig)).hasMessageContaining("exceed the device's maximum");
  }

  private static List<OpenClDevice> discoveredOrSkip() {
    assumeTrue(!TestBackends.openCl().isEmpty(), "no OpenCL device on this machine");
    return OpenClDiscovery.devices();
  }

  private static OpenClBackend firstDevice() {
    assumeTrue(!TestBackends.openCl().isEmpty(), "no OpenCL device on this machine");
    return TestBackends.openCl().get(0);
  }
}

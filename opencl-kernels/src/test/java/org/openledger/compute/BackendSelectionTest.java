package org.openledger.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.openledger.compute.opencl.OpenClDevice;
import org.openledger.compute.opencl.OpenClDevice.DeviceType;

class BackendSelectionTest {
  private static final OpenClDevice POCL = device(0, DeviceType.CPU, 2);
  private static final OpenClDevice SMALL_GPU = device(1, DeviceType.GPU, 20);
  private static final OpenClDevice BIG_GPU = device(2, DeviceType.GPU, 80);

  @Test
  void propertiesDefaultToAutoWithoutOpenClCpuDevices() {
    assertThat(BackendSelection.fromProperties(new Properties())).isEqualTo(BackendSelection.auto());
  }

  @Test
  void propertiesSelectKindAndDevice() {
    Properties p = new Properties();
    p.setProperty(BackendSelection.KIND_PROPERTY, "OpenCL");
    p.setProperty(BackendSelection.DEVICE_PROPERTY, "1");
    assertThat(BackendSelection.fromProperties(p)).isEqualTo(BackendSelection.openCl(1));
  }

  @Test
  void anUnknownKindNamesTheChoices() {
    Properties p = new Properties();
    p.setProperty(BackendSelection.KIND_PROPERTY, "cuda");
    assertThatThrownBy(() -> BackendSelection.fromProperties(p)).hasMessageContaining("auto, opencl or cpu");
  }

  @Test
  void aNonNumericDeviceIsRefused() {
    Properties p = new Properties();
    p.setProperty(BackendSelection.DEVICE_PROPERTY, "first");
    assertThatThrownBy(() -> BackendSelection.fromProperties(p)).hasMessageContaining(BackendSelection.DEVICE_PROPERTY);
  }

  @Test
  void autoPrefersTheGpuWithTheMostComputeUnits() {
    assertThat(ComputeBackends.autoDevice(BackendSelection.auto(), List.of(POCL, SMALL_GPU, BIG_GPU))).contains(BIG_GPU);
  }

  @Test
  void autoSkipsOpenClCpuDevicesUnlessAllowed() {
    assertThat(ComputeBackends.autoDevice(BackendSelection.auto(), List.of(POCL))).isEmpty();
    assertThat(ComputeBackends.autoDevice(new BackendSelection(BackendKind.AUTO, -1, true), List.of(POCL))).contains(POCL);
  }

  @Test
  void autoFallsBackToTheCpuBackendWhenOpenClIsMissing() {
    try (ComputeBackend backend = ComputeBackends.open(BackendSelection.auto(), () -> {
      throw new BackendUnavailableException("the OpenCL library (libOpenCL.so.1) could not be loaded");
    })) {
      assertThat(backend.kind()).isEqualTo(BackendKind.CPU);
    }
  }

  @Test
  void autoFallsBackToTheCpuBackendWhenThereIsOnlyAnOpenClCpuDevice() {
    try (ComputeBackend backend = ComputeBackends.open(BackendSelection.auto(), () -> List.of(POCL))) {
      assertThat(backend.kind()).isEqualTo(BackendKind.CPU);
    }
  }

  @Test
  void explicitOpenClWithoutDevicesFailsInsteadOfFallingBack() {
    assertThatThrownBy(() -> ComputeBackends.open(BackendSelection.openCl(-1), List::of))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("pocl-opencl-icd");
  }

  @Test
  void aDeviceIndexOutOfRangeListsTheDevices() {
    assertThatThrownBy(() -> ComputeBackends.chooseDevice(BackendSelection.openCl(7), List.of(POCL, SMALL_GPU)))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("#7 does not exist")
        .hasMessageContaining("#1 GPU");
  }

  @Test
  void anExplicitDeviceIndexIsHonouredEvenForACpuDevice() {
    assertThat(ComputeBackends.chooseDevice(BackendSelection.openCl(0), List.of(POCL, BIG_GPU))).isEqualTo(POCL);
  }

  @Test
  void cpuSelectionOpensTheCpuBackend() {
    try (ComputeBackend backend = ComputeBackends.open(BackendSelection.cpu(), List::of)) {
      assertThat(backend.kind()).isEqualTo(BackendKind.CPU);
      assertThat(backend.description()).startsWith("cpu (");
    }
  }

  private static OpenClDevice device(int index, DeviceType type, int units) {
    return new OpenClDevice(index, "test platform", "device " + index, type, units, 1L << 30, 1024, 0, 0);
  }
}

package org.openledger.compute;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.openledger.compute.cpu.CpuBackend;
import org.openledger.compute.opencl.OpenClBackend;
import org.openledger.compute.opencl.OpenClDevice;
import org.openledger.compute.opencl.OpenClDiscovery;
import org.openledger.compute.opencl.OpenClTuning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the backend a {@link BackendSelection} asks for and logs which one runs. AUTO tries an
 * OpenCL GPU, then (only if allowed) an OpenCL CPU device, then the CPU backend; it never fails for
 * want of OpenCL, it says why it fell back. An explicit OPENCL choice fails with a
 * {@link BackendUnavailableException} instead of silently running elsewhere.
 */
public final class ComputeBackends {
  private static final Logger LOG = LoggerFactory.getLogger(ComputeBackends.class);

  private ComputeBackends() {}

  /** The backend chosen by the system properties (see {@link BackendSelection#fromProperties}). */
  public static ComputeBackend open() {
    return open(BackendSelection.fromSystemProperties());
  }

  public static ComputeBackend open(BackendSelection selection) {
    return open(selection, OpenClDiscovery::devices);
  }

  /** With the device list injected, so selection can be tested without the hardware it describes. */
  static ComputeBackend open(BackendSelection selection, Supplier<List<OpenClDevice>> discovery) {
    OpenClTuning tuning = OpenClTuning.fromProperties(System.getProperties());
    ComputeBackend backend = switch (selection.kind()) {
      case CPU -> new CpuBackend();
      case OPENCL -> new OpenClBackend(chooseDevice(selection, discovery.get()), tuning);
      case AUTO -> {
        Optional<OpenClDevice> device = Optional.empty();
        try {
          device = autoDevice(selection, discovery.get());
          if (device.isEmpty()) {
            LOG.info("no OpenCL GPU{}: using the CPU backend",
                selection.allowOpenClCpu() ? " or CPU device" : " (OpenCL CPU devices only with -D" + BackendSelection.OPENCL_CPU_PROPERTY + "=true)");
          }
        } catch (BackendUnavailableException e) {
          LOG.info("OpenCL unavailable ({}): using the CPU backend", e.getMessage());
        }
        yield device.flatMap(d -> openOrLog(d, tuning)).orElseGet(CpuBackend::new);
      }
    };
    LOG.info("compute backend: {}", backend.description());
    return backend;
  }

  /** AUTO's attempt at a device: a context that cannot be created means the CPU backend, logged. */
  private static Optional<ComputeBackend> openOrLog(OpenClDevice device, OpenClTuning tuning) {
    try {
      return Optional.of(new OpenClBackend(device, tuning));
    } catch (ComputeException | IllegalArgumentException e) {
      LOG.warn("OpenCL device {} could not be opened ({}): using the CPU backend", device.label(), e.getMessage());
      return Optional.empty();
    }
  }

  static OpenClDevice chooseDevice(BackendSelection selection, List<OpenClDevice> devices) {
    if (devices.isEmpty()) {
      throw new BackendUnavailableException("OpenCL found no device: install a GPU driver's ICD, or pocl-opencl-icd for the CPU");
    }
    if (selection.device() >= 0) {
      if (selection.device() >= devices.size()) {
        throw new BackendUnavailableException("OpenCL device #" + selection.device() + " does not exist; the devices are:\n  "
            + String.join("\n  ", devices.stream().map(OpenClDevice::label).toList()));
      }
      return devices.get(selection.device());
    }
    return autoDevice(new BackendSelection(BackendKind.AUTO, -1, true), devices).orElseThrow();
  }

  /**
   * The best device AUTO may use: the GPU with the most compute units (ties: discovery order), else
   * an OpenCL CPU device when allowed. A requested index is honoured if it names such a device.
   */
  static Optional<OpenClDevice> autoDevice(BackendSelection selection, List<OpenClDevice> devices) {
    if (selection.device() >= 0) {
      return Optional.of(chooseDevice(selection, devices));
    }
    Optional<OpenClDevice> gpu = devices.stream()
        .filter(d -> d.type() == OpenClDevice.DeviceType.GPU)
        .reduce((a, b) -> b.computeUnits() > a.computeUnits() ? b : a);
    if (gpu.isPresent() || !selection.allowOpenClCpu()) {
      return gpu;
    }
    return devices.stream().filter(d -> d.type() != OpenClDevice.DeviceType.GPU).findFirst();
  }
}

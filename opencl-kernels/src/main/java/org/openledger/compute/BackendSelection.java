package org.openledger.compute;

import java.util.Properties;

/**
 * How to choose a backend: a kind, an optional OpenCL device index (in discovery order, see
 * {@code docs/provers.md}), and whether AUTO may pick an OpenCL CPU device (PoCL) — off by default,
 * because on a CPU the native BLAS path is faster than OpenCL.
 *
 * @param device the OpenCL device index, or -1 for the best one
 */
public record BackendSelection(BackendKind kind, int device, boolean allowOpenClCpu) {
  public static final String KIND_PROPERTY = "openledger.compute";
  public static final String DEVICE_PROPERTY = "openledger.compute.device";
  public static final String OPENCL_CPU_PROPERTY = "openledger.compute.opencl-cpu";

  public BackendSelection {
    if (device < -1) {
      throw new IllegalArgumentException("device index must be >= 0 (or -1 for the best), got " + device);
    }
  }

  public static BackendSelection auto() {
    return new BackendSelection(BackendKind.AUTO, -1, false);
  }

  public static BackendSelection cpu() {
    return new BackendSelection(BackendKind.CPU, -1, false);
  }

  public static BackendSelection openCl(int device) {
    return new BackendSelection(BackendKind.OPENCL, device, true);
  }

  /** From -Dopenledger.compute=auto|opencl|cpu, -Dopenledger.compute.device=N, -Dopenledger.compute.opencl-cpu=true. */
  public static BackendSelection fromProperties(Properties p) {
    BackendKind kind = BackendKind.parse(p.getProperty(KIND_PROPERTY, "auto"));
    String deviceText = p.getProperty(DEVICE_PROPERTY, "-1").trim();
    int device;
    try {
      device = Integer.parseInt(deviceText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(DEVICE_PROPERTY + " must be a device index, got '" + deviceText + "'", e);
    }
    boolean openClCpu = Boolean.parseBoolean(p.getProperty(OPENCL_CPU_PROPERTY, "false"));
    return new BackendSelection(kind, device, openClCpu || kind == BackendKind.OPENCL);
  }

  public static BackendSelection fromSystemProperties() {
    return fromProperties(System.getProperties());
  }
}

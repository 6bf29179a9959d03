package org.openledger.compute.opencl;

/**
 * One OpenCL device as discovered: {@code index} is its position in discovery order (platforms in
 * the ICD loader's order, devices in each platform's order) — the number
 * {@code -Dopenledger.compute.device} selects.
 */
public record OpenClDevice(
    int index, String platform, String name, DeviceType type, int computeUnits, long globalMemoryBytes,
    long maxWorkGroupSize, long platformId, long deviceId) {

  /** What kind of processor the device is. */
  public enum DeviceType { GPU, CPU, ACCELERATOR, OTHER }

  public String label() {
    return "#" + index + " " + type + " '" + name + "' on '" + platform + "' (" + computeUnits + " compute units, "
        + (globalMemoryBytes >> 20) + " MiB)";
  }
}

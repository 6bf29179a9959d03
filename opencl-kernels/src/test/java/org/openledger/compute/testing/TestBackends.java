package org.openledger.compute.testing;

import java.util.ArrayList;
import java.util.List;
import org.openledger.compute.ComputeBackend;
import org.openledger.compute.cpu.CpuBackend;
import org.openledger.compute.opencl.OpenClBackend;
import org.openledger.compute.opencl.OpenClDevice;
import org.openledger.compute.opencl.OpenClDiscovery;
import org.openledger.compute.opencl.OpenClTuning;
import org.openledger.compute.BackendUnavailableException;

/**
 * Every backend this machine can run, opened once per test JVM: the CPU backend as it runs here
 * (native BLAS, Vector API), as it runs without native BLAS (integer dot products, vector and
 * scalar), and one OpenCL backend per device (PoCL here and in CI). Properties run against each, so a kernel that differs on one device fails by name.
 */
public final class TestBackends {
  private static List<ComputeBackend> all;
  private static List<OpenClBackend> openCl;

  private TestBackends() {}

  public static synchronized List<ComputeBackend> all() {
    if (all == null) {
      List<ComputeBackend> list = new ArrayList<>();
      list.add(new CpuBackend());
      list.add(new CpuBackend(true, false));
      list.add(new CpuBackend(false, false));
      list.addAll(openCl());
      all = List.copyOf(list);
    }
    return all;
  }

  /** One backend per OpenCL device; empty when OpenCL is not installed (then CI fails elsewhere). */
  public static synchronized List<OpenClBackend> openCl() {
    if (openCl == null) {
      List<OpenClBackend> list = new ArrayList<>();
      try {
        for (OpenClDevice device : OpenClDiscovery.devices()) {
          list.add(new OpenClBackend(device, smallTiles()));
        }
      } catch (BackendUnavailableException e) {
        System.err.println("OpenCL backends not tested: " + e.getMessage());
      }
      openCl = List.copyOf(list);
    }
    return openCl;
  }

  /** Small tiles, so that small random shapes still cover several tiles and their edges. */
  public static OpenClTuning smallTiles() {
    return new OpenClTuning(16, 8, 2, 8, 8, 2, 7);
  }
}

package org.openledger.compute;

import java.util.Locale;

/** Which backend to run: a specific one, or the best available. */
public enum BackendKind {
  /** OpenCL on a GPU if there is one, else the CPU backend (OpenCL on a CPU only when asked). */
  AUTO,
  /** OpenCL through LWJGL, on the selected device (a GPU, or a CPU through PoCL). */
  OPENCL,
  /** Native BLAS/LAPACK and the Java Vector API on this machine's cores. */
  CPU;

  public static BackendKind parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown compute backend '" + text + "': use auto, opencl or cpu", e);
    }
  }
}

package org.openledger.compute.cpu;

/** Plain-Java kernels: the fallback, and the shape every faster kernel must match. */
final class ScalarKernels implements CpuKernels {
  @Override
  public long dot(short[] a, int aOffset, short[] b, int bOffset, int length) {
    long sum = 0;
    for (int i = 0; i < length; i++) {
      sum += a[aOffset + i] * b[bOffset + i];
    }
    return sum;
  }

  @Override
  public void outer(float[] x, int xOffset, int kOut, float[] z, int zOffset, int kIn, float[] out, int outOffset) {
    for (int a = 0; a < kOut; a++) {
      float xa = x[xOffset + a];
      int base = outOffset + a * kIn;
      for (int b = 0; b < kIn; b++) {
        out[base + b] = xa * z[zOffset + b];
      }
    }
  }

  @Override
  public String description() {
    return "scalar Java";
  }
}

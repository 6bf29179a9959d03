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

  /** One message per permutation ({@link org.openledger.compute.hash.Keccak256}). */
  @Override
  public void keccak256(org.openledger.compute.hash.MessageBatch batch, int from, int to, byte[] out) {
    org.openledger.compute.hash.Keccak256 hasher = new org.openledger.compute.hash.Keccak256();
    byte[] bytes = batch.bytes();
    int[] offsets = batch.offsets();
    for (int i = from; i < to; i++) {
      hasher.hash(bytes, offsets[i], offsets[i + 1] - offsets[i], out, i * 32);
    }
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

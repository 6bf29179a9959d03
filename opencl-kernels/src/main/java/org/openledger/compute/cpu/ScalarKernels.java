package org.openledger.compute.cpu;

import org.openledger.compute.hash.Keccak256;
import org.openledger.compute.hash.MessageBatch;

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
  public void contract(float[] p, int pOffset, float[] y, int yOffset, int outDim, int k, float[] out, int outOffset) {
    for (int r = 0; r < k; r++) {
      float sum = 0f;
      int base = yOffset + r * outDim;
      for (int o = 0; o < outDim; o++) {
        sum += p[pOffset + o] * y[base + o];
      }
      out[outOffset + r] = sum;
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
  public void keccak256(MessageBatch batch, int from, int to, byte[] out) {
    Keccak256 hasher = new Keccak256();
    for (int i = from; i < to; i++) {
      hasher.hash(batch.bytes(), batch.offsets()[i], batch.length(i), out, i * 32);
    }
  }

  @Override
  public String description() {
    return "scalar Java";
  }
}

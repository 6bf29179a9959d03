package org.openledger.compute.cpu;

/**
 * The loops no library covers, in two implementations with identical results for the integer
 * ones: {@link VectorKernels} (jdk.incubator.vector) and {@link ScalarKernels} (plain Java, used
 * when the JVM runs without {@code --add-modules jdk.incubator.vector}).
 */
interface CpuKernels {
  /** Exact dot product of two int16 vectors of length {@code length}. */
  long dot(short[] a, int aOffset, short[] b, int bOffset, int length);

  /** {@code out[a·kIn + b] = x[xOffset + a] · z[zOffset + b]}: one example's Kronecker features. */
  void outer(float[] x, int xOffset, int kOut, float[] z, int zOffset, int kIn, float[] out, int outOffset);

  /** keccak256 of messages [from, to) of the batch, digest i written to out[32·i .. 32·i + 32). */
  void keccak256(org.openledger.compute.hash.MessageBatch batch, int from, int to, byte[] out);

  /** The implementation's name and vector width, for logs. */
  String description();

  /** The Vector API kernels when the module is present, else the scalar ones. */
  static CpuKernels best() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      return new VectorKernels();
    }
    org.slf4j.LoggerFactory.getLogger(CpuKernels.class).warn(
        "jdk.incubator.vector is not enabled: CPU kernels run scalar. Start the JVM with --add-modules jdk.incubator.vector");
    return new ScalarKernels();
  }
}

package org.openledger.compute.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels. Integer dot products: int16 lanes widen to int32, multiply (exact: a product
 * is at most 2^30), then widen to int64 before accumulating, because two int32 products can
 * already overflow int32. Integer addition is associative, so lane order does not change the
 * result — it equals {@link ScalarKernels} bit for bit.
 */
final class VectorKernels implements CpuKernels {
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
  // As many shorts as ints per vector, so S2I is a plain lane-wise widening into part 0.
  private static final VectorSpecies<Short> SHORTS =
      VectorSpecies.of(short.class, VectorShape.forBitSize(Math.max(64, INTS.vectorBitSize() / 2)));
  private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
  private static final boolean SHAPES_MATCH = SHORTS.length() == INTS.length() && INTS.length() == 2 * LONGS.length();

  @Override
  public long dot(short[] a, int aOffset, short[] b, int bOffset, int length) {
    int i = 0;
    long sum = 0;
    if (SHAPES_MATCH) {
      LongVector acc0 = LongVector.zero(LONGS);
      LongVector acc1 = LongVector.zero(LONGS);
      int bound = length - length % SHORTS.length();
      for (; i < bound; i += SHORTS.length()) {
        IntVector va = (IntVector) ShortVector.fromArray(SHORTS, a, aOffset + i).convertShape(VectorOperators.S2I, INTS, 0);
        IntVector vb = (IntVector) ShortVector.fromArray(SHORTS, b, bOffset + i).convertShape(VectorOperators.S2I, INTS, 0);
        IntVector product = va.mul(vb);
        acc0 = acc0.add((LongVector) product.convertShape(VectorOperators.I2L, LONGS, 0));
        acc1 = acc1.add((LongVector) product.convertShape(VectorOperators.I2L, LONGS, 1));
      }
      sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    }
    for (; i < length; i++) {
      sum += a[aOffset + i] * b[bOffset + i];
    }
    return sum;
  }

  @Override
  public void outer(float[] x, int xOffset, int kOut, float[] z, int zOffset, int kIn, float[] out, int outOffset) {
    int lanes = FLOATS.length();
    int bound = kIn - kIn % lanes;
    for (int a = 0; a < kOut; a++) {
      float xa = x[xOffset + a];
      int base = outOffset + a * kIn;
      int b = 0;
      for (; b < bound; b += lanes) {
        FloatVector.fromArray(FLOATS, z, zOffset + b).mul(xa).intoArray(out, base + b);
      }
      for (; b < kIn; b++) {
        out[base + b] = xa * z[zOffset + b];
      }
    }
  }

  /** {@link VectorKeccak#WIDTH} messages per permutation. */
  @Override
  public void keccak256(org.openledger.compute.hash.MessageBatch batch, int from, int to, byte[] out) {
    new VectorKeccak().hash(batch, from, to, out);
  }

  @Override
  public String description() {
    return "Vector API " + INTS.vectorBitSize() + "-bit";
  }
}

package org.openledger.compute.testing;

import java.util.Random;
import org.openledger.compute.linalg.FloatMatrix;
import org.openledger.compute.scoring.Int16Matrix;

/** Random matrices from a seed (jqwik shrinks the shapes; the seed pins the values). */
public final class RandomMatrices {
  private RandomMatrices() {}

  public static FloatMatrix floats(Random random, int rows, int cols) {
    float[] data = new float[rows * cols];
    for (int i = 0; i < data.length; i++) {
      data[i] = random.nextFloat() * 2 - 1;
    }
    return new FloatMatrix(rows, cols, data);
  }

  /**
   * A classifier's output gradients: onehot(y) − softmax(z) for random logits (σ = 3) and labels,
   * in double, then stored as floats, as the prover computes them. Each row sums to zero.
   */
  public static FloatMatrix softmaxResiduals(Random random, int n, int out) {
    float[] data = new float[n * out];
    for (int i = 0; i < n; i++) {
      double[] z = new double[out];
      double max = Double.NEGATIVE_INFINITY;
      for (int o = 0; o < out; o++) {
        z[o] = 3 * random.nextGaussian();
        max = Math.max(max, z[o]);
      }
      double total = 0;
      for (int o = 0; o < out; o++) {
        z[o] = Math.exp(z[o] - max);
        total += z[o];
      }
      int label = random.nextInt(out);
      for (int o = 0; o < out; o++) {
        data[i * out + o] = (float) ((o == label ? 1 : 0) - z[o] / total);
      }
    }
    return new FloatMatrix(n, out, data);
  }

  /** Full int16 range, with the extremes (-32768, 32767, 0) over-represented. */
  public static Int16Matrix int16(Random random, int rows, int cols) {
    short[] data = new short[rows * cols];
    for (int i = 0; i < data.length; i++) {
      data[i] = switch (random.nextInt(8)) {
        case 0 -> Short.MIN_VALUE;
        case 1 -> Short.MAX_VALUE;
        case 2 -> 0;
        default -> (short) random.nextInt(1 << 16);
      };
    }
    return new Int16Matrix(rows, cols, data);
  }

  /** Values in [-range, range]: small ranges make many equal scores, exercising the tie order. */
  public static Int16Matrix int16Small(Random random, int rows, int cols, int range) {
    short[] data = new short[rows * cols];
    for (int i = 0; i < data.length; i++) {
      data[i] = (short) (random.nextInt(2 * range + 1) - range);
    }
    return new Int16Matrix(rows, cols, data);
  }
}

package org.openledger.compute.cpu;

import org.openledger.compute.scoring.Int16Matrix;
import org.openledger.compute.scoring.ScoringIndex;

/**
 * Contributor vectors for the CPU backend: the int16 values (exact scores are computed from
 * these), a float copy for the GEMM filter (int16 converts to float exactly) and each row's
 * Euclidean norm for the filter's error bound.
 */
final class CpuScoringIndex implements ScoringIndex {
  private final Int16Matrix contributors;
  private float[] values;
  private double[] norms;

  CpuScoringIndex(Int16Matrix contributors) {
    this.contributors = contributors;
    int k = contributors.cols();
    short[] data = contributors.data();
    float[] floats = new float[data.length];
    double[] rowNorms = new double[contributors.rows()];
    java.util.stream.IntStream.range(0, contributors.rows()).parallel().forEach(c -> {
      long sum = 0; // exact: at most 2^30 per term and fewer than 2^23 terms
      for (int j = c * k; j < (c + 1) * k; j++) {
        floats[j] = data[j];
        sum += data[j] * data[j];
      }
      rowNorms[c] = Math.sqrt((double) sum);
    });
    values = floats;
    norms = rowNorms;
  }

  @Override
  public Int16Matrix contributors() {
    return contributors;
  }

  float[] values() {
    if (values == null) {
      throw new IllegalStateException("this scoring index was closed");
    }
    return values;
  }

  double[] norms() {
    return norms;
  }

  @Override
  public void close() {
    values = null;
    norms = null;
  }
}

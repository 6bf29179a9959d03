package org.openledger.compute.cpu;

import java.util.stream.IntStream;
import org.openledger.compute.scoring.Int16Matrix;
import org.openledger.compute.scoring.TopMSelector;
import org.openledger.compute.scoring.TopScores;

/**
 * Exact top-M at float-GEMM speed: a float GEMM gives every score to within a proven error bound,
 * the bound rules out all but a few contributors, and only those are scored exactly in integers.
 *
 * <p>For one query ψ and contributor u, float GEMM returns s̃ with |s̃ − s| ≤ γ·Σ|ψ_i u_i| ≤
 * γ·‖ψ‖‖u‖, γ = (k + 2)·2⁻²⁴ (any summation order, FMA or not; int16 values are exact in float and
 * no intermediate value comes near overflow). So s ∈ [s̃ − e, s̃ + e]. Let T be the M-th largest
 * lower bound: M contributors have s ≥ T, so any contributor whose upper bound is below T has M
 * strictly better ones and cannot be in the top M. Every other contributor is a candidate, scored
 * exactly with integer dot products and ranked in the usual total order — the result equals the
 * exhaustive integer ranking, bit for bit. Near-ties only make the candidate set larger (at worst,
 * everyone), never the answer different.
 */
final class ExactTopM {
  /** Approximate scores kept per pass: bounds the q × c float temporary to 64 MB. */
  private static final long MAX_BLOCK_FLOATS = 16L << 20;
  /** Slack on γ for the rounding of the bound's own arithmetic (norms, products in double). */
  private static final double SLACK = 1 + 1e-9;

  private final NativeLinearAlgebra blas;
  private final CpuKernels kernels;

  ExactTopM(NativeLinearAlgebra blas, CpuKernels kernels) {
    this.blas = blas;
    this.kernels = kernels;
  }

  TopScores topM(Int16Matrix queries, CpuScoringIndex index, int m) {
    Int16Matrix contributors = index.contributors();
    int q = queries.rows();
    int k = queries.cols();
    int c = contributors.rows();
    int kept = Math.min(m, c);
    int[] outIndices = new int[q * kept];
    long[] outScores = new long[q * kept];
    if (q == 0 || kept == 0) {
      return new TopScores(q, kept, outIndices, outScores);
    }
    float[] psi = new float[q * k];
    double[] psiNorms = new double[q];
    short[] qs = queries.data();
    for (int r = 0; r < q; r++) {
      double sum = 0;
      for (int j = r * k; j < (r + 1) * k; j++) {
        psi[j] = qs[j];
        sum += (double) qs[j] * qs[j];
      }
      psiNorms[r] = Math.sqrt(sum);
    }
    double gamma = (k + 2) * 0x1p-24 * SLACK;
    int rowsPerPass = (int) Math.max(1, Math.min(q, MAX_BLOCK_FLOATS / c));
    float[] approx = new float[rowsPerPass * c];
    float[] values = index.values();
    double[] norms = index.norms();
    for (int r0 = 0; r0 < q; r0 += rowsPerPass) {
      int rows = Math.min(rowsPerPass, q - r0);
      blas.sgemm(false, true, rows, c, k, psi, r0 * k, k, values, 0, k, approx, 0, c);
      final int base = r0;
      IntStream.range(0, rows).parallel().forEach(i -> {
        int r = base + i;
        TopMSelector selector = new TopMSelector(kept);
        selectRow(approx, i * c, c, gamma * psiNorms[r], norms, kept, qs, r * k, contributors.data(), k, selector);
        selector.copyTo(r, outIndices, outScores);
      });
    }
    return new TopScores(q, kept, outIndices, outScores);
  }

  private void selectRow(float[] approx, int offset, int c, double rowBound, double[] norms, int m,
                         short[] psi, int psiOffset, short[] u, int k, TopMSelector exact) {
    // T: the m-th largest lower bound, by a bounded min-heap of lower bounds.
    double[] heap = new double[m];
    int size = 0;
    for (int j = 0; j < c; j++) {
      double lower = approx[offset + j] - rowBound * norms[j];
      if (size < m) {
        heap[size] = lower;
        siftUp(heap, size++);
      } else if (lower > heap[0]) {
        heap[0] = lower;
        siftDown(heap, m);
      }
    }
    double threshold = heap[0];
    for (int j = 0; j < c; j++) {
      if (approx[offset + j] + rowBound * norms[j] >= threshold) {
        exact.offer(kernels.dot(psi, psiOffset, u, j * k, k), j);
      }
    }
  }

  private static void siftUp(double[] heap, int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (heap[parent] <= heap[i]) {
        return;
      }
      double t = heap[parent];
      heap[parent] = heap[i];
      heap[i] = t;
      i = parent;
    }
  }

  private static void siftDown(double[] heap, int size) {
    int i = 0;
    while (true) {
      int left = 2 * i + 1;
      if (left >= size) {
        return;
      }
      int smallest = left + 1 < size && heap[left + 1] < heap[left] ? left + 1 : left;
      if (heap[i] <= heap[smallest]) {
        return;
      }
      double t = heap[i];
      heap[i] = heap[smallest];
      heap[smallest] = t;
      i = smallest;
    }
  }
}

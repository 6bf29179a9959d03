package org.openledger.compute.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.openledger.compute.BackendKind;
import org.openledger.compute.ComputeBackend;
import org.openledger.compute.features.FeatureRequest;
import org.openledger.compute.features.LayerBasis;
import org.openledger.compute.features.LayerGradients;
import org.openledger.compute.hash.MessageBatch;
import org.openledger.compute.linalg.DoubleMatrix;
import org.openledger.compute.linalg.FloatMatrix;
import org.openledger.compute.linalg.SymmetricEigen;
import org.openledger.compute.scoring.Int16Matrix;
import org.openledger.compute.scoring.ScoringIndex;
import org.openledger.compute.scoring.TopMSelector;
import org.openledger.compute.scoring.TopScores;

/**
 * The CPU backend: GEMM and the factorisations go to native OpenBLAS/LAPACK. Exact integer
 * scores: all of them as a double GEMM (see {@link Int16Matrix#MAX_COLS} for why every partial sum
 * is exact); the top M through a float GEMM filter and integer verification ({@link ExactTopM});
 * without native BLAS, Vector API integer dot products. Features and hashing are our own loops.
 */
public final class CpuBackend implements ComputeBackend {
  /** Contributors converted to double per GEMM call: bounds the temporary to ~32 MB at k = 1024. */
  private static final int SCORE_BLOCK = 4096;
  /** The dense feature path's materialised gradients per block of examples, in floats (16 MB). */
  private static final long FEATURE_BLOCK_FLOATS = 4L << 20;

  private final NativeLinearAlgebra linearAlgebra;
  private final CpuKernels kernels;
  private final ExactTopM exactTopM;
  private final boolean blasScoring;
  private final Scratch scratch = new Scratch();

  public CpuBackend() {
    this(NativeLinearAlgebra.load(), CpuKernels.best(), true);
  }

  /**
   * The configurations a machine without the Vector API or without native BLAS would run, so they
   * can be tested on one that has both: {@code vectorKernels=false} uses the scalar kernels,
   * {@code blasScoring=false} computes every integer score with integer dot products.
   */
  public CpuBackend(boolean vectorKernels, boolean blasScoring) {
    this(NativeLinearAlgebra.load(), vectorKernels ? CpuKernels.best() : new ScalarKernels(), blasScoring);
  }

  private CpuBackend(NativeLinearAlgebra linearAlgebra, CpuKernels kernels, boolean blasScoring) {
    this.linearAlgebra = linearAlgebra;
    this.kernels = kernels;
    this.exactTopM = new ExactTopM(linearAlgebra, kernels);
    this.blasScoring = blasScoring && linearAlgebra.isNativeBlas();
  }

  @Override
  public BackendKind kind() {
    return BackendKind.CPU;
  }

  @Override
  public String description() {
    return "cpu (" + linearAlgebra.description() + "; " + kernels.description() + "; "
        + (blasScoring ? "" : "integer dot-product scoring; ")
        + Runtime.getRuntime().availableProcessors() + " cores)";
  }

  @Override
  public FloatMatrix gemm(FloatMatrix a, FloatMatrix b) {
    requireInner(a.cols(), b.rows(), a, b);
    FloatMatrix c = FloatMatrix.zeros(a.rows(), b.cols());
    linearAlgebra.sgemm(false, false, a.rows(), b.cols(), a.cols(), a.data(), 0, a.cols(), b.data(), 0, b.cols(), c.data(), 0, c.cols());
    return c;
  }

  @Override
  public FloatMatrix gemmTransposedB(FloatMatrix a, FloatMatrix b) {
    requireInner(a.cols(), b.cols(), a, b);
    FloatMatrix c = FloatMatrix.zeros(a.rows(), b.rows());
    linearAlgebra.sgemm(false, true, a.rows(), b.rows(), a.cols(), a.data(), 0, a.cols(), b.data(), 0, b.cols(), c.data(), 0, c.cols());
    return c;
  }

  @Override
  public SymmetricEigen symmetricEigen(DoubleMatrix symmetric) {
    return linearAlgebra.symmetricEigen(symmetric);
  }

  @Override
  public DoubleMatrix cholesky(DoubleMatrix symmetric) {
    return linearAlgebra.cholesky(symmetric);
  }

  @Override
  public FloatMatrix projectedGradients(FeatureRequest request) {
    int n = request.examples();
    int total = request.features();
    float[] out = new float[Math.multiplyExact(n, total)];
    int column = 0;
    for (int l = 0; l < request.layers().size(); l++) {
      LayerGradients layer = request.layers().get(l);
      switch (request.bases().get(l)) {
        case LayerBasis.Dense dense -> denseFeatures(layer, dense.rows(), out, total, column);
        case LayerBasis.Kronecker kron -> kroneckerFeatures(layer, kron, out, total, column);
        case LayerBasis.KroneckerPairs pairs -> kroneckerPairFeatures(layer, pairs, out, total, column);
      }
      column += request.bases().get(l).features();
    }
    return new FloatMatrix(n, total, out);
  }

  /**
   * φ[i, r] = Σ_o p[i,o] Σ_j B[r, o·in + j] x[i,j] = B[r] · (p_i ⊗ x_i). In blocks of examples the
   * block's gradients G (rows × out·in) are written into a reused buffer and one sgemm gives
   * φ = G·Bᵀ straight into the output: numpy's expression, blocked so that G is never n × out·in.
   *
   * <p>When every row of p sums to zero — softmax residuals {@code onehot(y) − p} and margin
   * gradients {@code e_c − e_c'} do — the last class is eliminated first:
   * Σ_o p_o B_o = Σ_{o<L} p_o (B_o − B_L), so G and B have out − 1 classes (10% fewer
   * multiplications for ten classes), see {@link ZeroSumRows}.
   */
  private void denseFeatures(LayerGradients layer, FloatMatrix basis, float[] out, int ldOut, int column) {
    int outDim = layer.outDim();
    int in = layer.inDim();
    int k = basis.rows();
    if (!ZeroSumRows.holds(layer.outputGrads().data(), layer.examples(), outDim)) {
      materialisedFeatures(layer, basis.data(), k, outDim, out, ldOut, column);
      return;
    }
    float[] reduced = scratch.take(Math.multiplyExact(Math.multiplyExact(k, outDim - 1), in));
    try {
      ZeroSumRows.lastClassEliminated(basis.data(), k, outDim, in, reduced);
      materialisedFeatures(layer, reduced, k, outDim - 1, out, ldOut, column);
    } finally {
      scratch.give(reduced);
    }
  }

  /** φ = G·bᵀ with G's rows p_i[0..classes) ⊗ x_i and b (k × classes·in, row-major), block by block. */
  private void materialisedFeatures(LayerGradients layer, float[] b, int k, int classes, float[] out, int ldOut, int column) {
    int n = layer.examples();
    int outDim = layer.outDim();
    int in = layer.inDim();
    int width = Math.multiplyExact(classes, in);
    int block = (int) Math.max(1, Math.min(n, FEATURE_BLOCK_FLOATS / Math.max(1, width)));
    float[] g = scratch.take(Math.multiplyExact(block, width));
    try {
      float[] p = layer.outputGrads().data();
      float[] x = layer.inputs().data();
      for (int start = 0; start < n; start += block) {
        int rows = Math.min(block, n - start);
        final int first = start;
        IntStream.range(0, rows).parallel().forEach(i -> {
          int e = first + i;
          for (int o = 0; o < classes; o++) {
            float po = p[e * outDim + o];
            int to = i * width + o * in;
            for (int j = 0; j < in; j++) {
              g[to + j] = po * x[e * in + j];
            }
          }
        });
        linearAlgebra.sgemm(false, true, rows, k, width, g, 0, width, b, 0, width, out, start * ldOut + column, ldOut);
      }
    } finally {
      scratch.give(g);
    }
  }

  private void kroneckerPairFeatures(LayerGradients layer, LayerBasis.KroneckerPairs basis, float[] out, int ldOut, int column) {
    if (basis.features() == 0) {
      return;
    }
    FloatMatrix left = gemmTransposedB(layer.outputGrads(), basis.outFactor());
    FloatMatrix right = gemmTransposedB(layer.inputs(), basis.inFactor());
    int kOut = left.cols();
    int kIn = right.cols();
    int[] outSlots = basis.outSlots();
    int[] inSlots = basis.inSlots();
    float[] weights = basis.weights();
    float[] l = left.data();
    float[] r = right.data();
    IntStream.range(0, layer.examples()).parallel().forEach(i -> {
      for (int q = 0; q < weights.length; q++) {
        out[i * ldOut + column + q] = weights[q] * l[i * kOut + outSlots[q]] * r[i * kIn + inSlots[q]];
      }
    });
  }

  private void kroneckerFeatures(LayerGradients layer, LayerBasis.Kronecker basis, float[] out, int ldOut, int column) {
    FloatMatrix left = gemmTransposedB(layer.outputGrads(), basis.outFactor());
    FloatMatrix right = gemmTransposedB(layer.inputs(), basis.inFactor());
    int kOut = left.cols();
    int kIn = right.cols();
    // Rows are independent and each writes its own stretch of out: split them over the cores.
    IntStream.range(0, layer.examples()).parallel().forEach(i ->
        kernels.outer(left.data(), i * kOut, kOut, right.data(), i * kIn, kIn, out, i * ldOut + column));
  }

  @Override
  public long[] scores(Int16Matrix queries, Int16Matrix contributors) {
    requireScoreShapes(queries, contributors);
    int q = queries.rows();
    int c = contributors.rows();
    long[] out = new long[Math.multiplyExact(q, c)];
    forEachScoreBlock(queries, contributors, (c0, width, block) -> {
      for (int r = 0; r < q; r++) {
        for (int j = 0; j < width; j++) {
          out[r * c + c0 + j] = block.score(r, j);
        }
      }
    });
    return out;
  }

  @Override
  public ScoringIndex prepare(Int16Matrix contributors) {
    return new CpuScoringIndex(contributors);
  }

  /**
   * With native BLAS: a float GEMM filter with a proven error bound, then exact integer scores
   * for the few candidates it leaves ({@link ExactTopM}). Without it: every score exactly.
   */
  @Override
  public TopScores scoreTopM(Int16Matrix queries, ScoringIndex index, int m) {
    if (!(index instanceof CpuScoringIndex cpuIndex)) {
      throw new IllegalArgumentException("this scoring index was prepared by another backend: " + index);
    }
    Int16Matrix contributors = cpuIndex.contributors();
    requireScoreShapes(queries, contributors);
    if (m < 1) {
      throw new IllegalArgumentException("M must be at least 1, got " + m);
    }
    if (blasScoring) {
      return exactTopM.topM(queries, cpuIndex, m);
    }
    int q = queries.rows();
    int kept = Math.min(m, contributors.rows());
    TopMSelector[] selectors = new TopMSelector[q];
    for (int r = 0; r < q; r++) {
      selectors[r] = new TopMSelector(Math.max(1, kept));
    }
    forEachScoreBlock(queries, contributors, (c0, width, block) -> {
      for (int r = 0; r < q; r++) {
        TopMSelector selector = selectors[r];
        for (int j = 0; j < width; j++) {
          selector.offer(block.score(r, j), c0 + j);
        }
      }
    });
    int[] indices = new int[q * kept];
    long[] scores = new long[q * kept];
    for (int r = 0; r < q; r++) {
      if (kept > 0) {
        selectors[r].copyTo(r, indices, scores);
      }
    }
    return new TopScores(q, kept, indices, scores);
  }

  /** Scores of all queries against contributors [c0, c0 + width), readable by (row, j). */
  private interface ScoreBlock {
    long score(int row, int j);
  }

  private interface ScoreBlockConsumer {
    void accept(int c0, int width, ScoreBlock block);
  }

  private void forEachScoreBlock(Int16Matrix queries, Int16Matrix contributors, ScoreBlockConsumer consumer) {
    int q = queries.rows();
    int k = queries.cols();
    int c = contributors.rows();
    if (q == 0 || c == 0) {
      return;
    }
    if (blasScoring) {
      double[] qd = toDouble(queries.data(), 0, q * k);
      double[] block = new double[Math.min(SCORE_BLOCK, c) * q];
      for (int c0 = 0; c0 < c; c0 += SCORE_BLOCK) {
        int width = Math.min(SCORE_BLOCK, c - c0);
        double[] ud = toDouble(contributors.data(), c0 * k, width * k);
        // Exact: every product and partial sum is an integer below 2^53 (Int16Matrix.MAX_COLS).
        linearAlgebra.dgemm(false, true, q, width, k, qd, k, ud, k, block, width);
        final int w = width;
        consumer.accept(c0, width, (row, j) -> (long) block[row * w + j]);
      }
    } else {
      short[] qs = queries.data();
      short[] us = contributors.data();
      int width = Math.min(SCORE_BLOCK, c);
      long[] block = new long[width * q];
      for (int c0 = 0; c0 < c; c0 += SCORE_BLOCK) {
        int w = Math.min(SCORE_BLOCK, c - c0);
        int base = c0;
        IntStream.range(0, q).parallel().forEach(r -> {
          for (int j = 0; j < w; j++) {
            block[r * w + j] = kernels.dot(qs, r * k, us, (base + j) * k, k);
          }
        });
        consumer.accept(c0, w, (row, j) -> block[row * w + j]);
      }
    }
  }

  private static double[] toDouble(short[] values, int offset, int length) {
    double[] out = new double[length];
    for (int i = 0; i < length; i++) {
      out[i] = values[offset + i];
    }
    return out;
  }

  /**
   * Messages are split over the cores in contiguous runs; each run goes to the kernels, which with
   * the Vector API hash 8 equal-length messages per permutation ({@link VectorKeccak}).
   */
  @Override
  public byte[] keccak256(MessageBatch messages) {
    int count = messages.count();
    byte[] out = new byte[Math.multiplyExact(count, 32)];
    int runs = Math.max(1, Math.min(count / 64, 4 * (ForkJoinPool.getCommonPoolParallelism() + 1)));
    IntStream.range(0, runs).parallel().forEach(run ->
        kernels.keccak256(messages, (int) ((long) count * run / runs), (int) ((long) count * (run + 1) / runs), out));
    return out;
  }

  @Override
  public void close() {
    // Nothing native is held: netlib's JNI instances are process-wide.
  }

  static void requireInner(int left, int right, Object a, Object b) {
    if (left != right) {
      throw new IllegalArgumentException("inner dimensions differ: " + a + " and " + b);
    }
  }

  static void requireScoreShapes(Int16Matrix queries, Int16Matrix contributors) {
    if (queries.cols() != contributors.cols()) {
      throw new IllegalArgumentException(
          "queries have " + queries.cols() + " coordinates but contributor vectors have " + contributors.cols());
    }
  }
}

package org.openledger.compute;

import org.openledger.compute.features.FeatureRequest;
import org.openledger.compute.hash.MessageBatch;
import org.openledger.compute.linalg.DoubleMatrix;
import org.openledger.compute.linalg.FloatMatrix;
import org.openledger.compute.linalg.SymmetricEigen;
import org.openledger.compute.scoring.Int16Matrix;
import org.openledger.compute.scoring.ScoringIndex;
import org.openledger.compute.scoring.TopScores;

/**
 * The prover's heavy arithmetic, one API over several devices. Integer scores and hashes are
 * bit-identical on every backend (the chain re-checks them); float results agree within the
 * tolerances stated in {@code docs/provers.md}. A backend holds native resources: close it.
 * Implementations are safe to call from one thread at a time.
 */
public interface ComputeBackend extends AutoCloseable {
  /** Which kind of backend this is. */
  BackendKind kind();

  /** What runs the work, for logs: library, device, vector width. */
  String description();

  /** C = A · B (float; A is m × k, B is k × n). */
  FloatMatrix gemm(FloatMatrix a, FloatMatrix b);

  /** C = A · Bᵀ (float; A is m × k, B is n × k) — the shape of projecting rows onto a basis. */
  FloatMatrix gemmTransposedB(FloatMatrix a, FloatMatrix b);

  /** Eigenvalues (ascending) and eigenvectors (rows) of a symmetric matrix; reads its lower triangle. */
  SymmetricEigen symmetricEigen(DoubleMatrix symmetric);

  /**
   * The lower-triangular L with {@code A = L Lᵀ}; reads A's lower triangle.
   *
   * @throws NotPositiveDefiniteException when A is not positive definite (add damping)
   */
  DoubleMatrix cholesky(DoubleMatrix symmetric);

  /** Projected per-example gradient features, n × (sum of the layers' feature counts). */
  FloatMatrix projectedGradients(FeatureRequest request);

  /** Every exact score {@code queries[r] · contributors[c]}, as a row-major rows × contributors array. */
  long[] scores(Int16Matrix queries, Int16Matrix contributors);

  /** Prepares contributor vectors for repeated {@link #scoreTopM(Int16Matrix, ScoringIndex, int)} calls. */
  ScoringIndex prepare(Int16Matrix contributors);

  /** The {@code m} best contributors of each query by exact score; ties go to the lower index. */
  TopScores scoreTopM(Int16Matrix queries, ScoringIndex contributors, int m);

  /** As {@link #scoreTopM(Int16Matrix, ScoringIndex, int)}, preparing the contributors for this call only. */
  default TopScores scoreTopM(Int16Matrix queries, Int16Matrix contributors, int m) {
    try (ScoringIndex index = prepare(contributors)) {
      return scoreTopM(queries, index, m);
    }
  }

  /** Keccak-256 of every message, 32 bytes each, end to end in message order. */
  byte[] keccak256(MessageBatch messages);

  @Override
  void close();
}

package org.openledger.prover.attribution.index;

import java.util.List;

import org.openledger.compute.ComputeBackend;
import org.openledger.compute.scoring.Int16Matrix;
import org.openledger.compute.scoring.ScoringIndex;
import org.openledger.compute.scoring.TopScores;
import org.openledger.contracts.attribution.IndexLeaf;

/**
 * Exact scores {@code s_c = ψ · u_c} of queries against every leaf of an index, on a compute
 * backend that keeps the leaves prepared between queries. Integer scores are bit-identical on
 * every backend; {@link #referenceScores} is the pure-Java definition they are tested against,
 * the same arithmetic as {@link IndexLeaf#score} that the chain runs.
 */
public final class LeafScorer implements AutoCloseable {
  private final ComputeBackend backend;
  private final Int16Matrix leaves;
  private final ScoringIndex prepared;

  public LeafScorer(ComputeBackend backend, List<IndexLeaf> leaves) {
    if (leaves.isEmpty()) {
      throw new IllegalArgumentException("an index to score against has at least one leaf");
    }
    int k = leaves.get(0).u().length;
    short[] data = new short[leaves.size() * k];
    for (int n = 0; n < leaves.size(); n++) {
      short[] u = leaves.get(n).u();
      if (u.length != k) {
        throw new IllegalArgumentException("leaf " + n + " has " + u.length + " coordinates, leaf 0 " + k);
      }
      System.arraycopy(u, 0, data, n * k, k);
    }
    this.backend = backend;
    this.leaves = new Int16Matrix(leaves.size(), k, data);
    this.prepared = backend.prepare(this.leaves);
  }

  /** The rank k every ψ must have. */
  public int rank() {
    return leaves.cols();
  }

  /** {@code ψ · u_n} for every leaf n, in index order. */
  public long[] scores(short[] psi) {
    return backend.scores(queryOf(psi), leaves);
  }

  /** The {@code m} best leaves by exact score, ties to the lower leaf index (positive or not). */
  public TopScores top(short[] psi, int m) {
    return backend.scoreTopM(queryOf(psi), prepared, m);
  }

  /** The scores as the chain computes them, one {@link IndexLeaf#score} per leaf. */
  public static long[] referenceScores(short[] psi, List<IndexLeaf> leaves) {
    long[] s = new long[leaves.size()];
    for (int n = 0; n < s.length; n++) {
      s[n] = leaves.get(n).score(psi);
    }
    return s;
  }

  private Int16Matrix queryOf(short[] psi) {
    if (psi.length != leaves.cols()) {
      throw new IllegalArgumentException("ψ has " + psi.length + " coordinates, the leaves " + leaves.cols());
    }
    return new Int16Matrix(1, psi.length, psi);
  }

  @Override
  public void close() {
    prepared.close();
  }
}

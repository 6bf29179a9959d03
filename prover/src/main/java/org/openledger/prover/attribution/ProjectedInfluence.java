package org.openledger.prover.attribution;

import org.openledger.contracts.attribution.BasisRows;

/**
 * {@code τ = (B ∇f)·(B Σ_{i∈group} g_i)} — what the chain pays on, in float or quantized. Quantized,
 * the basis is the committed int16 {@link BasisRows}; the group vectors {@code u} share one
 * power-of-two scale (the version's) and each query {@code ψ} has its own (docs §3), then the score
 * is an exact integer dot product.
 */
public final class ProjectedInfluence implements InfluenceScorer {
  private final AttributionProblem problem;
  private final Quantization quantization;
  private final Dense dense;
  private final int k;
  private final double[] projectedTrain; // n × k
  private final double[] projectedQueries; // tests × k

  public ProjectedInfluence(AttributionProblem problem, WhitenedPcaBasis basis, Quantization quantization, Dense dense) {
    this.problem = problem;
    this.quantization = quantization;
    this.dense = dense;
    this.k = basis.k();
    WhitenedPcaBasis used = quantization == Quantization.FLOAT ? basis : dequantizedRows(basis.quantize());
    this.projectedTrain = used.project(problem.trainGradients(), problem.trainSize(), dense);
    this.projectedQueries = used.project(problem.queryGradients(), problem.tests(), dense);
  }

  @Override
  public String name() {
    return "basis";
  }

  @Override
  public int rank() {
    return k;
  }

  @Override
  public Quantization quantization() {
    return quantization;
  }

  @Override
  public double[] influence(Groups groups) {
    double[] u = groups.sum(projectedTrain, k);
    int tests = problem.tests();
    int count = groups.count();
    if (quantization == Quantization.FLOAT) {
      return dense.multiply(false, true, tests, count, k, projectedQueries, u);
    }
    long[] uq = new long[u.length];
    Quantization.round(u, 0, u.length, quantization.exponent(u, 0, u.length), uq);
    long[] psi = new long[projectedQueries.length];
    for (int t = 0; t < tests; t++) {
      int from = t * k;
      Quantization.round(projectedQueries, from, from + k,
          quantization.exponent(projectedQueries, from, from + k), psi);
    }
    double[] tau = new double[Math.multiplyExact(tests, count)];
    for (int t = 0; t < tests; t++) {
      for (int g = 0; g < count; g++) {
        long s = 0;
        for (int j = 0; j < k; j++) {
          s += psi[t * k + j] * uq[g * k + j];
        }
        tau[t * count + g] = s;
      }
    }
    return tau;
  }

  /** The int16 rows as doubles: projecting with them is the exact integer projection, up to the scale. */
  private static WhitenedPcaBasis dequantizedRows(BasisRows q) {
    double[] rows = new double[q.rows().length];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = q.rows()[i];
    }
    return new WhitenedPcaBasis(q.k(), q.d(), rows, new double[q.k()]);
  }
}

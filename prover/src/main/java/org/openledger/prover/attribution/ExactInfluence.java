package org.openledger.prover.attribution;

/** The influence function itself, {@code τ = ∇f(x)ᵀ H⁻¹ g}: the reference every compression is judged against. */
public final class ExactInfluence implements InfluenceScorer {
  private final AttributionProblem problem;
  private final Dense dense;
  private final double[] queries; // ∇f H⁻¹, tests × d

  public ExactInfluence(AttributionProblem problem, HessianEigen hessian, Dense dense) {
    this.problem = problem;
    this.dense = dense;
    this.queries = hessian.timesPower(problem.queryGradients(), problem.tests(), -1, dense);
  }

  @Override
  public String name() {
    return "exact";
  }

  @Override
  public double[] influence(Groups groups) {
    int d = problem.dimension();
    return dense.multiply(false, true, problem.tests(), groups.count(), d,
        queries, groups.sum(problem.trainGradients(), d));
  }
}

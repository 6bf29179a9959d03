package org.openledger.prover.attribution;

/** {@code τ = ∇f(x)ᵀ g}: influence without the Hessian, the usual cheap baseline. */
public final class GradientDot implements InfluenceScorer {
  private final AttributionProblem problem;
  private final Dense dense;

  public GradientDot(AttributionProblem problem, Dense dense) {
    this.problem = problem;
    this.dense = dense;
  }

  @Override
  public String name() {
    return "gradient-dot";
  }

  @Override
  public double[] influence(Groups groups) {
    int d = problem.dimension();
    return dense.multiply(false, true, problem.tests(), groups.count(), d,
        problem.queryGradients(), groups.sum(problem.trainGradients(), d));
  }
}

package org.openledger.prover.attribution.kfac;

import java.util.List;

import org.openledger.compute.ComputeBackend;
import org.openledger.compute.features.LayerGradients;
import org.openledger.compute.linalg.FloatMatrix;

/**
 * The uncurved baseline {@code ∇f(x) · g_i} in raw parameter space (no Hessian), computed from the
 * factors: {@code ⟨s ãᵀ, s' ã'ᵀ⟩ = (s·s')(ã·ã')}, summed over layers.
 */
public final class GradientDot {

  private GradientDot() {}

  /** t × n: query r against training example i. */
  public static FloatMatrix scores(ComputeBackend backend, List<LayerGradients> queries, List<LayerGradients> train) {
    int t = queries.get(0).examples();
    int n = train.get(0).examples();
    float[] out = new float[Math.multiplyExact(t, n)];
    for (int l = 0; l < queries.size(); l++) {
      float[] ss = Factored.project(backend, queries.get(l).outputGrads(), train.get(l).outputGrads()).data();
      float[] aa = Factored.project(backend, queries.get(l).inputs(), train.get(l).inputs()).data();
      for (int q = 0; q < out.length; q++) {
        out[q] += ss[q] * aa[q];
      }
    }
    return new FloatMatrix(t, n, out);
  }
}

package org.openledger.prover.attribution.kfac;

import java.util.List;

import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.contracts.attribution.MlpBasisRow;
import org.openledger.prover.attribution.index.AttributionIndex;
import org.openledger.prover.attribution.index.ExampleOwner;
import org.openledger.prover.attribution.index.ProjectedLeaves;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.model.MlpQuantizer;

/**
 * A committed MLP's index leaves (docs/attribution.md §3, §3b): {@code u_c[j] = rs(Σ_{i∈c}
 * raw_j(g_i), e_U)} with {@code g_i} the exact integer negative loss gradient of example i. Unlike
 * logistic regression's, a row's projection is a product of two factor projections, not linear in
 * the dense gradient, so each example is projected (O(Σ_j |a_j| + |b_j|)) and the int64 projections
 * summed exactly; a sum that would leave int64 is refused.
 */
public final class MlpIndexBuilder {

  private final FixedMlp model;
  private final List<MlpBasisRow> rows;

  public MlpIndexBuilder(FixedMlp model, List<MlpBasisRow> rows) {
    this.model = model;
    this.rows = List.copyOf(rows);
  }

  /**
   * @throws IllegalArgumentException when the owners do not match the examples or one
   *     (contributor, datanet) names two contributions roots
   * @throws ArithmeticException when an example's projection or a leaf's sum leaves int64
   */
  public AttributionIndex build(LabelledImages data, List<ExampleOwner> owners) {
    return ProjectedLeaves.build(data.size(), owners, rows.size(), i -> {
      FixedMlp.Gradient g = model.lossGradient(MlpQuantizer.pixels(data.images(), i), data.label(i));
      long[] p = new long[rows.size()];
      for (int j = 0; j < p.length; j++) p[j] = rows.get(j).raw(g);
      return p;
    });
  }
}

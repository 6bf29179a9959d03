package org.openledger.prover.attribution.adapter;

import java.util.List;
import org.openledger.prover.attribution.index.AttributionIndex;
import org.openledger.prover.attribution.index.ExampleOwner;
import org.openledger.prover.attribution.index.ProjectedLeaves;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.lora.BaseMlp;
import org.openledger.prover.lora.LoraAdapter;
import org.openledger.prover.lora.LoraGradient;

/**
 * An adapter version's index leaves: {@code u_c[j] = rs(Σ_{i∈c} raw_j(−∇L_i), e_U)} over the
 * adapter's parameters, one leaf per (contributor, datanet) in the order every index uses
 * (contributor address, then datanet id), so the chain's verifier reads it like any other index.
 * Each example is projected on its own (a row's projection is a product of two factor
 * projections) and the int64 projections are summed exactly; a sum that leaves int64 is refused.
 */
public final class AdapterIndexBuilder {
  private final LoraGradient gradient;
  private final List<AdapterBasisRow> rows;

  public AdapterIndexBuilder(BaseMlp base, LoraAdapter adapter, List<AdapterBasisRow> rows) {
    this.gradient = new LoraGradient(base, adapter);
    this.rows = List.copyOf(rows);
  }

  /**
   * @throws IllegalArgumentException when the owners do not match the examples or one
   *     (contributor, datanet) names two contributions roots
   * @throws ArithmeticException when a projection or a leaf's sum leaves int64
   */
  public AttributionIndex build(LabelledImages data, List<ExampleOwner> owners) {
    return ProjectedLeaves.build(data.size(), owners, rows.size(), i -> exampleProjection(BaseMlp.pixels(data, i), data.label(i)));
  }

  /** {@code raw_j(−∇L_i)} of one training example over every row. */
  public long[] exampleProjection(float[] pixels, int label) {
    LoraGradient.Factored g = gradient.negativeLossFactors(pixels, label);
    long[] out = new long[rows.size()];
    for (int j = 0; j < out.length; j++) out[j] = rows.get(j).raw(g);
    return out;
  }
}

package org.openledger.prover.attribution.kfac;

import java.util.List;

import org.openledger.compute.ComputeBackend;
import org.openledger.compute.features.LayerGradients;
import org.openledger.compute.linalg.FloatMatrix;

/**
 * The attribution basis of an MLP: {@code k} rows, each the Kronecker product of an eigenvector of
 * one layer's output factor S and one of its input factor A, whitened by
 * {@code (Λ + λ)^{-1/2}}. Row {@code r} projects a layer gradient {@code G = s ãᵀ} to
 * {@code weight_r · (b_outᵀ s)(b_inᵀ ã)}, so {@code Σ_r ψ_r u_r ≈ ∇fᵀ H⁻¹ g} without a d-vector.
 *
 * <p>Rows are in the order they were chosen (highest whitened variance first).
 *
 * @param layers per layer, the distinct factor vectors the rows use
 * @param rows the chosen Kronecker pairs
 */
public record KfacBasis(List<Layer> layers, List<Row> rows) {

  /**
   * One layer's factor vectors (rows of unit length, float).
   *
   * @param outFactors eigenvectors of S used by some row, kOut × out
   * @param inFactors eigenvectors of A used by some row, kIn × (in + 1)
   */
  public record Layer(FloatMatrix outFactors, FloatMatrix inFactors) {}

  /**
   * @param layer which layer's gradient this row reads
   * @param outSlot row of that layer's {@code outFactors}
   * @param inSlot row of that layer's {@code inFactors}
   * @param weight the whitening {@code (Λ_{out,in} + λ)^{-1/2}}
   * @param variance the criterion it was chosen by: the mean squared whitened training gradient
   *     along this row
   */
  public record Row(int layer, int outSlot, int inSlot, double weight, double variance) {}

  public KfacBasis {
    layers = List.copyOf(layers);
    rows = List.copyOf(rows);
  }

  public int rank() {
    return rows.size();
  }

  /** Values that make up row {@code r} as published: its two factor vectors, whitening folded in. */
  public int rowValues(int r) {
    Layer l = layers.get(rows.get(r).layer());
    return l.outFactors().cols() + l.inFactors().cols();
  }

  /** Row {@code r}'s output factor with its whitening folded in: {@code weight · b_out}. */
  public float[] outFactor(int r) {
    Row row = rows.get(r);
    FloatMatrix m = layers.get(row.layer()).outFactors();
    float[] v = new float[m.cols()];
    for (int j = 0; j < v.length; j++) {
      v[j] = (float) (row.weight() * m.get(row.outSlot(), j));
    }
    return v;
  }

  /** Row {@code r}'s input factor {@code b_in}. */
  public float[] inFactor(int r) {
    Row row = rows.get(r);
    FloatMatrix m = layers.get(row.layer()).inFactors();
    float[] v = new float[m.cols()];
    System.arraycopy(m.data(), row.inSlot() * m.cols(), v, 0, v.length);
    return v;
  }

  /**
   * {@code B g} for every example of {@code gradients} (one {@link LayerGradients} per layer, as
   * {@link MlpGradients} gives them): n × k. Two GEMMs per layer project s and ã onto the factor
   * vectors; each feature is then one product.
   */
  public FloatMatrix project(ComputeBackend backend, List<LayerGradients> gradients) {
    if (gradients.size() != layers.size()) {
      throw new IllegalArgumentException(gradients.size() + " layers of gradients, the basis has " + layers.size());
    }
    int n = gradients.get(0).examples();
    FloatMatrix[] ps = new FloatMatrix[layers.size()];
    FloatMatrix[] pa = new FloatMatrix[layers.size()];
    for (int l = 0; l < layers.size(); l++) {
      LayerGradients g = gradients.get(l);
      Layer layer = layers.get(l);
      if (g.outDim() != layer.outFactors().cols() || g.inDim() != layer.inFactors().cols()) {
        throw new IllegalArgumentException("layer " + l + " gradients " + g.outDim() + "×" + g.inDim()
            + " do not fit factors " + layer.outFactors().cols() + "×" + layer.inFactors().cols());
      }
      ps[l] = Factored.project(backend, g.outputGrads(), layer.outFactors());
      pa[l] = Factored.project(backend, g.inputs(), layer.inFactors());
    }
    int k = rows.size();
    float[] out = new float[Math.multiplyExact(n, k)];
    for (int r = 0; r < k; r++) {
      Row row = rows.get(r);
      FloatMatrix s = ps[row.layer()];
      FloatMatrix a = pa[row.layer()];
      float w = (float) row.weight();
      for (int i = 0; i < n; i++) {
        out[i * k + r] = w * s.get(i, row.outSlot()) * a.get(i, row.inSlot());
      }
    }
    return new FloatMatrix(n, k, out);
  }
}

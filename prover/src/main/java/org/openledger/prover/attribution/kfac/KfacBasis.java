package org.openledger.prover.attribution.kfac;

import java.util.ArrayList;
import java.util.List;

import org.openledger.compute.ComputeBackend;
import org.openledger.compute.features.FeatureRequest;
import org.openledger.compute.features.LayerBasis;
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
   * {@link MlpGradients} gives them): n × k, on the compute backend's fused Kronecker-pair kernel
   * ({@link LayerBasis.KroneckerPairs}: two thin GEMMs per layer project s and ã onto the factor
   * vectors, then each feature is one product).
   */
  public FloatMatrix project(ComputeBackend backend, List<LayerGradients> gradients) {
    if (gradients.size() != layers.size()) {
      throw new IllegalArgumentException(gradients.size() + " layers of gradients, the basis has " + layers.size());
    }
    int n = gradients.get(0).examples();
    int k = rows.size();
    // the kernel returns each layer's features together, layers in order; column[r] is row r's place there
    int[] column = new int[k];
    List<LayerBasis> bases = new ArrayList<>();
    int placed = 0;
    for (int l = 0; l < layers.size(); l++) {
      LayerGradients g = gradients.get(l);
      Layer layer = layers.get(l);
      if (g.outDim() != layer.outFactors().cols() || g.inDim() != layer.inFactors().cols()) {
        throw new IllegalArgumentException("layer " + l + " gradients " + g.outDim() + "×" + g.inDim()
            + " do not fit factors " + layer.outFactors().cols() + "×" + layer.inFactors().cols());
      }
      int count = 0;
      for (Row row : rows) {
        count += row.layer() == l ? 1 : 0;
      }
      int[] outSlots = new int[count];
      int[] inSlots = new int[count];
      float[] weights = new float[count];
      int q = 0;
      for (int r = 0; r < k; r++) {
        Row row = rows.get(r);
        if (row.layer() == l) {
          outSlots[q] = row.outSlot();
          inSlots[q] = row.inSlot();
          weights[q] = (float) row.weight();
          column[r] = placed + q++;
        }
      }
      bases.add(new LayerBasis.KroneckerPairs(layer.outFactors(), layer.inFactors(), outSlots, inSlots, weights));
      placed += count;
    }
    float[] grouped = backend.projectedGradients(new FeatureRequest(gradients, bases)).data();
    float[] out = new float[Math.multiplyExact(n, k)];
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < k; r++) {
        out[i * k + r] = grouped[i * k + column[r]];
      }
    }
    return new FloatMatrix(n, k, out);
  }
}

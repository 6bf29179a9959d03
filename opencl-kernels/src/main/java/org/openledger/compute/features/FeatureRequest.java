package org.openledger.compute.features;

import java.util.List;

/**
 * Projected per-example gradient features for a network of layers: row i of the result is the
 * concatenation, layer by layer, of {@code basis · vec(outputGrads[i] ⊗ inputs[i])}.
 */
public record FeatureRequest(List<LayerGradients> layers, List<LayerBasis> bases) {
  public FeatureRequest {
    layers = List.copyOf(layers);
    bases = List.copyOf(bases);
    if (layers.isEmpty() || layers.size() != bases.size()) {
      throw new IllegalArgumentException(
          "need one basis per layer and at least one layer, got " + layers.size() + " layers and " + bases.size() + " bases");
    }
    int n = layers.get(0).examples();
    for (int l = 0; l < layers.size(); l++) {
      if (layers.get(l).examples() != n) {
        throw new IllegalArgumentException("layer " + l + " has " + layers.get(l).examples() + " examples, layer 0 has " + n);
      }
      bases.get(l).checkFits(layers.get(l).outDim(), layers.get(l).inDim());
    }
  }

  /** One linear layer with a dense basis: the logistic-regression case. */
  public static FeatureRequest linear(LayerGradients layer, LayerBasis basis) {
    return new FeatureRequest(List.of(layer), List.of(basis));
  }

  public int examples() {
    return layers.get(0).examples();
  }

  public int features() {
    int k = 0;
    for (LayerBasis b : bases) {
      k = Math.addExact(k, b.features());
    }
    return k;
  }
}

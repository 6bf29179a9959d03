package org.openledger.compute.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.openledger.compute.ComputeBackend;
import org.openledger.compute.linalg.FloatMatrix;
import org.openledger.compute.testing.RandomMatrices;
import org.openledger.compute.testing.TestBackends;

/**
 * The fused features equal the definition — materialise each example's gradient p ⊗ x, multiply
 * by the basis — computed in double, within (out + in + 4)·2⁻²³ · Σ|terms| (float products and
 * sums in any order; the terms include the last class's, B_L·(p_o x), which the CPU backend's
 * zero-sum path subtracts).
 */
class FeatureProperties {

  /**
   * With {@code softmax}, the output gradients are softmax residuals (each row sums to zero,
   * computed in double and stored as floats, as the prover's are), which the CPU backend's
   * out − 1 class path takes; otherwise they are unstructured.
   */
  @Property(tries = 100)
  void denseFeaturesEqualTheMaterialisedGradientTimesTheBasis(
      @ForAll @IntRange(min = 1, max = 20) int n,
      @ForAll @IntRange(min = 1, max = 12) int out,
      @ForAll @IntRange(min = 1, max = 30) int in,
      @ForAll @IntRange(min = 1, max = 40) int k,
      @ForAll boolean softmax,
      @ForAll long seed) {
    Random random = new Random(seed);
    FloatMatrix p = softmax && out > 1 ? RandomMatrices.softmaxResiduals(random, n, out) : RandomMatrices.floats(random, n, out);
    LayerGradients layer = new LayerGradients(p, RandomMatrices.floats(random, n, in));
    FloatMatrix basis = RandomMatrices.floats(random, k, out * in);
    FeatureRequest request = FeatureRequest.linear(layer, new LayerBasis.Dense(basis));
    for (ComputeBackend backend : TestBackends.all()) {
      assertMatchesDefinition(backend.projectedGradients(request), request, backend);
    }
  }

  @Property(tries = 60)
  void kroneckerLayersConcatenateTheirFactoredFeatures(
      @ForAll @IntRange(min = 1, max = 20) int n,
      @ForAll @IntRange(min = 1, max = 10) int hidden,
      @ForAll @IntRange(min = 1, max = 12) int in,
      @ForAll @IntRange(min = 1, max = 6) int classes,
      @ForAll @IntRange(min = 1, max = 5) int kOut,
      @ForAll @IntRange(min = 1, max = 7) int kIn,
      @ForAll long seed) {
    Random random = new Random(seed);
    // a two-layer MLP: in -> hidden -> classes, each layer with its own Kronecker factors
    LayerGradients first = new LayerGradients(RandomMatrices.floats(random, n, hidden), RandomMatrices.floats(random, n, in));
    LayerGradients second = new LayerGradients(RandomMatrices.floats(random, n, classes), RandomMatrices.floats(random, n, hidden));
    FeatureRequest request = new FeatureRequest(List.of(first, second), List.of(
        new LayerBasis.Kronecker(RandomMatrices.floats(random, kOut, hidden), RandomMatrices.floats(random, kIn, in)),
        new LayerBasis.Dense(RandomMatrices.floats(random, kIn, classes * hidden))));
    for (ComputeBackend backend : TestBackends.all()) {
      assertMatchesDefinition(backend.projectedGradients(request), request, backend);
    }
  }

  /** The prover's K-FAC basis shape: pairs chosen from two layers' factors, repeats and gaps allowed. */
  @Property(tries = 60)
  void chosenKroneckerPairsEqualTheirWrittenOutRows(
      @ForAll @IntRange(min = 1, max = 20) int n,
      @ForAll @IntRange(min = 1, max = 10) int hidden,
      @ForAll @IntRange(min = 1, max = 12) int in,
      @ForAll @IntRange(min = 1, max = 6) int classes,
      @ForAll @IntRange(min = 0, max = 30) int pairs,
      @ForAll long seed) {
    Random random = new Random(seed);
    LayerGradients first = new LayerGradients(RandomMatrices.floats(random, n, hidden), RandomMatrices.floats(random, n, in));
    LayerGradients second = new LayerGradients(RandomMatrices.floats(random, n, classes), RandomMatrices.floats(random, n, hidden));
    FeatureRequest request = new FeatureRequest(List.of(first, second), List.of(
        randomPairs(random, hidden, in, pairs), randomPairs(random, classes, hidden, 1 + pairs / 2)));
    for (ComputeBackend backend : TestBackends.all()) {
      assertMatchesDefinition(backend.projectedGradients(request), request, backend);
    }
  }

  @Test
  void aPairOutsideTheFactorsIsRefused() {
    assertThatThrownBy(() -> new LayerBasis.KroneckerPairs(FloatMatrix.zeros(2, 3), FloatMatrix.zeros(4, 5),
        new int[] {2}, new int[] {0}, new float[] {1f}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pair 0 (2, 0)");
  }

  private static LayerBasis.KroneckerPairs randomPairs(Random random, int out, int in, int count) {
    int kOut = 1 + random.nextInt(4);
    int kIn = 1 + random.nextInt(5);
    int[] os = new int[count];
    int[] is = new int[count];
    float[] w = new float[count];
    for (int q = 0; q < count; q++) {
      os[q] = random.nextInt(kOut);
      is[q] = random.nextInt(kIn);
      w[q] = 0.25f + 2 * random.nextFloat();
    }
    return new LayerBasis.KroneckerPairs(RandomMatrices.floats(random, kOut, out), RandomMatrices.floats(random, kIn, in), os, is, w);
  }

  @Test
  void aBasisOfTheWrongWidthIsRefused() {
    LayerGradients layer = new LayerGradients(FloatMatrix.zeros(2, 3), FloatMatrix.zeros(2, 4));
    assertThatThrownBy(() -> FeatureRequest.linear(layer, new LayerBasis.Dense(FloatMatrix.zeros(5, 11))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3x4");
  }

  @Test
  void layersWithDifferentExampleCountsAreRefused() {
    LayerGradients a = new LayerGradients(FloatMatrix.zeros(2, 1), FloatMatrix.zeros(2, 1));
    LayerGradients b = new LayerGradients(FloatMatrix.zeros(3, 1), FloatMatrix.zeros(3, 1));
    LayerBasis basis = new LayerBasis.Dense(FloatMatrix.zeros(1, 1));
    assertThatThrownBy(() -> new FeatureRequest(List.of(a, b), List.of(basis, basis))).isInstanceOf(IllegalArgumentException.class);
  }

  /** The definition: g_i = vec(p_i ⊗ x_i), features = B_dense g_i or (B_out ⊗ B_in) g_i. */
  static void assertMatchesDefinition(FloatMatrix actual, FeatureRequest request, ComputeBackend backend) {
    int n = request.examples();
    assertThat(actual.rows()).isEqualTo(n);
    assertThat(actual.cols()).isEqualTo(request.features());
    for (int i = 0; i < n; i++) {
      int column = 0;
      for (int l = 0; l < request.layers().size(); l++) {
        LayerGradients layer = request.layers().get(l);
        int out = layer.outDim();
        int in = layer.inDim();
        double[] gradient = new double[out * in];
        for (int o = 0; o < out; o++) {
          for (int j = 0; j < in; j++) {
            gradient[o * in + j] = (double) layer.outputGrads().get(i, o) * layer.inputs().get(i, j);
          }
        }
        FloatMatrix rows = denseRows(request.bases().get(l), out, in);
        double gamma = (out + in + 4) * 0x1p-23;
        for (int r = 0; r < rows.rows(); r++) {
          double exact = 0;
          double magnitude = 0;
          for (int e = 0; e < gradient.length; e++) {
            exact += rows.get(r, e) * gradient[e];
            // the second term: a dense path that eliminates the last class multiplies B_o − B_L
            magnitude += Math.abs(rows.get(r, e) * gradient[e]) + Math.abs(rows.get(r, (out - 1) * in + e % in) * gradient[e]);
          }
          assertThat(Math.abs(actual.get(i, column + r) - exact))
              .as("%s example %d layer %d feature %d", backend.description(), i, l, r)
              .isLessThanOrEqualTo(gamma * magnitude + 1e-30);
        }
        column += rows.rows();
      }
    }
  }

  /**
   * A Kronecker basis written out as its dense rows: row a·kIn + b is B_out[a] ⊗ B_in[b]; chosen
   * pairs' row q is w_q · B_out[os_q] ⊗ B_in[is_q].
   */
  private static FloatMatrix denseRows(LayerBasis basis, int out, int in) {
    return switch (basis) {
      case LayerBasis.Dense dense -> dense.rows();
      case LayerBasis.Kronecker kron -> {
        int kOut = kron.outFactor().rows();
        int kIn = kron.inFactor().rows();
        float[] rows = new float[kOut * kIn * out * in];
        for (int a = 0; a < kOut; a++) {
          for (int b = 0; b < kIn; b++) {
            for (int o = 0; o < out; o++) {
              for (int j = 0; j < in; j++) {
                rows[((a * kIn + b) * out + o) * in + j] = kron.outFactor().get(a, o) * kron.inFactor().get(b, j);
              }
            }
          }
        }
        yield new FloatMatrix(kOut * kIn, out * in, rows);
      }
      case LayerBasis.KroneckerPairs pairs -> {
        int q = pairs.features();
        float[] rows = new float[q * out * in];
        for (int r = 0; r < q; r++) {
          for (int o = 0; o < out; o++) {
            for (int j = 0; j < in; j++) {
              rows[(r * out + o) * in + j] = pairs.weights()[r] * pairs.outFactor().get(pairs.outSlots()[r], o)
                  * pairs.inFactor().get(pairs.inSlots()[r], j);
            }
          }
        }
        yield new FloatMatrix(q, out * in, rows);
      }
    };
  }
}

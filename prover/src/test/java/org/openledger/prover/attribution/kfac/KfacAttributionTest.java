package org.openledger.prover.attribution.kfac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openledger.compute.ComputeBackend;
import org.openledger.compute.ComputeBackends;
import org.openledger.compute.features.LayerGradients;
import org.openledger.compute.linalg.FloatMatrix;
import org.openledger.prover.data.Images;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.model.Mlp;
import org.openledger.prover.model.MlpTrainingConfig;

/**
 * The algebra of the K-FAC basis on a model small enough to check densely: 2×2 pixels, 3 hidden
 * units, 3 classes (27 parameters), so every Kronecker row, factor and inverse can be formed here —
 * which the production code never does.
 */
class KfacAttributionTest {

  private static final int CLASSES = 3;
  private static final double DAMPING = 1e-2;

  private static ComputeBackend backend;
  private static LabelledImages train;
  private static Mlp model;
  private static KfacAttribution all;

  @BeforeAll
  static void trainTinyModel() {
    backend = ComputeBackends.open();
    SplittableRandom random = new SplittableRandom(5);
    int n = 60;
    byte[] pixels = new byte[n * 4];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int j = 0; j < 4; j++) {
        pixels[i * 4 + j] = (byte) random.nextInt(256);
      }
      // class: which of the first three pixels is brightest — learnable, not separable by one unit
      for (int j = 1; j < 3; j++) {
        if ((pixels[i * 4 + j] & 0xff) > (pixels[i * 4 + best] & 0xff)) {
          best = j;
        }
      }
      labels[i] = (byte) best;
    }
    train = new LabelledImages(new Images(n, 2, 2, pixels), labels);
    model = Mlp.train(train, CLASSES, new MlpTrainingConfig(3, 3, 40, 8, 0.2, 1e-3));
    all = KfacAttribution.build(backend, model, train, new KfacConfig(KfacConfig.ALL_PAIRS, DAMPING, 16));
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  @Test
  void everyKroneckerPairIsARowWhenAllPairsAreAsked() {
    assertThat(all.basis().rank()).isEqualTo(model.parameterCount());
  }

  @Test
  void projectionOntoARowIsTheProductOfTheFactorProjections() {
    List<LayerGradients> g = MlpGradients.negativeLossGradients(model, train, 0, 5);
    FloatMatrix features = all.trainingFeatures();
    for (int r = 0; r < all.basis().rank(); r++) {
      int layer = all.basis().rows().get(r).layer();
      double[] row = kron(all.basis().outFactor(r), all.basis().inFactor(r));
      for (int i = 0; i < 5; i++) {
        double dense = dot(row, flat(g.get(layer), i));
        assertThat((double) features.get(i, r)).isCloseTo(dense, within(1e-4 + 1e-4 * Math.abs(dense)));
      }
    }
  }

  @Test
  void inputFactorVectorsAreEigenvectorsOfTheInputSecondMoment() {
    for (int layer = 0; layer < MlpGradients.LAYERS; layer++) {
      LayerGradients g = MlpGradients.negativeLossGradients(model, train, 0, train.size()).get(layer);
      double[][] a = new double[g.inDim()][g.inDim()];
      for (int i = 0; i < g.examples(); i++) {
        for (int p = 0; p < g.inDim(); p++) {
          for (int q = 0; q < g.inDim(); q++) {
            a[p][q] += g.inputs().get(i, p) * g.inputs().get(i, q) / g.examples();
          }
        }
      }
      FloatMatrix vectors = all.basis().layers().get(layer).inFactors();
      for (int v = 0; v < vectors.rows(); v++) {
        double[] q = new double[vectors.cols()];
        for (int j = 0; j < q.length; j++) {
          q[j] = vectors.get(v, j);
        }
        double[] aq = times(a, q);
        double rayleigh = dot(q, aq);
        assertThat(dot(q, q)).isCloseTo(1.0, within(1e-5));
        for (int j = 0; j < q.length; j++) {
          assertThat(aq[j]).isCloseTo(rayleigh * q[j], within(1e-4 * (1 + Math.abs(rayleigh))));
        }
      }
    }
  }

  @Test
  void rowWhiteningIsTheGaussNewtonCurvatureAlongTheRowPlusDamping() {
    for (int layer = 0; layer < MlpGradients.LAYERS; layer++) {
      double[][] ggn = denseGaussNewton(layer);
      for (int r = 0; r < all.basis().rank(); r++) {
        KfacBasis.Row row = all.basis().rows().get(r);
        if (row.layer() != layer) {
          continue;
        }
        double[] u = kron(unwhitened(r), all.basis().inFactor(r));
        double curvature = dot(u, times(ggn, u));
        assertThat(1 / (row.weight() * row.weight())).isCloseTo(curvature + DAMPING, within(1e-4 * (curvature + DAMPING)));
      }
    }
  }

  @Test
  void allPairsScoresAreTheDampedEkfacInverse() {
    int[] examples = {0, 1, 2, 3};
    int[] classes = new int[examples.length];
    for (int r = 0; r < examples.length; r++) {
      classes[r] = model.predict(train.images(), examples[r]);
    }
    FloatMatrix scores = all.exampleScores(backend, all.queryFeatures(backend, train.images(), examples, classes));
    List<LayerGradients> q = MlpGradients.marginGradients(model, train.images(), examples, classes);
    List<LayerGradients> g = MlpGradients.negativeLossGradients(model, train, 0, train.size());
    double[][][] inverse = new double[MlpGradients.LAYERS][][];
    for (int layer = 0; layer < MlpGradients.LAYERS; layer++) {
      inverse[layer] = invert(ekfacPlusDamping(layer));
    }
    for (int r = 0; r < examples.length; r++) {
      for (int i = 0; i < train.size(); i++) {
        double tau = 0;
        for (int layer = 0; layer < MlpGradients.LAYERS; layer++) {
          tau += dot(flat(q.get(layer), r), times(inverse[layer], flat(g.get(layer), i)));
        }
        assertThat((double) scores.get(r, i)).isCloseTo(tau, within(1e-3 * (1 + Math.abs(tau))));
      }
    }
  }

  @Test
  void rowsComeInDescendingWhitenedVariance() {
    List<KfacBasis.Row> rows = all.basis().rows();
    for (int r = 1; r < rows.size(); r++) {
      assertThat(rows.get(r).variance()).isLessThanOrEqualTo(rows.get(r - 1).variance());
    }
  }

  @Test
  void aSmallerRankKeepsTheLeadingRowsOfTheFullBasis() {
    KfacAttribution top = KfacAttribution.build(backend, model, train, new KfacConfig(7, DAMPING, 16));
    assertThat(top.basis().rank()).isEqualTo(7);
    for (int r = 0; r < 7; r++) {
      assertThat(top.basis().rows().get(r).variance()).isEqualTo(all.basis().rows().get(r).variance());
      assertThat(top.basis().inFactor(r)).isEqualTo(all.basis().inFactor(r));
    }
  }

  @Test
  void aRowIsTwoFactorVectorsNotAParameterVector() {
    for (int r = 0; r < all.basis().rank(); r++) {
      int layer = all.basis().rows().get(r).layer();
      int expected = layer == 0 ? model.hidden() + model.inputs() + 1 : model.classes() + model.hidden() + 1;
      assertThat(all.basis().rowValues(r)).isEqualTo(expected);
    }
  }

  @Test
  void aCorrectlyPredictedTrainingExampleSupportsItsOwnOutputAtEveryRank() {
    // docs §1: g = onehot(y) − p = (1 − p_y)·∇_z margin when ŷ = y, so τ_self = (1 − p_y)·|ψ|² ≥ 0
    KfacAttribution top = KfacAttribution.build(backend, model, train, new KfacConfig(5, DAMPING, 16));
    for (KfacAttribution a : List.of(all, top)) {
      for (int i = 0; i < train.size(); i++) {
        int predicted = model.predict(train.images(), i);
        if (predicted != train.label(i)) {
          continue;
        }
        FloatMatrix psi = a.queryFeatures(backend, train.images(), new int[] {i}, new int[] {predicted});
        double expected = (1 - Mlp.softmax(model.logits(train.images(), i))[predicted]) * dot(psi.data(), psi.data());
        float self = a.exampleScores(backend, psi).get(0, i);
        assertThat(self).isGreaterThanOrEqualTo(0f);
        assertThat((double) self).isCloseTo(expected, within(1e-3 * (1 + expected)));
      }
    }
  }

  @Test
  void contributorScoresAreTheSumsOfTheirExamplesScores() {
    int[] owner = new int[train.size()];
    for (int i = 0; i < owner.length; i++) {
      owner[i] = i % 4;
    }
    FloatMatrix psi = all.queryFeatures(backend, train.images(), new int[] {0}, new int[] {model.predict(train.images(), 0)});
    FloatMatrix perExample = all.exampleScores(backend, psi);
    FloatMatrix perContributor = all.contributorScores(backend, psi, all.contributorVectors(owner, 4));
    for (int c = 0; c < 4; c++) {
      double sum = 0;
      for (int i = c; i < owner.length; i += 4) {
        sum += perExample.get(0, i);
      }
      assertThat((double) perContributor.get(0, c)).isCloseTo(sum, within(1e-3 * (1 + Math.abs(sum))));
    }
  }

  /** (1/n) Σ_x Σ_c p_c vec(s_c ãᵀ) vec(s_c ãᵀ)ᵀ for one layer, formed densely. */
  private static double[][] denseGaussNewton(int layer) {
    LayerGradients d = MlpGradients.gaussNewtonDirections(model, train.images(), 0, train.size()).get(layer);
    int dim = d.outDim() * d.inDim();
    double[][] ggn = new double[dim][dim];
    for (int row = 0; row < d.examples(); row++) {
      double[] v = flat(d, row);
      for (int p = 0; p < dim; p++) {
        for (int q = 0; q < dim; q++) {
          ggn[p][q] += v[p] * v[q] / train.size();
        }
      }
    }
    return ggn;
  }

  /** Σ_rows Λ u uᵀ + λI over the layer's rows, with Λ read back from each row's whitening. */
  private static double[][] ekfacPlusDamping(int layer) {
    LayerGradients g = MlpGradients.negativeLossGradients(model, train, 0, 1).get(layer);
    int dim = g.outDim() * g.inDim();
    double[][] m = new double[dim][dim];
    for (int p = 0; p < dim; p++) {
      m[p][p] = DAMPING;
    }
    for (int r = 0; r < all.basis().rank(); r++) {
      KfacBasis.Row row = all.basis().rows().get(r);
      if (row.layer() != layer) {
        continue;
      }
      double lambda = 1 / (row.weight() * row.weight()) - DAMPING;
      double[] u = kron(unwhitened(r), all.basis().inFactor(r));
      for (int p = 0; p < dim; p++) {
        for (int q = 0; q < dim; q++) {
          m[p][q] += lambda * u[p] * u[q];
        }
      }
    }
    return m;
  }

  private static float[] unwhitened(int r) {
    float[] out = all.basis().outFactor(r);
    double w = all.basis().rows().get(r).weight();
    float[] v = new float[out.length];
    for (int j = 0; j < v.length; j++) {
      v[j] = (float) (out[j] / w);
    }
    return v;
  }

  private static double[] flat(LayerGradients g, int i) {
    double[] v = new double[g.outDim() * g.inDim()];
    for (int o = 0; o < g.outDim(); o++) {
      for (int j = 0; j < g.inDim(); j++) {
        v[o * g.inDim() + j] = (double) g.outputGrads().get(i, o) * g.inputs().get(i, j);
      }
    }
    return v;
  }

  private static double[] kron(float[] out, float[] in) {
    double[] v = new double[out.length * in.length];
    for (int o = 0; o < out.length; o++) {
      for (int j = 0; j < in.length; j++) {
        v[o * in.length + j] = (double) out[o] * in[j];
      }
    }
    return v;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  private static double[] times(double[][] m, double[] v) {
    double[] out = new double[m.length];
    for (int p = 0; p < m.length; p++) {
      out[p] = dot(m[p], v);
    }
    return out;
  }

  /** Gauss–Jordan with partial pivoting; the matrices here are small and well conditioned (λ > 0). */
  private static double[][] invert(double[][] m) {
    int n = m.length;
    double[][] a = new double[n][2 * n];
    for (int p = 0; p < n; p++) {
      System.arraycopy(m[p], 0, a[p], 0, n);
      a[p][n + p] = 1;
    }
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int p = c + 1; p < n; p++) {
        if (Math.abs(a[p][c]) > Math.abs(a[pivot][c])) {
          pivot = p;
        }
      }
      double[] t = a[c];
      a[c] = a[pivot];
      a[pivot] = t;
      double d = a[c][c];
      for (int q = 0; q < 2 * n; q++) {
        a[c][q] /= d;
      }
      for (int p = 0; p < n; p++) {
        if (p != c && a[p][c] != 0) {
          double f = a[p][c];
          for (int q = 0; q < 2 * n; q++) {
            a[p][q] -= f * a[c][q];
          }
        }
      }
    }
    double[][] inv = new double[n][n];
    for (int p = 0; p < n; p++) {
      System.arraycopy(a[p], n, inv[p], 0, n);
    }
    return inv;
  }
}

package org.openledger.prover.attribution.kfac;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.openledger.compute.ComputeBackend;
import org.openledger.compute.features.LayerGradients;
import org.openledger.compute.linalg.DoubleMatrix;
import org.openledger.compute.linalg.FloatMatrix;
import org.openledger.compute.linalg.SymmetricEigen;
import org.openledger.prover.data.Images;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.model.Mlp;

/**
 * EK-FAC influence for an {@link Mlp} through a compact Kronecker basis.
 *
 * <p><b>Curvature.</b> Per layer, {@code A = E[ã ãᵀ]} (inputs with the bias 1) and
 * {@code S = E[Σ_c p_c s_c s_cᵀ]} with {@code s_c} the pre-activation gradient of the logit
 * direction {@code e_c − p}: the Gauss–Newton matrix, i.e. the Fisher with labels drawn from the
 * model — taken in expectation over all classes rather than sampled, so it is deterministic (an
 * attester rebuilds the same factors) and free of the empirical Fisher's bias (true labels at a
 * fitted model under-weight exactly the directions the model is unsure about). With
 * {@code A = Q_Aᵀ diag(α) Q_A} and {@code S = Q_Sᵀ diag(σ) Q_S}, the eigenvalue correction
 * (George et al., EK-FAC) replaces {@code σ_j α_i} by the measured Gauss–Newton second moment
 * {@code Λ_{ji} = E[Σ_c p_c (q_jᵀ s_c)² (q_iᵀ ã)²]} along {@code q_j ⊗ q_i}.
 *
 * <p><b>Damping.</b> Plain and exact: the inverse is {@code (Λ_{ji} + λ)^{-1}} in the eigenbasis,
 * which is the exact inverse of {@code Q (diag Λ) Qᵀ + λI} — no π-split between the factors is
 * needed because nothing is inverted factor by factor.
 *
 * <p><b>Basis.</b> Row {@code (j, i)} of a layer is {@code (Λ_{ji} + λ)^{-1/2} · q_j ⊗ q_i}. The
 * {@code k} rows kept, over all layers together, are those with the largest measured variance of
 * the whitened training gradients {@code E[(q_jᵀ s)² (q_iᵀ ã)²] / (Λ_{ji} + λ)} (true-label
 * negative loss gradients: the {@code g_i} the index projects). In the eigenbasis the whitened
 * coordinates are (approximately) uncorrelated, so this is DESIGN §6's whitened-PCA criterion
 * — keep the directions carrying most whitened gradient energy — restricted to Kronecker rows;
 * it also measures what the eigenvalue-product criterion {@code Λ/(Λ+λ)} only assumes.
 * Layers are block-diagonal: cross-layer curvature is ignored (standard K-FAC).
 */
public final class KfacAttribution {

  private final Mlp model;
  private final KfacConfig config;
  private final KfacBasis basis;
  private final FloatMatrix trainingFeatures;

  private KfacAttribution(Mlp model, KfacConfig config, KfacBasis basis, FloatMatrix trainingFeatures) {
    this.model = model;
    this.config = config;
    this.basis = basis;
    this.trainingFeatures = trainingFeatures;
  }

  /** Factors, eigenbases, corrected eigenvalues, the basis, and every training example's {@code B g_i}. */
  public static KfacAttribution build(ComputeBackend backend, Mlp model, LabelledImages train, KfacConfig config) {
    int n = train.size();
    int layers = MlpGradients.LAYERS;
    int[] outDim = {model.hidden(), model.classes()};
    int[] inDim = {model.inputs() + 1, model.hidden() + 1};

    double[][] a = new double[layers][];
    double[][] s = new double[layers][];
    for (int l = 0; l < layers; l++) {
      a[l] = new double[inDim[l] * inDim[l]];
      s[l] = new double[outDim[l] * outDim[l]];
    }
    for (int from = 0; from < n; from += config.chunk()) {
      int to = Math.min(n, from + config.chunk());
      List<LayerGradients> g = MlpGradients.negativeLossGradients(model, train, from, to);
      List<LayerGradients> ggn = MlpGradients.gaussNewtonDirections(model, train.images(), from, to);
      for (int l = 0; l < layers; l++) {
        Factored.addGram(backend, g.get(l).inputs(), a[l]);
        Factored.addGram(backend, ggn.get(l).outputGrads(), s[l]);
      }
    }
    SymmetricEigen[] eigA = new SymmetricEigen[layers];
    SymmetricEigen[] eigS = new SymmetricEigen[layers];
    FloatMatrix[] qa = new FloatMatrix[layers];
    FloatMatrix[] qs = new FloatMatrix[layers];
    for (int l = 0; l < layers; l++) {
      eigA[l] = backend.symmetricEigen(new DoubleMatrix(inDim[l], inDim[l], scaled(a[l], 1.0 / n)));
      eigS[l] = backend.symmetricEigen(new DoubleMatrix(outDim[l], outDim[l], scaled(s[l], 1.0 / n)));
      qa[l] = toFloat(eigA[l].vectors());
      qs[l] = toFloat(eigS[l].vectors());
    }

    // second pass: Gauss–Newton second moments (Λ) and training-gradient second moments along q_j ⊗ q_i
    double[][] lambda = new double[layers][];
    double[][] energy = new double[layers][];
    for (int l = 0; l < layers; l++) {
      lambda[l] = new double[outDim[l] * inDim[l]];
      energy[l] = new double[outDim[l] * inDim[l]];
    }
    for (int from = 0; from < n; from += config.chunk()) {
      int to = Math.min(n, from + config.chunk());
      List<LayerGradients> g = MlpGradients.negativeLossGradients(model, train, from, to);
      List<LayerGradients> ggn = MlpGradients.gaussNewtonDirections(model, train.images(), from, to);
      for (int l = 0; l < layers; l++) {
        addSecondMoment(backend, ggn.get(l), qs[l], qa[l], lambda[l]);
        addSecondMoment(backend, g.get(l), qs[l], qa[l], energy[l]);
      }
    }

    List<Candidate> candidates = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      for (int j = 0; j < outDim[l]; j++) {
        for (int i = 0; i < inDim[l]; i++) {
          int q = j * inDim[l] + i;
          double denominator = lambda[l][q] / n + config.damping();
          candidates.add(new Candidate(l, j, i, 1 / Math.sqrt(denominator), energy[l][q] / n / denominator));
        }
      }
    }
    // highest whitened variance first; ties in a fixed (layer, out, in) order so the basis is a function of the data
    candidates.sort(Comparator.comparingDouble(Candidate::variance).reversed()
        .thenComparingInt(Candidate::layer).thenComparingInt(Candidate::out).thenComparingInt(Candidate::in));
    List<Candidate> kept = candidates.subList(0, Math.min(config.rank(), candidates.size()));

    KfacBasis basis = assemble(kept, qs, qa, layers);
    FloatMatrix features = projectTraining(backend, basis, model, train, config.chunk());
    return new KfacAttribution(model, config, basis, features);
  }

  /** Accumulates {@code Σ_rows (Q_S s)² ⊗ (Q_A ã)²} — one GEMM of the squared projections. */
  private static void addSecondMoment(ComputeBackend backend, LayerGradients g, FloatMatrix qs, FloatMatrix qa, double[] into) {
    FloatMatrix ps = Factored.squared(Factored.project(backend, g.outputGrads(), qs));
    FloatMatrix pa = Factored.squared(Factored.project(backend, g.inputs(), qa));
    Factored.addTransposedProduct(backend, ps, pa, into);
  }

  private record Candidate(int layer, int out, int in, double weight, double variance) {}

  private static KfacBasis assemble(List<Candidate> kept, FloatMatrix[] qs, FloatMatrix[] qa, int layers) {
    List<KfacBasis.Layer> ls = new ArrayList<>();
    int[][] outSlot = new int[layers][];
    int[][] inSlot = new int[layers][];
    for (int l = 0; l < layers; l++) {
      outSlot[l] = new int[qs[l].rows()];
      inSlot[l] = new int[qa[l].rows()];
      Arrays.fill(outSlot[l], -1);
      Arrays.fill(inSlot[l], -1);
      List<Integer> outs = new ArrayList<>();
      List<Integer> ins = new ArrayList<>();
      for (Candidate c : kept) {
        if (c.layer() != l) {
          continue;
        }
        if (outSlot[l][c.out()] < 0) {
          outSlot[l][c.out()] = outs.size();
          outs.add(c.out());
        }
        if (inSlot[l][c.in()] < 0) {
          inSlot[l][c.in()] = ins.size();
          ins.add(c.in());
        }
      }
      ls.add(new KfacBasis.Layer(selectRows(qs[l], outs), selectRows(qa[l], ins)));
    }
    List<KfacBasis.Row> rows = new ArrayList<>(kept.size());
    for (Candidate c : kept) {
      rows.add(new KfacBasis.Row(c.layer(), outSlot[c.layer()][c.out()], inSlot[c.layer()][c.in()], c.weight(), c.variance()));
    }
    return new KfacBasis(ls, rows);
  }

  private static FloatMatrix projectTraining(ComputeBackend backend, KfacBasis basis, Mlp model, LabelledImages train, int chunk) {
    int n = train.size();
    int k = basis.rank();
    float[] out = new float[Math.multiplyExact(n, k)];
    for (int from = 0; from < n; from += chunk) {
      int to = Math.min(n, from + chunk);
      FloatMatrix f = basis.project(backend, MlpGradients.negativeLossGradients(model, train, from, to));
      System.arraycopy(f.data(), 0, out, from * k, f.data().length);
    }
    return new FloatMatrix(n, k, out);
  }

  public Mlp model() {
    return model;
  }

  public KfacConfig config() {
    return config;
  }

  public KfacBasis basis() {
    return basis;
  }

  /** {@code B g_i} for every training example, n × k. */
  public FloatMatrix trainingFeatures() {
    return trainingFeatures;
  }

  /** ψ = {@code B ∇f(x)} for the margin of {@code classes[r]} at {@code examples[r]}: t × k. */
  public FloatMatrix queryFeatures(ComputeBackend backend, Images images, int[] examples, int[] classes) {
    return basis.project(backend, MlpGradients.marginGradients(model, images, examples, classes));
  }

  /** Every exact float score {@code ψ_r · B g_i}: t × n, row r the influence of each training example on query r. */
  public FloatMatrix exampleScores(ComputeBackend backend, FloatMatrix queries) {
    return Factored.project(backend, queries, trainingFeatures);
  }

  /**
   * Contributor vectors {@code u_c = Σ_{i∈c} B g_i} (first-order group influence is additive),
   * with {@code owner[i]} the contributor of training example i: contributors × k.
   */
  public FloatMatrix contributorVectors(int[] owner, int contributors) {
    int k = basis.rank();
    if (owner.length != trainingFeatures.rows()) {
      throw new IllegalArgumentException(owner.length + " owners for " + trainingFeatures.rows() + " examples");
    }
    float[] u = new float[Math.multiplyExact(contributors, k)];
    float[] f = trainingFeatures.data();
    for (int i = 0; i < owner.length; i++) {
      int c = owner[i];
      for (int r = 0; r < k; r++) {
        u[c * k + r] += f[i * k + r];
      }
    }
    return new FloatMatrix(contributors, k, u);
  }

  /** Every exact float score {@code ψ_r · u_c}: t × contributors. */
  public FloatMatrix contributorScores(ComputeBackend backend, FloatMatrix queries, FloatMatrix contributorVectors) {
    return Factored.project(backend, queries, contributorVectors);
  }

  private static double[] scaled(double[] m, double f) {
    double[] r = new double[m.length];
    for (int q = 0; q < m.length; q++) {
      r[q] = m[q] * f;
    }
    return r;
  }

  private static FloatMatrix toFloat(DoubleMatrix m) {
    float[] f = new float[m.data().length];
    for (int q = 0; q < f.length; q++) {
      f[q] = (float) m.data()[q];
    }
    return new FloatMatrix(m.rows(), m.cols(), f);
  }

  private static FloatMatrix selectRows(FloatMatrix m, List<Integer> rows) {
    float[] out = new float[rows.size() * m.cols()];
    for (int r = 0; r < rows.size(); r++) {
      System.arraycopy(m.data(), rows.get(r) * m.cols(), out, r * m.cols(), m.cols());
    }
    return new FloatMatrix(rows.size(), m.cols(), out);
  }
}

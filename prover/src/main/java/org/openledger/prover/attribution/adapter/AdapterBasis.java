package org.openledger.prover.attribution.adapter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.compute.ComputeBackend;
import org.openledger.compute.linalg.DoubleMatrix;
import org.openledger.compute.linalg.SymmetricEigen;
import org.openledger.contracts.attribution.FixedLora;
import org.openledger.contracts.attribution.Rounding;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.lora.BaseMlp;
import org.openledger.prover.lora.LoraAdapter;
import org.openledger.prover.lora.LoraGradient;
import org.openledger.prover.attribution.kfac.IntegerKfacBasis;

/**
 * An adapter's committed basis (docs/openlora.md §5): eigenvalue-corrected K-FAC over each block
 * of the adapter's parameters. A block's per-example gradient is {@code out ⊗ in}, so its Fisher is
 * approximated by {@code E[out outᵀ] ⊗ E[in inᵀ]} — two small matrices ({@code rank × rank} and
 * {@code in × in} for A, {@code out × out} and {@code rank × rank} for B), never one over the block.
 * Each Kronecker eigenpair's eigenvalue is corrected to the mean squared projection of the training
 * gradients on it (EK-FAC); the k pairs with the largest corrected eigenvalues over every block
 * become rows {@code (e_p / √(λ_pq + damping)) ⊗ f_q}, so {@code ψ · u} approximates
 * {@code ∇f(x)ᵀ (F + λ)⁻¹ Σ_{i∈c} (−∇L_i)} on the kept subspace.
 *
 * @param rows the committed rows
 * @param exponent E: the largest training projection lands near 2^{@value #TARGET_BITS}
 */
public record AdapterBasis(List<AdapterBasisRow> rows, int exponent) {
  /** As the MLP's basis: an example's raw_j stays far inside int64 and a leaf may sum 2^22 of them. */
  public static final int TARGET_BITS = 40;

  public AdapterBasis {
    rows = List.copyOf(rows);
    if (rows.isEmpty()) throw new IllegalArgumentException("a basis has at least one row");
  }

  /**
   * @param k rows kept over every block of every layer
   * @param damping λ as a fraction of the mean corrected eigenvalue
   */
  public record Config(int k, double damping) {
    public Config {
      if (k < 1 || !(damping > 0)) throw new IllegalArgumentException("invalid adapter basis config " + this);
    }
  }

  public int rank() {
    return rows.size();
  }

  /** One Kronecker eigenpair of one block, with its corrected eigenvalue. */
  private record Pair(int layer, int block, int p, int q, double value) {}

  /**
   * Builds the basis of {@code adapter} on {@code base} from the training examples' negative-loss
   * gradients.
   */
  public static AdapterBasis build(BaseMlp base, Bytes32 baseWeightsRoot, LoraAdapter adapter, LabelledImages train, Config config,
      ComputeBackend backend) {
    LoraGradient gradient = new LoraGradient(base, adapter);
    int n = train.size();
    LoraGradient.Factored[] g = new LoraGradient.Factored[n];
    IntStream.range(0, n).parallel().forEach(i -> g[i] = gradient.negativeLossFactors(BaseMlp.pixels(train, i), train.label(i)));
    return fromGradients(g, adapter.layers().size(), baseWeightsRoot, config, backend);
  }

  /**
   * The basis of an OLA2 adapter (docs/openlora.md §8) from the training examples' exact integer
   * negative-loss gradients ({@link FixedLora#lossGradient}): the rows are built on the very factors
   * the chain projects, so a row's shift {@code q_a + q_b − E} applies to them as they are.
   */
  public static AdapterBasis buildInteger(FixedLora model, LabelledImages train, Config config, ComputeBackend backend) {
    LoraGradient.Factored[] g = new LoraGradient.Factored[train.size()];
    IntStream.range(0, g.length).parallel().forEach(i -> g[i] = IntegerAdapter.factored(model.lossGradient(IntegerAdapter.pixels(train, i), train.label(i))));
    AdapterBasis basis = fromGradients(g, 1, model.base().weightsRoot(), config, backend);
    for (AdapterBasisRow r : basis.rows()) {
      if (r.shift() < 0 || r.shift() > Rounding.MAX_PRODUCT_SHIFT) {
        throw new ArithmeticException("row " + r.index() + "'s shift " + r.shift() + " is outside 0.." + Rounding.MAX_PRODUCT_SHIFT + " (gradients of no size)");
      }
    }
    return basis;
  }

  private static AdapterBasis fromGradients(LoraGradient.Factored[] g, int layers, Bytes32 baseWeightsRoot, Config config, ComputeBackend backend) {
    SymmetricEigen[][] outEigen = new SymmetricEigen[layers][2], inEigen = new SymmetricEigen[layers][2];
    List<Pair> pairs = new ArrayList<>();
    double total = 0;
    long count = 0;
    for (int l = 0; l < layers; l++) {
      for (int block = 0; block < 2; block++) {
        int layer = l, b = block;
        outEigen[l][b] = backend.symmetricEigen(covariance(g, f -> side(f, layer, b, true)));
        inEigen[l][b] = backend.symmetricEigen(covariance(g, f -> side(f, layer, b, false)));
        double[][] corrected = corrected(g, layer, b, outEigen[l][b].vectors(), inEigen[l][b].vectors());
        for (int p = 0; p < corrected.length; p++) {
          for (int q = 0; q < corrected[p].length; q++) {
            pairs.add(new Pair(l, b, p, q, corrected[p][q]));
            total += corrected[p][q];
            count++;
          }
        }
      }
    }
    double lambda = config.damping() * total / count;
    pairs.sort(Comparator.comparingDouble(Pair::value).reversed());
    int k = Math.min(config.k(), pairs.size());
    float[][] outFactor = new float[k][], inFactor = new float[k][];
    double largest = 0;
    for (int j = 0; j < k; j++) {
      Pair pr = pairs.get(j);
      double whiten = 1 / Math.sqrt(pr.value() + lambda);
      double[] e = row(outEigen[pr.layer()][pr.block()].vectors(), pr.p());
      float[] o = new float[e.length];
      for (int q = 0; q < e.length; q++) o[q] = (float) (e[q] * whiten);
      outFactor[j] = IntegerKfacBasis.canonicalSign(o);
      inFactor[j] = IntegerKfacBasis.canonicalSign(toFloat(row(inEigen[pr.layer()][pr.block()].vectors(), pr.q())));
      for (LoraGradient.Factored f : g) {
        double v = dot(outFactor[j], side(f, pr.layer(), pr.block(), true)) * dot(inFactor[j], side(f, pr.layer(), pr.block(), false));
        largest = Math.max(largest, Math.abs(v));
      }
    }
    int exponent = largest > 0 ? TARGET_BITS - Math.getExponent(largest) - 1 : 0;
    List<AdapterBasisRow> rows = new ArrayList<>(k);
    for (int j = 0; j < k; j++) {
      Pair pr = pairs.get(j);
      int qa = IntegerKfacBasis.shift(outFactor[j]), qb = IntegerKfacBasis.shift(inFactor[j]);
      rows.add(new AdapterBasisRow(j, baseWeightsRoot, pr.layer(), pr.block(), qa + qb - exponent, IntegerKfacBasis.quantize(outFactor[j], qa), IntegerKfacBasis.quantize(inFactor[j], qb)));
    }
    return new AdapterBasis(rows, exponent);
  }

  private static double[] side(LoraGradient.Factored f, int layer, int block, boolean out) {
    LoraGradient.Factors x = f.layers().get(layer);
    return block == AdapterBasisRow.A ? (out ? x.aOut() : x.aIn()) : (out ? x.bOut() : x.bIn());
  }

  private static DoubleMatrix covariance(LoraGradient.Factored[] g, java.util.function.Function<LoraGradient.Factored, double[]> side) {
    int d = side.apply(g[0]).length;
    double[] c = new double[d * d];
    for (LoraGradient.Factored f : g) {
      double[] v = side.apply(f);
      for (int a = 0; a < d; a++) {
        if (v[a] == 0) continue;
        for (int b = 0; b <= a; b++) c[a * d + b] += v[a] * v[b];
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = 0; b <= a; b++) {
        c[a * d + b] /= g.length;
        c[b * d + a] = c[a * d + b];
      }
    }
    return new DoubleMatrix(d, d, c);
  }

  /** EK-FAC: the mean squared projection of the training gradients on each Kronecker eigenpair. */
  private static double[][] corrected(LoraGradient.Factored[] g, int layer, int block, DoubleMatrix outVectors, DoubleMatrix inVectors) {
    int po = outVectors.rows(), pi = inVectors.rows();
    double[][] s = new double[po][pi];
    for (LoraGradient.Factored f : g) {
      double[] a = project(outVectors, side(f, layer, block, true)), b = project(inVectors, side(f, layer, block, false));
      for (int p = 0; p < po; p++) {
        for (int q = 0; q < pi; q++) {
          double v = a[p] * b[q];
          s[p][q] += v * v;
        }
      }
    }
    for (double[] r : s) for (int q = 0; q < r.length; q++) r[q] /= g.length;
    return s;
  }

  private static double[] project(DoubleMatrix vectors, double[] v) {
    double[] out = new double[vectors.rows()];
    for (int p = 0; p < out.length; p++) {
      double s = 0;
      for (int q = 0; q < v.length; q++) s += vectors.get(p, q) * v[q];
      out[p] = s;
    }
    return out;
  }

  private static double[] row(DoubleMatrix m, int r) {
    return java.util.Arrays.copyOfRange(m.data(), r * m.cols(), (r + 1) * m.cols());
  }

  private static float[] toFloat(double[] v) {
    float[] f = new float[v.length];
    for (int q = 0; q < v.length; q++) f[q] = (float) v[q];
    return f;
  }

  private static double dot(float[] w, double[] v) {
    double s = 0;
    for (int q = 0; q < w.length; q++) s += w[q] * v[q];
    return s;
  }
}

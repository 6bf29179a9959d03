package org.openledger.prover.lora;

import java.util.List;
import org.openledger.prover.model.Mlp;

/**
 * One example's gradient restricted to an adapter's parameters — every layer's A and B, the base
 * frozen — in double precision. This is the per-example gradient an adapter's attribution index
 * is built on (docs/openlora.md §5): the same role {@code g_i} plays for a base model's parameters
 * in DESIGN §6, but over {@code r (in + out)} values per layer instead of {@code in · out}.
 *
 * <p>With {@code t = A x}, {@code h = W x + b + s·B t} and {@code δ = ∂F/∂h}:
 * {@code ∂F/∂B = s·δ tᵀ}, {@code ∂F/∂A = s·(Bᵀδ) xᵀ}, and the layer below receives
 * {@code (Wᵀδ + s·Aᵀ(Bᵀδ)) ⊙ [h_below > 0]}.
 */
public final class LoraGradient {
  private final BaseMlp base;
  private final LoraAdapter adapter;

  public LoraGradient(BaseMlp base, LoraAdapter adapter) {
    if (!adapter.fits(base)) throw new IllegalArgumentException("the adapter does not fit the base model's layers");
    this.base = base;
    this.adapter = adapter;
  }

  /** Layer inputs, pre-activations and low-rank projections of one forward pass. */
  private record Pass(double[][] inputs, double[][] pre, double[][] t, double[] logits) {}

  /** The adapted model's class: the largest of {@link #logits} (the first on a tie). */
  public int predict(float[] input) {
    return argmax(logits(input));
  }

  /** The adapted model's logits, in double precision (the reference the float serving path is tested against). */
  public double[] logits(float[] input) {
    return pass(input).logits;
  }

  /**
   * ∂F/∂θ_adapter for an output function F with ∂F/∂logits = {@code dLogits}: per layer A's
   * {@code rank × in} values then B's {@code out × rank}, layers in order ({@link #flatIndex}).
   */
  public double[] gradient(float[] input, double[] dLogits) {
    Pass p = pass(input);
    return backward(p, dLogits);
  }

  /** The gradient of the margin of the returned class (the output function the chain pays on, DESIGN §6). */
  public double[] marginGradient(float[] input) {
    Pass p = pass(input);
    int cls = argmax(p.logits);
    return backward(p, Mlp.marginGradient(p.logits, cls));
  }

  /** The gradient of the cross-entropy loss of label {@code label} (a training example's {@code g_i}). */
  public double[] lossGradient(float[] input, int label) {
    Pass p = pass(input);
    double[] d = Mlp.softmax(p.logits);
    d[label] -= 1;
    return backward(p, d);
  }

  /**
   * One layer's adapter gradient as its two Kronecker pairs, never the outer products themselves:
   * {@code ∂F/∂A = aOut ⊗ aIn} ({@code s·Bᵀδ}, {@code x}) and {@code ∂F/∂B = bOut ⊗ bIn}
   * ({@code s·δ}, {@code t = A x}) — the structure the adapter's K-FAC basis projects (docs/openlora.md §5).
   */
  public record Factors(double[] aOut, double[] aIn, double[] bOut, double[] bIn) {}

  /** An output function's gradient, per layer in order, with the adapted model's logits and returned class. */
  public record Factored(double[] logits, int predicted, List<Factors> layers) {}

  /** The factored gradient of the margin of the returned class (what ψ projects). */
  public Factored marginFactors(float[] input) {
    Pass p = pass(input);
    int cls = argmax(p.logits);
    return new Factored(p.logits, cls, factors(p, Mlp.marginGradient(p.logits, cls)));
  }

  /** The factored gradient of the negative cross-entropy loss of {@code label} (a training example's {@code −g_i}, what leaves sum). */
  public Factored negativeLossFactors(float[] input, int label) {
    Pass p = pass(input);
    double[] d = Mlp.softmax(p.logits);
    d[label] -= 1;
    for (int c = 0; c < d.length; c++) d[c] = -d[c];
    return new Factored(p.logits, argmax(p.logits), factors(p, d));
  }

  /** Position of A[l][r][j] (isB false: j an input) or B[l][o][r] (isB true: j = r, r = o) in the flat gradient. */
  public int flatIndex(int layer, boolean isB, int row, int col) {
    int offset = 0;
    for (int l = 0; l < layer; l++) offset += (int) adapter.layers().get(l).parameters();
    LoraLayer lora = adapter.layers().get(layer);
    return isB ? offset + lora.rank() * lora.in() + row * lora.rank() + col : offset + row * lora.in() + col;
  }

  private Pass pass(float[] input) {
    int layers = base.layers().size();
    double[][] inputs = new double[layers][], pre = new double[layers][], t = new double[layers][];
    double[] x = new double[input.length];
    for (int j = 0; j < x.length; j++) x[j] = input[j];
    for (int l = 0; l < layers; l++) {
      DenseLayer d = base.layers().get(l);
      LoraLayer lora = adapter.layers().get(l);
      inputs[l] = x;
      double[] tl = new double[lora.rank()];
      for (int r = 0; r < tl.length; r++) {
        double s = 0;
        for (int j = 0; j < d.in(); j++) s += (double) lora.a()[r * d.in() + j] * x[j];
        tl[r] = s;
      }
      t[l] = tl;
      double[] h = new double[d.out()];
      for (int o = 0; o < d.out(); o++) {
        double s = d.b()[o];
        int row = o * d.in();
        for (int j = 0; j < d.in(); j++) s += (double) d.w()[row + j] * x[j];
        double low = 0;
        for (int r = 0; r < tl.length; r++) low += (double) lora.b()[o * lora.rank() + r] * tl[r];
        h[o] = s + lora.scale() * low;
      }
      pre[l] = h;
      if (l < layers - 1) {
        double[] a = new double[h.length];
        for (int o = 0; o < h.length; o++) a[o] = h[o] > 0 ? h[o] : 0;
        x = a;
      } else {
        x = h;
      }
    }
    return new Pass(inputs, pre, t, x);
  }

  private double[] backward(Pass p, double[] dLogits) {
    double[] grad = new double[Math.toIntExact(adapter.parameters())];
    List<Factors> f = factors(p, dLogits);
    for (int l = 0; l < f.size(); l++) {
      Factors x = f.get(l);
      int aAt = flatIndex(l, false, 0, 0), bAt = flatIndex(l, true, 0, 0);
      for (int k = 0; k < x.aOut().length; k++) {
        for (int j = 0; j < x.aIn().length; j++) grad[aAt + k * x.aIn().length + j] = x.aOut()[k] * x.aIn()[j];
      }
      for (int o = 0; o < x.bOut().length; o++) {
        for (int k = 0; k < x.bIn().length; k++) grad[bAt + o * x.bIn().length + k] = x.bOut()[o] * x.bIn()[k];
      }
    }
    return grad;
  }

  private List<Factors> factors(Pass p, double[] dLogits) {
    Factors[] result = new Factors[base.layers().size()];
    double[] delta = dLogits.clone();
    for (int l = base.layers().size() - 1; l >= 0; l--) {
      DenseLayer d = base.layers().get(l);
      LoraLayer lora = adapter.layers().get(l);
      int r = lora.rank(), in = d.in(), out = d.out();
      double s = lora.scale();
      double[] u = new double[r]; // Bᵀ δ
      for (int o = 0; o < out; o++) {
        for (int k = 0; k < r; k++) u[k] += (double) lora.b()[o * r + k] * delta[o];
      }
      double[] su = new double[r], sd = new double[out];
      for (int k = 0; k < r; k++) su[k] = s * u[k];
      for (int o = 0; o < out; o++) sd[o] = s * delta[o];
      result[l] = new Factors(su, p.inputs[l], sd, p.t[l]);
      if (l == 0) break;
      double[] below = new double[in];
      double[] hBelow = p.pre[l - 1];
      for (int j = 0; j < in; j++) {
        if (hBelow[j] <= 0) continue;
        double v = 0;
        for (int o = 0; o < out; o++) v += (double) d.w()[o * in + j] * delta[o];
        for (int k = 0; k < r; k++) v += s * lora.a()[k * in + j] * u[k];
        below[j] = v;
      }
      delta = below;
    }
    return List.of(result);
  }

  private static int argmax(double[] z) {
    int best = 0;
    for (int c = 1; c < z.length; c++) if (z[c] > z[best]) best = c;
    return best;
  }
}

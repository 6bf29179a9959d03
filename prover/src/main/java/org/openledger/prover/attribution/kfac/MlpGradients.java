package org.openledger.prover.attribution.kfac;

import java.util.List;

import org.openledger.compute.features.LayerGradients;
import org.openledger.compute.linalg.FloatMatrix;
import org.openledger.prover.data.Images;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.model.Mlp;

/**
 * Per-example layer gradients of an {@link Mlp} in factored form: for each of its two layers, the
 * gradient at the layer's pre-activation {@code s} and its input with the bias 1 appended
 * {@code ã}, so the layer's weight gradient is {@code s ãᵀ}. Layer 0 is {@code inputs+1 → hidden},
 * layer 1 is {@code hidden+1 → classes}.
 */
public final class MlpGradients {

  /** The MLP's two layers, in forward order. */
  public static final int LAYERS = 2;

  private MlpGradients() {}

  /**
   * The negative loss gradient of each training example {@code from ≤ i < to} (logit gradient
   * {@code onehot(y) − p}): the direction training on it moves the weights (docs §1).
   */
  public static List<LayerGradients> negativeLossGradients(Mlp model, LabelledImages data, int from, int to) {
    Builder b = new Builder(model, to - from);
    for (int i = from; i < to; i++) {
      Mlp.Activations act = model.activations(data.images(), i);
      double[] d = Mlp.softmax(act.logits());
      for (int c = 0; c < d.length; c++) {
        d[c] = (c == data.label(i) ? 1 : 0) - d[c];
      }
      b.add(model, act, d, 1.0);
    }
    return b.build();
  }

  /** The gradient of the margin of class {@code classes[r]} at image {@code examples[r]}: the query's ∇f(x). */
  public static List<LayerGradients> marginGradients(Mlp model, Images images, int[] examples, int[] classes) {
    if (examples.length != classes.length) {
      throw new IllegalArgumentException(examples.length + " examples but " + classes.length + " classes");
    }
    Builder b = new Builder(model, examples.length);
    for (int r = 0; r < examples.length; r++) {
      Mlp.Activations act = model.activations(images, examples[r]);
      b.add(model, act, Mlp.marginGradient(act.logits(), classes[r]), 1.0);
    }
    return b.build();
  }

  /**
   * The Gauss–Newton directions of examples {@code from ≤ i < to}: for each example and each class
   * {@code c}, the backpropagated logit direction {@code √p_c · (e_c − p)}, so that summing
   * {@code s sᵀ} over an example's {@code classes} rows gives exactly its Gauss–Newton term
   * {@code Jᵀ (diag p − p pᵀ) J} — the expected Fisher over the model's own predictive
   * distribution, without sampling labels. Row {@code (i − from) · classes + c}; each row carries
   * its example's input.
   */
  public static List<LayerGradients> gaussNewtonDirections(Mlp model, Images images, int from, int to) {
    int c = model.classes();
    Builder b = new Builder(model, (to - from) * c);
    for (int i = from; i < to; i++) {
      Mlp.Activations act = model.activations(images, i);
      double[] p = Mlp.softmax(act.logits());
      for (int k = 0; k < c; k++) {
        double[] d = new double[c];
        for (int q = 0; q < c; q++) {
          d[q] = (q == k ? 1 : 0) - p[q];
        }
        b.add(model, act, d, Math.sqrt(p[k]));
      }
    }
    return b.build();
  }

  /** Fills the two layers' matrices row by row. */
  private static final class Builder {
    private final float[] s0;
    private final float[] a0;
    private final float[] s1;
    private final float[] a1;
    private final int rows;
    private final int in0;
    private final int in1;
    private final int hidden;
    private final int classes;
    private int row;

    Builder(Mlp model, int rows) {
      this.rows = rows;
      this.hidden = model.hidden();
      this.classes = model.classes();
      this.in0 = model.inputs() + 1;
      this.in1 = model.hidden() + 1;
      s0 = new float[Math.multiplyExact(rows, hidden)];
      a0 = new float[Math.multiplyExact(rows, in0)];
      s1 = new float[Math.multiplyExact(rows, classes)];
      a1 = new float[Math.multiplyExact(rows, in1)];
    }

    void add(Mlp model, Mlp.Activations act, double[] logitGradient, double weight) {
      double[] d0 = model.hiddenGradient(act, logitGradient);
      for (int u = 0; u < hidden; u++) {
        s0[row * hidden + u] = (float) (weight * d0[u]);
      }
      for (int c = 0; c < classes; c++) {
        s1[row * classes + c] = (float) (weight * logitGradient[c]);
      }
      double[] x = act.input();
      for (int j = 0; j < x.length; j++) {
        a0[row * in0 + j] = (float) x[j];
      }
      a0[row * in0 + x.length] = 1;
      double[] a = act.activation();
      for (int u = 0; u < a.length; u++) {
        a1[row * in1 + u] = (float) a[u];
      }
      a1[row * in1 + a.length] = 1;
      row++;
    }

    List<LayerGradients> build() {
      if (row != rows) {
        throw new IllegalStateException("filled " + row + " of " + rows + " rows");
      }
      return List.of(
          new LayerGradients(new FloatMatrix(rows, hidden, s0), new FloatMatrix(rows, in0, a0)),
          new LayerGradients(new FloatMatrix(rows, classes, s1), new FloatMatrix(rows, in1, a1)));
    }
  }
}

package org.openledger.prover.lora;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.openledger.compute.ComputeBackend;
import org.openledger.compute.linalg.FloatMatrix;

/**
 * The multi-adapter forward pass (S-LoRA / Punica style): per layer, the base GEMM
 * {@code Y = X Wᵀ} runs once for the whole mixed batch on the compute backend, then the batch is
 * cut into segments by adapter and each segment adds its own {@code scale · (X_s Aᵀ) Bᵀ} — two
 * thin GEMMs of rank r, about {@code r (in + out) / (in · out)} of the base's work. Requests without
 * an adapter run on the base alone. Float arithmetic: results agree with the exact update
 * {@code (W + scale·B A) x} to float rounding, not bit for bit across batch compositions.
 */
public final class BatchedLora {
  private BatchedLora() {}

  /** One row of a batch: an input and the adapter to serve it with (null: the base model alone). */
  public record Request(LoraAdapter adapter, float[] input) {}

  /** The logits of every request, in batch order. */
  public static float[][] forward(ComputeBackend backend, BaseMlp base, List<Request> batch) {
    int n = batch.size();
    if (n == 0) return new float[0][];
    // segments: rows per adapter, in first-seen order (adapters are compared by identity: the cache hands out one instance)
    Map<LoraAdapter, List<Integer>> segments = new IdentityHashMap<>();
    List<LoraAdapter> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Request r = batch.get(i);
      if (r.input().length != base.inputs()) {
        throw new IllegalArgumentException("request " + i + " has " + r.input().length + " inputs, the base model " + base.inputs());
      }
      if (r.adapter() == null) continue;
      if (!r.adapter().fits(base)) throw new IllegalArgumentException("request " + i + "'s adapter does not fit the base model's layers");
      segments.computeIfAbsent(r.adapter(), a -> {
        order.add(a);
        return new ArrayList<>();
      }).add(i);
    }
    int width = base.inputs();
    float[] x = new float[n * width];
    for (int i = 0; i < n; i++) System.arraycopy(batch.get(i).input(), 0, x, i * width, width);
    for (int l = 0; l < base.layers().size(); l++) {
      DenseLayer layer = base.layers().get(l);
      FloatMatrix in = new FloatMatrix(n, layer.in(), x);
      float[] y = backend.gemmTransposedB(in, new FloatMatrix(layer.out(), layer.in(), layer.w())).data();
      for (LoraAdapter adapter : order) {
        addLowRank(backend, adapter.layers().get(l), segments.get(adapter), x, y);
      }
      boolean last = l == base.layers().size() - 1;
      float[] b = layer.b();
      int out = layer.out();
      for (int i = 0; i < n; i++) {
        int row = i * out;
        for (int o = 0; o < out; o++) {
          float v = y[row + o] + b[o];
          y[row + o] = last || v > 0 ? v : 0;
        }
      }
      x = y;
    }
    int classes = base.outputs();
    float[][] logits = new float[n][];
    for (int i = 0; i < n; i++) {
      logits[i] = new float[classes];
      System.arraycopy(x, i * classes, logits[i], 0, classes);
    }
    return logits;
  }

  /** y[rows] += scale · (x[rows] Aᵀ) Bᵀ for one segment. */
  private static void addLowRank(ComputeBackend backend, LoraLayer lora, List<Integer> rows, float[] x, float[] y) {
    int g = rows.size(), in = lora.in(), out = lora.out(), r = lora.rank();
    float[] xs = new float[g * in];
    for (int s = 0; s < g; s++) System.arraycopy(x, rows.get(s) * in, xs, s * in, in);
    FloatMatrix t = backend.gemmTransposedB(new FloatMatrix(g, in, xs), new FloatMatrix(r, in, lora.a()));
    float[] d = backend.gemmTransposedB(t, new FloatMatrix(out, r, lora.b())).data();
    float scale = lora.scale();
    for (int s = 0; s < g; s++) {
      int dst = rows.get(s) * out, src = s * out;
      for (int o = 0; o < out; o++) y[dst + o] += scale * d[src + o];
    }
  }

  /** The class a request's logits return: the highest logit, lowest index on ties. */
  public static int argmax(float[] logits) {
    int best = 0;
    for (int c = 1; c < logits.length; c++) if (logits[c] > logits[best]) best = c;
    return best;
  }
}

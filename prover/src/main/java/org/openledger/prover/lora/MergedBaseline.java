package org.openledger.prover.lora;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.openledger.compute.ComputeBackend;
import org.openledger.compute.linalg.FloatMatrix;

/**
 * The naive way to serve many adapters, kept as the benchmark's baseline: merge each adapter into
 * its own copy of the weights, {@code W' = W + scale · B A}, and run a plain forward pass for that
 * adapter's requests. Holding a merged copy per adapter costs the whole base per adapter (16 MB
 * each for a 4M-parameter base, 16 GB for 1,000), so with a bounded memory a stream of requests for
 * random adapters re-merges on nearly every request; this class merges once per adapter per batch.
 */
public final class MergedBaseline {
  private MergedBaseline() {}

  /** The logits of every request, in batch order. */
  public static float[][] forward(ComputeBackend backend, BaseMlp base, List<BatchedLora.Request> batch) {
    Map<LoraAdapter, List<Integer>> groups = new IdentityHashMap<>();
    List<LoraAdapter> order = new ArrayList<>();
    List<Integer> plain = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      LoraAdapter a = batch.get(i).adapter();
      if (a == null) {
        plain.add(i);
        continue;
      }
      groups.computeIfAbsent(a, k -> {
        order.add(k);
        return new ArrayList<>();
      }).add(i);
    }
    float[][] out = new float[batch.size()][];
    if (!plain.isEmpty()) run(backend, base, batch, plain, out);
    for (LoraAdapter a : order) run(backend, merge(backend, base, a), batch, groups.get(a), out);
    return out;
  }

  /** The base with the adapter folded into a fresh copy of every weight matrix. */
  public static BaseMlp merge(ComputeBackend backend, BaseMlp base, LoraAdapter adapter) {
    if (!adapter.fits(base)) throw new IllegalArgumentException("the adapter does not fit the base model's layers");
    List<DenseLayer> merged = new ArrayList<>();
    for (int l = 0; l < base.layers().size(); l++) {
      DenseLayer d = base.layers().get(l);
      LoraLayer lora = adapter.layers().get(l);
      float[] delta = backend.gemm(new FloatMatrix(d.out(), lora.rank(), lora.b()), new FloatMatrix(lora.rank(), d.in(), lora.a())).data();
      float[] w = d.w().clone();
      float s = lora.scale();
      for (int i = 0; i < w.length; i++) w[i] += s * delta[i];
      merged.add(new DenseLayer(d.in(), d.out(), w, d.b()));
    }
    return new BaseMlp(merged);
  }

  private static void run(ComputeBackend backend, BaseMlp model, List<BatchedLora.Request> batch, List<Integer> rows, float[][] out) {
    List<BatchedLora.Request> sub = new ArrayList<>(rows.size());
    for (int i : rows) sub.add(new BatchedLora.Request(null, batch.get(i).input()));
    float[][] logits = BatchedLora.forward(backend, model, sub);
    for (int s = 0; s < rows.size(); s++) out[rows.get(s)] = logits[s];
  }
}

package org.openledger.prover.lora;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.openledger.compute.ComputeBackend;
import org.openledger.prover.eval.Progress;

/**
 * The OpenLoRA serving benchmark (docs/openlora.md §6): one request stream — random inputs, a
 * random adapter per request — served in micro-batches three ways on the same backend in the same
 * run: (a) the base model alone, (b) the batched multi-adapter pass, (c) the naive baseline that
 * merges each adapter into a copy of the weights. Throughputs are reported as ratios to (a).
 */
public final class ServingBenchmark {
  private ServingBenchmark() {}

  /** What to measure. {@code mergedRequests} is smaller than {@code requests} because (c) is slow; throughput is per request. */
  public record Config(int[] widths, int adapters, int rank, float alpha, int requests, int mergedRequests, int batch, int rounds, long seed) {
    public static Config defaults() {
      return new Config(new int[] {784, 2048, 1024, 512, 10}, 1_000, 8, 16, 2_048, 256, 32, 3, 42);
    }
  }

  /** Requests per second of each way (best of the rounds), and what an adapter costs in memory. */
  public record Result(long baseParameters, long adapterParameters, long adapterBytes, int adapters, double baseRps, double batchedRps,
      double mergedRps, int requests, int mergedRequests, int batch, double maxLogitDifference) {
    public double batchedRatio() {
      return batchedRps / baseRps;
    }

    public double mergedRatio() {
      return mergedRps / baseRps;
    }
  }

  public static Result run(ComputeBackend backend, Config c, Progress progress) {
    progress.phase("building the base model and " + c.adapters() + " adapters", c.adapters());
    BaseMlp base = BaseMlp.random(c.seed(), c.widths());
    List<LoraAdapter> adapters = new ArrayList<>(c.adapters());
    for (int i = 0; i < c.adapters(); i++) {
      adapters.add(LoraAdapter.random(base, c.rank(), c.alpha(), c.seed() + 1 + i));
      progress.step();
    }
    SplittableRandom random = new SplittableRandom(c.seed() ^ 0x5DEECE66DL);
    List<BatchedLora.Request> stream = new ArrayList<>(c.requests());
    for (int i = 0; i < c.requests(); i++) {
      float[] x = new float[base.inputs()];
      for (int j = 0; j < x.length; j++) x[j] = (float) random.nextDouble();
      stream.add(new BatchedLora.Request(adapters.get(random.nextInt(adapters.size())), x));
    }
    List<BatchedLora.Request> plain = stream.stream().map(r -> new BatchedLora.Request(null, r.input())).toList();
    List<BatchedLora.Request> mergedStream = stream.subList(0, Math.min(c.mergedRequests(), stream.size()));

    // correctness on the benchmark's own stream: batched and merged agree on the first batch
    List<BatchedLora.Request> first = stream.subList(0, Math.min(c.batch(), stream.size()));
    float[][] b0 = BatchedLora.forward(backend, base, first), m0 = MergedBaseline.forward(backend, base, first);
    double maxDiff = 0;
    for (int i = 0; i < b0.length; i++) for (int k = 0; k < b0[i].length; k++) maxDiff = Math.max(maxDiff, Math.abs(b0[i][k] - m0[i][k]));

    double baseBest = 0, batchedBest = 0, mergedBest = 0;
    int perRound = 2 * c.requests() + mergedStream.size();
    for (int round = 0; round <= c.rounds(); round++) { // round 0 warms the JIT and BLAS up and is not counted
      progress.phase(round == 0 ? "warm-up" : "round " + round + " of " + c.rounds(), perRound);
      double a = rps(stream.size(), time(() -> serve(backend, base, plain, c.batch(), false, progress)));
      double b = rps(stream.size(), time(() -> serve(backend, base, stream, c.batch(), false, progress)));
      double m = rps(mergedStream.size(), time(() -> serve(backend, base, mergedStream, c.batch(), true, progress)));
      if (round > 0) {
        baseBest = Math.max(baseBest, a);
        batchedBest = Math.max(batchedBest, b);
        mergedBest = Math.max(mergedBest, m);
      }
    }
    LoraAdapter one = adapters.get(0);
    return new Result(base.parameters(), one.parameters(), one.memoryBytes(), adapters.size(), baseBest, batchedBest, mergedBest,
        stream.size(), mergedStream.size(), c.batch(), maxDiff);
  }

  private static void serve(ComputeBackend backend, BaseMlp base, List<BatchedLora.Request> stream, int batch, boolean merged, Progress progress) {
    for (int start = 0; start < stream.size(); start += batch) {
      List<BatchedLora.Request> b = stream.subList(start, Math.min(stream.size(), start + batch));
      if (merged) MergedBaseline.forward(backend, base, b);
      else BatchedLora.forward(backend, base, b);
      for (int i = 0; i < b.size(); i++) progress.step();
    }
  }

  private static long time(Runnable r) {
    long t = System.nanoTime();
    r.run();
    return System.nanoTime() - t;
  }

  private static double rps(int requests, long nanos) {
    return requests / (nanos / 1e9);
  }
}

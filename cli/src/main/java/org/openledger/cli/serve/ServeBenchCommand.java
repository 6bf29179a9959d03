package org.openledger.cli.serve;

import java.util.Arrays;
import java.util.concurrent.Callable;
import org.openledger.cli.UserError;
import org.openledger.cli.eval.ProgressBar;
import org.openledger.compute.ComputeBackend;
import org.openledger.compute.ComputeBackends;
import org.openledger.prover.lora.ServingBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code openledger serve bench}: batched multi-adapter serving vs the base model alone vs merged weights, in one run. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure OpenLoRA serving: one request stream (a random adapter per request) through (a) the base model alone,",
      "(b) the batched multi-adapter pass and (c) the naive baseline that merges each adapter into a copy of the weights.",
      "Prints requests/s of each and the ratios (b)/(a), (c)/(a) — the target is (b)/(a) >= 0.5 — and the memory per adapter.",
      "Defaults: a 784-2048-1024-512-10 MLP (4.3M parameters), 1,000 rank-8 adapters on every layer, batches of 32. A few minutes."
    })
public final class ServeBenchCommand implements Callable<Integer> {
  @Option(names = "--widths", paramLabel = "W,W,...", split = ",", description = "Layer widths of the base MLP (default 784,2048,1024,512,10).")
  int[] widths;

  @Option(names = "--adapters", defaultValue = "1000", description = "Adapters in the stream (default ${DEFAULT-VALUE}).")
  int adapters;

  @Option(names = "--rank", defaultValue = "8", description = "LoRA rank on every layer (default ${DEFAULT-VALUE}).")
  int rank;

  @Option(names = "--requests", defaultValue = "2048", description = "Requests per round for (a) and (b) (default ${DEFAULT-VALUE}).")
  int requests;

  @Option(names = "--merged-requests", defaultValue = "256", description = "Requests per round for (c), the slow baseline (default ${DEFAULT-VALUE}).")
  int mergedRequests;

  @Option(names = "--batch", defaultValue = "32", description = "Requests per batch (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds after one warm-up; the best of each is reported (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--json", description = "Print machine-readable JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    ServingBenchmark.Config d = ServingBenchmark.Config.defaults();
    int[] w = widths == null ? d.widths() : widths;
    if (w.length < 2) throw new UserError("--widths needs at least an input and an output width, e.g. 784,2048,10");
    if (adapters < 1 || rank < 1 || requests < 1 || mergedRequests < 1 || batch < 1 || rounds < 1) {
      throw new UserError("--adapters, --rank, --requests, --merged-requests, --batch and --rounds must all be at least 1");
    }
    ServingBenchmark.Config c = new ServingBenchmark.Config(w, adapters, rank, 2f * rank, requests, mergedRequests, batch, rounds, d.seed());
    ServingBenchmark.Result r;
    String backendName;
    try (ComputeBackend backend = ComputeBackends.open()) {
      backendName = backend.description();
      r = ServingBenchmark.run(backend, c, ProgressBar.stderr());
    }
    String machine = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch") + ", Java " + Runtime.version()
        + ", " + backendName;
    if (json) {
      System.out.printf("{\"widths\":\"%s\",\"baseParameters\":%d,\"adapters\":%d,\"rank\":%d,\"adapterParameters\":%d,\"adapterBytes\":%d,"
              + "\"batch\":%d,\"baseRps\":%.1f,\"batchedRps\":%.1f,\"mergedRps\":%.1f,\"batchedRatio\":%.3f,\"mergedRatio\":%.4f,"
              + "\"maxLogitDifference\":%.3g,\"machine\":\"%s\"}%n",
          Arrays.toString(w), r.baseParameters(), r.adapters(), rank, r.adapterParameters(), r.adapterBytes(), r.batch(), r.baseRps(),
          r.batchedRps(), r.mergedRps(), r.batchedRatio(), r.mergedRatio(), r.maxLogitDifference(), machine.replace("\"", "'"));
    } else {
      System.out.printf("base MLP %s: %,d parameters; %,d adapters of rank %d on every layer: %,d parameters, %,d bytes (%.1f KiB) each%n",
          Arrays.toString(w), r.baseParameters(), r.adapters(), rank, r.adapterParameters(), r.adapterBytes(), r.adapterBytes() / 1024.0);
      System.out.printf("stream: a random adapter per request, batches of %d; (a),(b) %d requests, (c) %d requests per round; best of %d rounds%n",
          r.batch(), r.requests(), r.mergedRequests(), rounds);
      System.out.printf("(a) base model alone          %10.1f requests/s   1.000x%n", r.baseRps());
      System.out.printf("(b) batched multi-adapter     %10.1f requests/s   %.3fx of (a)   (target >= 0.5x: %s)%n", r.batchedRps(), r.batchedRatio(),
          r.batchedRatio() >= 0.5 ? "met" : "NOT met");
      System.out.printf("(c) merged weights per adapter%10.1f requests/s   %.4fx of (a)   (b) is %.1fx (c)%n", r.mergedRps(), r.mergedRatio(),
          r.batchedRps() / r.mergedRps());
      System.out.printf("(b) and (c) agree on the first batch to %.2g (largest logit difference)%n", r.maxLogitDifference());
      System.out.println("machine: " + machine);
    }
    return 0;
  }
}

package org.openledger.prover.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.compute.ComputeBackend;
import org.openledger.compute.ComputeBackends;
import org.openledger.contracts.attribution.AttributionProof;
import org.openledger.contracts.attribution.BasisRows;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.FraudChecks;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.IndexTree;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.attribution.Dense;
import org.openledger.prover.attribution.index.ExampleOwner;
import org.openledger.prover.attribution.index.IndexBuilder;
import org.openledger.prover.attribution.index.Query;
import org.openledger.prover.attribution.index.QueryBuilder;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.Progress;
import org.openledger.prover.factory.LogisticFactory;
import org.openledger.prover.factory.TrainingSet;
import org.openledger.prover.model.FixedPointClassifier;
import org.openledger.prover.model.LogisticRegression;
import org.openledger.prover.model.TrainingConfig;

/**
 * The prover's own costs, each as a ratio to a reference measured in the same process (keccak-256
 * of 1 MiB, as the node hashes it), never as a bare time:
 *
 * <pre>
 * ./mvnw -q -B -pl prover -am -Pbench -DskipTests verify -Dbench.args=proof    (proof latency, verifications/s)
 * ./mvnw -q -B -pl prover -am -Pbench -DskipTests verify -Dbench.args=index    (factory on the full 60,000, Debian's set)
 * ./mvnw -q -B -pl prover -am -Pbench -DskipTests verify -Dbench.args=text     (text attribution vs libdivsufsort, Debian's corpus)
 * ./mvnw -q -B -pl prover -am -Pbench -DskipTests verify -Dbench.args=models   (logistic vs MLP: factory, proof, inference check)
 * </pre>
 */
public final class ProverBench {
  public static void main(String[] args) throws Exception {
    String mode = args.length == 0 || args[0].isBlank() ? "proof" : args[0];
    double reference = referenceSeconds();
    System.out.printf("reference: keccak-256 of 1 MiB = 1 unit%n");
    switch (mode) {
      case "proof" -> proof(reference);
      case "index" -> index(reference);
      case "text" -> TextBench.run(reference);
      case "models" -> ModelsBench.run(reference);
      default -> throw new IllegalArgumentException("mode is proof, index, text or models, not " + mode);
    }
  }

  static double referenceSeconds() {
    byte[] mib = new byte[1 << 20];
    new SplittableRandom(1).nextBytes(mib);
    for (int i = 0; i < 20; i++) Keccak.hash(mib);
    long t = System.nanoTime();
    int n = 50;
    for (int i = 0; i < n; i++) Keccak.hash(mib);
    return (System.nanoTime() - t) / 1e9 / n;
  }

  /** Proof generation with 1,000 contributors at k = 512 (p50/p99 over 200 test images), and inference verifications per second. */
  static void proof(double reference) {
    LabelledImages train = FashionMnist.shipped(FashionMnist.Split.TRAIN);
    LabelledImages test = FashionMnist.shipped(FashionMnist.Split.TEST);
    FixedLogistic model = FixedPointClassifier.quantize(LogisticRegression.train(train, 10, TrainingConfig.defaults())).committed();
    int k = 512, contributors = 1_000;
    SplittableRandom r = new SplittableRandom(2);
    short[] rows = new short[k * model.parameters()];
    for (int i = 0; i < rows.length; i++) rows[i] = (short) (r.nextInt(4001) - 2000);
    BasisRows basis = new BasisRows(k, model.parameters(), rows, 0);
    List<ExampleOwner> owners = new ArrayList<>();
    for (int i = 0; i < train.size(); i++) owners.add(new ExampleOwner(Address.of(1 + i % contributors), 1, Bytes32.ZERO));
    List<IndexLeaf> leaves = new IndexBuilder(model, basis).build(train, owners).leaves();
    IndexTree tree = IndexTree.ofLeaves(leaves);
    QueryBuilder queries = new QueryBuilder(model, basis);
    int size = test.images().size(), runs = 200;
    double[] seconds = new double[runs];
    int bytes = 0;
    for (int t = 0; t < runs + 20; t++) {
      byte[] px = Arrays.copyOfRange(test.images().pixels(), (t % test.size()) * size, (t % test.size() + 1) * size);
      long start = System.nanoTime();
      Query q = queries.query(px);
      bytes = AttributionProof.build(Bytes32.ZERO, q.shift(), q.psi(), leaves, tree, 16).encode().size();
      if (t >= 20) seconds[t - 20] = (System.nanoTime() - start) / 1e9;
    }
    Arrays.sort(seconds);
    System.out.printf("proof generation, %d leaves, k = %d (ψ, every exact score, top 16, multiproof, encode; %d B): p50 %.2f units, p99 %.2f units%n",
        leaves.size(), k, bytes, seconds[runs / 2] / reference, seconds[runs * 99 / 100] / reference);

    int n = 0;
    long start = System.nanoTime();
    while (System.nanoTime() - start < 2_000_000_000L) {
      byte[] px = Arrays.copyOfRange(test.images().pixels(), (n % test.size()) * size, (n % test.size() + 1) * size);
      Bytes32 posted = Bytes32.wrap(Keccak.hash(FraudChecks.classOutput(model.predict(px))));
      if (FraudChecks.outputIsWrong(model, px, posted)) throw new AssertionError();
      n++;
    }
    double perSecond = n / ((System.nanoTime() - start) / 1e9);
    System.out.printf("inference verification (784-pixel image, 10 classes: two integer forward passes and a keccak): %.0f per reference unit%n",
        perSecond * reference);
  }

  /** The factory on Debian's full 60,000-image training set with 1,000 contributors at k = 512. */
  static void index(double reference) throws Exception {
    if (!FashionMnist.debianInstalled()) throw new IllegalStateException("apt-get install dataset-fashion-mnist first");
    LabelledImages train = FashionMnist.load(FashionMnist.DEBIAN_DIR, FashionMnist.Split.TRAIN);
    LabelledImages test = FashionMnist.load(FashionMnist.DEBIAN_DIR, FashionMnist.Split.TEST).first(1_000);
    List<TrainingSet.Accepted> accepted = new ArrayList<>();
    int per = train.size() / 1_000;
    for (int c = 0; c < 1_000; c++) {
      byte[] content = org.openledger.prover.data.ImageContribution.of(train, c * per, (c + 1) * per, 10).encode();
      accepted.add(new TrainingSet.Accepted(java.math.BigInteger.valueOf(c + 1), 1, Address.of(1 + c), Bytes32.wrap(Keccak.hash(content)), content));
    }
    TrainingSet set = TrainingSet.of(accepted);
    long start = System.nanoTime();
    try (ComputeBackend backend = ComputeBackends.open()) {
      LogisticFactory.Built built = LogisticFactory.build(set, test, 10, new LogisticFactory.Config(512, 1e-3,
          LogisticRegression.Convergence.defaults()), backend, Dense.load(), new Progress() {
            long phase = System.nanoTime();
            @Override public void phase(String name, int total) {
              System.out.printf("  %.0f units: %s%n", (System.nanoTime() - start) / 1e9 / reference, name);
            }
            @Override public void step() {}
          });
      System.out.printf("factory on %d examples, %d leaves, k = 512 (train, Hessian, basis, index): %.0f units; evaluation %d bp%n",
          train.size(), built.artifacts().leaves().size(), (System.nanoTime() - start) / 1e9 / reference, built.evaluationScoreBp());
    }
  }
}

package org.openledger.prover.bench;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.compute.ComputeBackend;
import org.openledger.compute.ComputeBackends;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.attribution.AttributionVerifier;
import org.openledger.contracts.attribution.CommittedModel;
import org.openledger.contracts.attribution.FraudChecks;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.Pooling;
import org.openledger.prover.eval.Progress;
import org.openledger.prover.factory.LogisticFactory;
import org.openledger.prover.factory.MlpFactory;
import org.openledger.prover.factory.MlpVersionFixture;
import org.openledger.prover.factory.TrainingSet;
import org.openledger.prover.factory.VersionFactory;
import org.openledger.prover.proof.CommittedProofEngine;
import org.openledger.prover.proof.ContentSource;
import org.openledger.prover.proof.ProofEngine;
import org.openledger.prover.proof.ProofEngines;

/**
 * Both shipped architectures through the factory and the daemon's engine on the demo's data (500
 * pooled images, five contributors): the factory build, the proof of one inference (ψ, every
 * exact score, top 16, multiproof, encoding) and the inference check, in units of keccak-256 of
 * 1 MiB and as MLP / logistic ratios.
 */
final class ModelsBench {
  private ModelsBench() {}

  record Row(String name, double buildUnits, int evaluationBp, int rank, int weightsBytes, double proofP50, double proofP99, int proofBytes,
      double checksPerUnit) {}

  static void run(double reference) {
    TrainingSet set = MlpVersionFixture.fiveContributors(50);
    LabelledImages test = Pooling.pool2x2(FashionMnist.shipped(FashionMnist.Split.TEST));
    LabelledImages evaluation = test.first(200);
    Row logistic = measure("logistic (k = 128)", LogisticFactory.Config.defaults(), set, evaluation, test, reference);
    Row mlp = measure("MLP 196→64→10 (k = 64)", MlpFactory.Config.defaults(), set, evaluation, test, reference);
    System.out.println("| architecture | factory build | evaluation | k | weights | proof p50 | proof p99 | proof bytes | inference checks per unit |");
    System.out.println("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
    for (Row r : List.of(logistic, mlp)) {
      System.out.printf("| %s | %.0f units | %d bp | %d | %,d B | %.3f units | %.3f units | %,d | %.0f |%n", r.name(), r.buildUnits(),
          r.evaluationBp(), r.rank(), r.weightsBytes(), r.proofP50(), r.proofP99(), r.proofBytes(), r.checksPerUnit());
    }
    System.out.printf("MLP / logistic: factory build %.2f×, proof p50 %.2f×, inference check %.2f× the time%n", mlp.buildUnits() / logistic.buildUnits(),
        mlp.proofP50() / logistic.proofP50(), logistic.checksPerUnit() / mlp.checksPerUnit());
  }

  static Row measure(String name, VersionFactory factory, TrainingSet set, LabelledImages evaluation, LabelledImages test, double reference) {
    long start = System.nanoTime();
    VersionFactory.Built built;
    try (ComputeBackend backend = ComputeBackends.open()) {
      built = factory.build(set, evaluation, 10, backend, Progress.NONE, org.openledger.prover.factory.Checkpoints.NONE);
    }
    double buildUnits = (System.nanoTime() - start) / 1e9 / reference;
    CommittedModel model = built.artifacts().model();
    Map<Bytes32, byte[]> content = new HashMap<>();
    for (byte[] blob : built.artifacts().blobs()) content.put(Bytes32.wrap(Keccak.hash(blob)), blob);
    ContentSource source = h -> {
      byte[] b = content.get(h);
      if (b == null) throw new ContentSource.Unavailable("no content " + h.toHexString());
      return b;
    };
    var a = built.artifacts();
    var version = new ProofEngine.Version(a.weightsRoot(), a.basisRoot(), a.indexRoot(), a.rank(), CommittedProofEngine.OUTPUT_MARGIN);
    ProofEngines engine = new ProofEngines(source);
    int size = test.images().size(), runs = 200, warmup = 20, bytes = 0;
    double[] seconds = new double[runs];
    for (int t = 0; t < runs + warmup; t++) {
      int image = 200 + t % (test.size() - 200); // never an evaluation image
      byte[] px = Arrays.copyOfRange(test.images().pixels(), image * size, (image + 1) * size);
      Bytes32 input = Bytes32.wrap(Keccak.hash(px));
      content.put(input, px);
      var binding = new AttributionVerifier.Binding(1337, Addresses.PROVERS, BigInteger.valueOf(t + 1), BigInteger.ONE, BigInteger.ONE, input,
          Bytes32.wrap(Keccak.hash(FraudChecks.classOutput(model.predict(px)))), Address.of(0xb0b));
      long s = System.nanoTime();
      ProofEngine.Outcome outcome = engine.prove(binding, version);
      long e = System.nanoTime();
      if (!(outcome instanceof ProofEngine.Outcome.Proof p)) throw new AssertionError(name + ": " + outcome);
      bytes = p.bytes().size();
      if (t >= warmup) seconds[t - warmup] = (e - s) / 1e9;
    }
    Arrays.sort(seconds);
    int n = 0;
    long begin = System.nanoTime();
    while (System.nanoTime() - begin < 2_000_000_000L) {
      int image = n % test.size();
      byte[] px = Arrays.copyOfRange(test.images().pixels(), image * size, (image + 1) * size);
      if (FraudChecks.outputIsWrong(model, px, Bytes32.wrap(Keccak.hash(FraudChecks.classOutput(model.predict(px)))))) throw new AssertionError();
      n++;
    }
    double perUnit = n / ((System.nanoTime() - begin) / 1e9) * reference;
    return new Row(name, buildUnits, built.evaluationScoreBp(), a.rank(), model.weightsBytes().length, seconds[runs / 2] / reference,
        seconds[runs * 99 / 100] / reference, bytes, perUnit);
  }
}

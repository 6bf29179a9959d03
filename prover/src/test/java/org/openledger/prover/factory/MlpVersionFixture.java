package org.openledger.prover.factory;

import org.openledger.compute.cpu.CpuBackend;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.Pooling;
import org.openledger.prover.eval.Progress;
import org.openledger.prover.model.MlpTrainingConfig;

/**
 * One small MLP version built by the factory on real data, shared by the tests that need one: five
 * contributors with 50 shipped Fashion-MNIST training images each (two classes apiece, 2×2-pooled
 * to 14×14 as the demo's), a 196 → 32 → 10 MLP trained with the shipped SGD settings, k = 32
 * Kronecker rows; scored on 200 pooled test images.
 */
public final class MlpVersionFixture {
  public static final MlpFactory.Config CONFIG = new MlpFactory.Config(MlpTrainingConfig.defaults().withHidden(32), 32, 1e-2);

  private static TrainingSet set;
  private static LabelledImages evaluation;
  private static VersionFactory.Built built;

  private MlpVersionFixture() {}

  public static synchronized TrainingSet set() {
    if (set == null) set = fiveContributors(25);
    return set;
  }

  /** Contributor i owns {@code perClass} pooled training images of classes 2i and 2i+1 (the demo's split at 50). */
  public static TrainingSet fiveContributors(int perClass) {
    return LogisticFactoryTest.fiveContributors(Pooling.pool2x2(FashionMnist.shipped(FashionMnist.Split.TRAIN)), perClass);
  }

  public static synchronized LabelledImages evaluation() {
    if (evaluation == null) evaluation = Pooling.pool2x2(FashionMnist.shipped(FashionMnist.Split.TEST)).first(200);
    return evaluation;
  }

  public static synchronized VersionFactory.Built built() {
    if (built == null) built = build(CONFIG);
    return built;
  }

  /** A fresh build of {@code config} on the same data, computing every stage. */
  public static VersionFactory.Built build(VersionFactory config) {
    return build(config, Checkpoints.NONE);
  }

  public static VersionFactory.Built build(VersionFactory config, Checkpoints checkpoints) {
    try (CpuBackend backend = new CpuBackend()) {
      return config.build(set(), evaluation(), FashionMnist.CLASSES, backend, Progress.NONE, checkpoints);
    }
  }
}

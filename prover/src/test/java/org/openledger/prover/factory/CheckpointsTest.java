package org.openledger.prover.factory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openledger.compute.cpu.CpuBackend;
import org.openledger.prover.attribution.Dense;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.Pooling;
import org.openledger.prover.eval.Progress;

/** A stopped factory build resumes from its checkpoints and arrives at the same version, byte for byte. */
class CheckpointsTest {
  static CpuBackend backend;
  static TrainingSet set;
  static LabelledImages evaluation;
  static LogisticFactory.Config config = new LogisticFactory.Config(32, 1e-2, LogisticFactory.Config.defaults().convergence());

  @BeforeAll
  static void data() {
    backend = new CpuBackend();
    set = LogisticFactoryTest.fiveContributors(Pooling.pool2x2(FashionMnist.shipped(FashionMnist.Split.TRAIN)), 12);
    evaluation = Pooling.pool2x2(FashionMnist.shipped(FashionMnist.Split.TEST)).first(50);
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  /** The phases a build reports, so a test sees which stages were resumed. */
  static final class Phases implements Progress {
    final List<String> names = new ArrayList<>();

    @Override
    public void phase(String name, int total) {
      names.add(name);
    }

    @Override
    public void step() {}
  }

  static LogisticFactory.Built build(Checkpoints checkpoints, Phases phases) {
    return LogisticFactory.build(set, evaluation, 10, config, backend, Dense.load(), phases, checkpoints);
  }

  static long resumed(Phases p) {
    return p.names.stream().filter(n -> n.endsWith("resumed from checkpoint")).count();
  }

  @Test
  void aSecondBuildResumesEveryExpensiveStageAndDeliversTheSameRoots(@TempDir Path dir) {
    Phases first = new Phases(), second = new Phases();
    LogisticFactory.Built a = build(Checkpoints.in(dir), first);
    LogisticFactory.Built b = build(Checkpoints.in(dir), second);
    assertThat(resumed(first)).isZero();
    assertThat(resumed(second)).isEqualTo(3);
    assertThat(b.artifacts().weightsRoot()).isEqualTo(a.artifacts().weightsRoot());
    assertThat(b.artifacts().basisRoot()).isEqualTo(a.artifacts().basisRoot());
    assertThat(b.artifacts().indexRoot()).isEqualTo(a.artifacts().indexRoot());
  }

  @Test
  void aBuildResumedFromCheckpointsEqualsOneWithout(@TempDir Path dir) {
    build(Checkpoints.in(dir), new Phases());
    LogisticFactory.Built resumed = build(Checkpoints.in(dir), new Phases());
    LogisticFactory.Built fresh = build(Checkpoints.NONE, new Phases());
    assertThat(resumed.artifacts().indexRoot()).isEqualTo(fresh.artifacts().indexRoot());
    assertThat(resumed.evaluationScoreBp()).isEqualTo(fresh.evaluationScoreBp());
  }

  @Test
  void aCorruptCheckpointIsRecomputedNotTrusted(@TempDir Path dir) throws IOException {
    LogisticFactory.Built a = build(Checkpoints.in(dir), new Phases());
    Path basis = only(dir, "basis-");
    byte[] bytes = Files.readAllBytes(basis);
    bytes[bytes.length / 2] ^= 0x40; // one flipped bit in the payload
    Files.write(basis, bytes);
    Phases again = new Phases();
    LogisticFactory.Built b = build(Checkpoints.in(dir), again);
    assertThat(resumed(again)).isEqualTo(2);
    assertThat(again.names).anyMatch(n -> n.startsWith("whitened-PCA basis") && !n.contains("resumed"));
    assertThat(b.artifacts().basisRoot()).isEqualTo(a.artifacts().basisRoot());
  }

  @Test
  void aTruncatedCheckpointFromACrashIsRecomputed(@TempDir Path dir) throws IOException {
    LogisticFactory.Built a = build(Checkpoints.in(dir), new Phases());
    Path eigen = only(dir, "eigen-");
    byte[] bytes = Files.readAllBytes(eigen);
    Files.write(eigen, java.util.Arrays.copyOf(bytes, bytes.length / 3));
    Phases again = new Phases();
    LogisticFactory.Built b = build(Checkpoints.in(dir), again);
    assertThat(again.names).anyMatch(n -> n.startsWith("Hessian") && !n.contains("resumed"));
    assertThat(b.artifacts().indexRoot()).isEqualTo(a.artifacts().indexRoot());
  }

  @Test
  void anotherDampingUsesNoneOfTheStagesItChanges(@TempDir Path dir) {
    build(Checkpoints.in(dir), new Phases());
    LogisticFactory.Config before = config;
    try {
      config = new LogisticFactory.Config(32, 2e-2, before.convergence());
      Phases other = new Phases();
      build(Checkpoints.in(dir), other);
      // the trained model does not depend on the Hessian's damping; the eigendecomposition and basis do
      assertThat(other.names.get(0)).endsWith("resumed from checkpoint");
      assertThat(resumed(other)).isEqualTo(1);
    } finally {
      config = before;
    }
  }

  private static Path only(Path dir, String prefix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> matching = files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
      assertThat(matching).hasSize(1);
      return matching.get(0);
    }
  }
}

package org.openledger.prover.factory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.MlpBasisRow;
import org.openledger.prover.attribution.kfac.MlpIndexBuilder;
import org.openledger.prover.proof.VersionArtifacts;

/**
 * The MLP factory on real data ({@link MlpVersionFixture}): it delivers a committed MLP with a
 * Kronecker basis and one leaf per contributor, rebuilds bit for bit, resumes from its checkpoints,
 * and the attester's comparison accepts an honest rebuild and refuses a tampered version.
 */
class MlpFactoryTest {
  @TempDir Path dir;

  static VersionArtifacts published() {
    return MlpVersionFixture.built().artifacts();
  }

  @Test
  void theDeliveredMlpClassifiesTheEvaluationSet() {
    int bp = MlpVersionFixture.built().evaluationScoreBp();
    System.out.println("MLP evaluation score " + bp + " bp");
    assertThat(bp).isGreaterThan(6_500);
  }

  @Test
  void theVersionIsACommittedMlpWithKroneckerRowsAndOneLeafPerContributor() {
    assertThat(published().model()).isInstanceOfSatisfying(FixedMlp.class, m -> {
      assertThat(m.inputs()).isEqualTo(196);
      assertThat(m.hidden()).isEqualTo(32);
    });
    assertThat(published().rank()).isEqualTo(32);
    assertThat(published().rows()).allSatisfy(r -> assertThat(r).isInstanceOf(MlpBasisRow.class));
    assertThat(published().leaves()).hasSize(5);
  }

  @Test
  void rebuildingFromTheSameDataGivesTheSameRoots() {
    VersionArtifacts again = MlpVersionFixture.build(MlpVersionFixture.CONFIG).artifacts();
    assertThat(again.weightsRoot()).isEqualTo(published().weightsRoot());
    assertThat(again.basisRoot()).isEqualTo(published().basisRoot());
    assertThat(again.indexRoot()).isEqualTo(published().indexRoot());
  }

  @Test
  void aBuildResumedFromItsCheckpointsGivesTheSameRootsWithoutRetraining() {
    MlpVersionFixture.build(MlpVersionFixture.CONFIG, Checkpoints.in(dir));
    List<String> phases = new ArrayList<>();
    VersionFactory.Built resumed;
    try (var backend = new org.openledger.compute.cpu.CpuBackend()) {
      resumed = MlpVersionFixture.CONFIG.build(MlpVersionFixture.set(), MlpVersionFixture.evaluation(), 10, backend,
          new org.openledger.prover.eval.Progress() {
            @Override
            public void phase(String name, int total) {
              phases.add(name);
            }

            @Override
            public void step() {}
          }, Checkpoints.in(dir));
    }
    assertThat(phases.get(0)).endsWith("resumed from checkpoint");
    assertThat(phases.get(1)).endsWith("resumed from checkpoint");
    assertThat(resumed.artifacts().basisRoot()).isEqualTo(published().basisRoot());
    assertThat(resumed.artifacts().indexRoot()).isEqualTo(published().indexRoot());
  }

  @Test
  void theAttesterAcceptsAnHonestRebuild() {
    VersionArtifacts rebuilt = MlpVersionFixture.build(MlpVersionFixture.CONFIG.toRebuild(published().model(), 32, 1e-2)).artifacts();
    assertThat(Attestation.compare(published(), rebuilt, MlpVersionFixture.set())).isEmpty();
  }

  @Test
  void theAttesterAcceptsAWeightOneQuantizationStepOffWithTheIndexItGives() {
    FixedMlp m = (FixedMlp) published().model();
    short[] w1 = m.w1().clone();
    w1[7] += w1[7] == Short.MAX_VALUE ? -1 : 1;
    FixedMlp moved = new FixedMlp(m.inputs(), m.hidden(), m.classes(), m.shift1(), m.shift2(), w1, m.b1(), m.w2(), m.b2());
    // its index is the one its own (moved) weights give: leaves are checked exactly
    var leaves = new MlpIndexBuilder(moved, published().mlpRows()).build(MlpVersionFixture.set().examples(), MlpVersionFixture.set().owners()).leaves();
    VersionArtifacts nudged = VersionArtifacts.of(moved, published().rows(), leaves);
    assertThat(Attestation.compare(nudged, published(), MlpVersionFixture.set())).isEmpty();
  }

  @Test
  void theAttesterRefusesAVersionWithAWeightMovedTwoSteps() {
    FixedMlp m = (FixedMlp) published().model();
    short[] w2 = m.w2().clone();
    w2[3] += w2[3] > 0 ? -2 : 2;
    VersionArtifacts tampered = VersionArtifacts.of(new FixedMlp(m.inputs(), m.hidden(), m.classes(), m.shift1(), m.shift2(), m.w1(), m.b1(), w2, m.b2()),
        published().rows(), published().leaves());
    assertThat(Attestation.compare(tampered, published(), MlpVersionFixture.set())).hasValueSatisfying(d -> assertThat(d).startsWith("layer-2 weight 3"));
  }

  @Test
  void theAttesterRefusesAVersionWithABasisFactorMovedTwoSteps() {
    List<org.openledger.contracts.attribution.BasisRow> rows = new ArrayList<>(published().rows());
    MlpBasisRow r = (MlpBasisRow) rows.get(2);
    short[] b = r.b().clone();
    b[0] += b[0] > 0 ? -2 : 2;
    rows.set(2, new MlpBasisRow(r.index(), r.layer(), r.shift(), r.a(), b));
    VersionArtifacts tampered = VersionArtifacts.of(published().model(), rows, published().leaves());
    assertThat(Attestation.compare(tampered, published(), MlpVersionFixture.set())).hasValueSatisfying(d -> assertThat(d).startsWith("basis row 2 input factor 0"));
  }

  @Test
  void theAttesterRefusesAVersionWithALeafCoordinateMovedTwoSteps() {
    List<IndexLeaf> leaves = new ArrayList<>(published().leaves());
    IndexLeaf l = leaves.get(1);
    short[] u = l.u().clone();
    u[4] += u[4] > 0 ? -2 : 2;
    leaves.set(1, new IndexLeaf(l.contributor(), l.datanetId(), l.contributionsRoot(), u));
    VersionArtifacts tampered = VersionArtifacts.of(published().model(), published().rows(), leaves);
    assertThat(Attestation.compare(tampered, published(), MlpVersionFixture.set())).hasValueSatisfying(d -> assertThat(d).startsWith("leaf 1 coordinate 4"));
  }

  @Test
  void theAttesterRefusesAVersionWithALeafCoordinateMovedOneStep() {
    List<IndexLeaf> leaves = new ArrayList<>(published().leaves());
    IndexLeaf l = leaves.get(2);
    short[] u = l.u().clone();
    u[0] += u[0] == Short.MAX_VALUE ? -1 : 1;
    leaves.set(2, new IndexLeaf(l.contributor(), l.datanetId(), l.contributionsRoot(), u));
    VersionArtifacts tampered = VersionArtifacts.of(published().model(), published().rows(), leaves);
    assertThat(Attestation.compare(tampered, published(), MlpVersionFixture.set()))
        .hasValueSatisfying(d -> assertThat(d).startsWith("leaf 2 coordinate 0").endsWith("from the published model and basis"));
  }

  @Test
  void theAttesterRefusesALogisticRebuildOfAnMlpVersion() {
    var logistic = LogisticFactory.Config.defaults();
    VersionArtifacts rebuilt = MlpVersionFixture.build(new LogisticFactory.Config(32, logistic.damping(), logistic.convergence())).artifacts();
    assertThat(Attestation.compare(published(), rebuilt, MlpVersionFixture.set())).hasValueSatisfying(d -> assertThat(d).startsWith("model kind differs"));
  }
}

package org.openledger.prover.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.attribution.FraudChecks;
import org.openledger.contracts.attribution.IndexLeaf;

/**
 * The leaf check the daemon challenges on, against the tiny factory-built index of
 * {@link LeafChallengeEvidenceTest} (reused, not rebuilt): every coordinate that differs from what
 * the published model and basis give is found, and is one the chain's own test calls wrong.
 */
class IndexAuditTest {
  final LeafChallengeEvidenceTest f = new LeafChallengeEvidenceTest();

  VersionArtifacts published(List<IndexLeaf> leaves) {
    return VersionArtifacts.of(f.model, f.rows, leaves);
  }

  List<IndexLeaf> moved(int leaf, int j, int steps, List<IndexLeaf> from) {
    List<IndexLeaf> out = new ArrayList<>(from);
    IndexLeaf l = out.get(leaf);
    short[] u = l.u().clone();
    u[j] += (short) steps;
    out.set(leaf, new IndexLeaf(l.contributor(), l.datanetId(), l.contributionsRoot(), u));
    return out;
  }

  @Test
  void anIndexBuiltFromThePublishedModelAndBasisHasNoWrongCoordinate() {
    assertThat(IndexAudit.wrongCoordinates(published(f.index.leaves()), f.data, f.index.shift())).isEmpty();
  }

  @Test
  void everyMovedCoordinateIsFoundTheMostStepsOffFirst() {
    List<IndexLeaf> leaves = moved(0, 1, 2, moved(1, 3, -5, f.index.leaves()));
    var wrong = IndexAudit.wrongCoordinates(published(leaves), f.data, f.index.shift());
    assertThat(wrong).extracting(IndexAudit.WrongCoordinate::leafIndex, IndexAudit.WrongCoordinate::coordinate, IndexAudit.WrongCoordinate::steps)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 3, 5L), org.assertj.core.groups.Tuple.tuple(0, 1, 2L));
  }

  @Test
  void aFoundCoordinateIsOneTheChainsOwnTestCallsWrongAndItsExactSumIsTheLeafs() {
    var w = IndexAudit.wrongCoordinates(published(moved(1, 2, 1, f.index.leaves())), f.data, f.index.shift()).get(0);
    assertThat(w.exactSum()).isEqualTo(f.index.raw().get(1)[2]);
    assertThat(FraudChecks.leafCoordinateDiffers(w.registered(), w.exactSum(), f.index.shift())).isTrue();
  }

  @Test
  void evenOneStepOffIsWrongBecauseLeavesAreExactIntegerArithmetic() {
    assertThat(IndexAudit.wrongCoordinates(published(moved(0, 0, 1, f.index.leaves())), f.data, f.index.shift()))
        .singleElement().satisfies(w -> assertThat(w.steps()).isEqualTo(1));
  }
}

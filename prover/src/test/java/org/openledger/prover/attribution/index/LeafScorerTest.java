package org.openledger.prover.attribution.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openledger.prover.attribution.index.Fixtures.MODEL;
import static org.openledger.prover.attribution.index.Fixtures.TEST;
import static org.openledger.prover.attribution.index.Fixtures.TRAIN;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openledger.compute.BackendSelection;
import org.openledger.compute.BackendUnavailableException;
import org.openledger.compute.ComputeBackend;
import org.openledger.compute.ComputeBackends;
import org.openledger.compute.cpu.CpuBackend;
import org.openledger.compute.scoring.TopScores;
import org.openledger.contracts.attribution.BasisRows;
import org.openledger.contracts.attribution.IndexLeaf;

/** Backend scores of real queries against a real index are exactly the chain's {@link IndexLeaf#score}. */
class LeafScorerTest {
  static final int K = 48;

  private static List<IndexLeaf> leaves;
  private static List<short[]> queries;

  @BeforeAll
  static void buildIndexAndQueries() {
    BasisRows basis = Fixtures.basis(K, 17);
    leaves = new IndexBuilder(MODEL, basis).build(TRAIN.first(400), Fixtures.owners(400, 23)).leaves();
    QueryBuilder builder = new QueryBuilder(MODEL, basis);
    queries = new ArrayList<>();
    for (int i = 0; i < 40; i++) queries.add(builder.query(Fixtures.pixels(TEST, i)).psi());
  }

  /**
   * Every CPU kernel path (vectorised or scalar, with or without BLAS candidate scoring) and an
   * OpenCL device when there is one (PoCL here and in CI).
   */
  static Stream<ComputeBackend> backends() {
    List<ComputeBackend> all = new ArrayList<>(List.of(
        new CpuBackend(true, true), new CpuBackend(true, false), new CpuBackend(false, true), new CpuBackend(false, false)));
    try {
      all.add(ComputeBackends.open(BackendSelection.openCl(-1)));
    } catch (BackendUnavailableException e) {
      System.err.println("OpenCL scoring not tested: " + e.getMessage());
    }
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource("backends")
  void backendScoresEqualTheChainsLeafScores(ComputeBackend backend) {
    try (backend; LeafScorer scorer = new LeafScorer(backend, leaves)) {
      for (short[] psi : queries) {
        assertThat(scorer.scores(psi)).containsExactly(LeafScorer.referenceScores(psi, leaves));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void topLeavesAreTheReferenceOrderByScoreThenIndex(ComputeBackend backend) {
    int m = 4;
    try (backend; LeafScorer scorer = new LeafScorer(backend, leaves)) {
      for (short[] psi : queries) {
        long[] reference = LeafScorer.referenceScores(psi, leaves);
        List<Integer> expected = Stream.iterate(0, n -> n + 1).limit(leaves.size())
            .sorted(Comparator.<Integer>comparingLong(n -> -reference[n]).thenComparing(n -> n)).limit(m).toList();
        TopScores top = scorer.top(psi, m);
        for (int r = 0; r < m; r++) {
          assertThat(top.contributor(0, r)).isEqualTo(expected.get(r));
          assertThat(top.score(0, r)).isEqualTo(reference[expected.get(r)]);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void refusesAQueryOfAnotherRank(ComputeBackend backend) {
    try (backend; LeafScorer scorer = new LeafScorer(backend, leaves)) {
      assertThatThrownBy(() -> scorer.scores(new short[K - 1])).isInstanceOf(IllegalArgumentException.class);
    }
  }
}

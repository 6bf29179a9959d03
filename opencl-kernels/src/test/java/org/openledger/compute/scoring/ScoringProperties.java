package org.openledger.compute.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.openledger.compute.ComputeBackend;
import org.openledger.compute.testing.RandomMatrices;
import org.openledger.compute.testing.Reference;
import org.openledger.compute.testing.TestBackends;

/** Integer scores and the top-M selection are bit-identical to the scalar reference on every backend. */
class ScoringProperties {

  @Property(tries = 150)
  void everyScoreEqualsTheExactIntegerDotProduct(
      @ForAll @IntRange(min = 0, max = 9) int queries,
      @ForAll @IntRange(min = 0, max = 120) int contributors,
      @ForAll @IntRange(min = 0, max = 70) int k,
      @ForAll long seed) {
    Random random = new Random(seed);
    Int16Matrix q = RandomMatrices.int16(random, queries, k);
    Int16Matrix u = RandomMatrices.int16(random, contributors, k);
    long[] expected = Reference.scores(q, u);
    for (ComputeBackend backend : TestBackends.all()) {
      assertThat(backend.scores(q, u)).as(backend.description()).isEqualTo(expected);
    }
  }

  @Property(tries = 150)
  void topMKeepsTheHighestScoresWithFullRangeValues(
      @ForAll @IntRange(min = 1, max = 6) int queries,
      @ForAll @IntRange(min = 1, max = 150) int contributors,
      @ForAll @IntRange(min = 1, max = 40) int k,
      @ForAll @IntRange(min = 1, max = 20) int m,
      @ForAll long seed) {
    Random random = new Random(seed);
    Int16Matrix q = RandomMatrices.int16(random, queries, k);
    Int16Matrix u = RandomMatrices.int16(random, contributors, k);
    TopScores expected = Reference.topM(q, u, m);
    for (ComputeBackend backend : TestBackends.all()) {
      assertThat(backend.scoreTopM(q, u, m)).as(backend.description()).isEqualTo(expected);
    }
  }

  @Property(tries = 150)
  void equalScoresRankTheLowerContributorIndexFirst(
      @ForAll @IntRange(min = 1, max = 5) int queries,
      @ForAll @IntRange(min = 1, max = 200) int contributors,
      @ForAll @IntRange(min = 1, max = 4) int k,
      @ForAll @IntRange(min = 1, max = 33) int m,
      @ForAll long seed) {
    Random random = new Random(seed);
    Int16Matrix q = RandomMatrices.int16Small(random, queries, k, 1);
    Int16Matrix u = RandomMatrices.int16Small(random, contributors, k, 1);
    TopScores expected = Reference.topM(q, u, m);
    for (ComputeBackend backend : TestBackends.all()) {
      assertThat(backend.scoreTopM(q, u, m)).as(backend.description()).isEqualTo(expected);
    }
  }

  @Property(tries = 10)
  void scoresStayExactWhenTheSumExceedsInt32(@ForAll @IntRange(min = 3, max = 2000) int k) {
    short[] min = new short[k];
    java.util.Arrays.fill(min, Short.MIN_VALUE);
    Int16Matrix q = new Int16Matrix(1, k, min);
    Int16Matrix u = new Int16Matrix(1, k, min.clone());
    long expected = (long) k << 30;
    for (ComputeBackend backend : TestBackends.all()) {
      assertThat(backend.scores(q, u)).as(backend.description()).containsExactly(expected);
      assertThat(backend.scoreTopM(q, u, 1).score(0, 0)).as(backend.description()).isEqualTo(expected);
    }
  }
}

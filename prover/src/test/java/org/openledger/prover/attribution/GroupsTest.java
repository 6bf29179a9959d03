package org.openledger.prover.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GroupsTest {

  @Test
  void contributorsGetEqualSharesWithinOneExample() {
    Groups g = Groups.contributors(1003, 10, 7);
    int[] sizes = new int[10];
    for (int owner : g.groupOf()) {
      sizes[owner]++;
    }
    assertThat(sizes).containsOnly(100, 101);
  }

  @Test
  void contributorSharesDependOnlyOnTheSeed() {
    assertThat(Groups.contributors(500, 20, 3).groupOf()).isEqualTo(Groups.contributors(500, 20, 3).groupOf());
    assertThat(Groups.contributors(500, 20, 3).groupOf()).isNotEqualTo(Groups.contributors(500, 20, 4).groupOf());
  }

  @Test
  void groupSumsAddTheRowsOfEachGroupsExamples() {
    Groups g = new Groups(2, new int[] {1, 0, 1});
    assertThat(g.sum(new double[] {1, 2, 10, 20, 100, 200}, 2)).containsExactly(10, 20, 101, 202);
  }

  @Test
  void examplesOfChosenGroupsAreListedAscending() {
    Groups g = new Groups(3, new int[] {2, 0, 1, 2, 0});
    assertThat(g.examplesOf(new boolean[] {false, true, true})).containsExactly(0, 2, 3);
  }
}

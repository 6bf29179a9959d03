package org.openledger.compute.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopMSelectorTest {
  @Test
  void keepsTheHighestScoresBestFirst() {
    TopMSelector selector = new TopMSelector(2);
    selector.offer(5, 0);
    selector.offer(9, 1);
    selector.offer(7, 2);
    int[] indices = new int[2];
    long[] scores = new long[2];
    selector.copyTo(0, indices, scores);
    assertThat(indices).containsExactly(1, 2);
    assertThat(scores).containsExactly(9, 7);
  }

  @Test
  void aTieGoesToTheLowerIndexWhateverTheOfferOrder() {
    TopMSelector selector = new TopMSelector(1);
    selector.offer(4, 8);
    selector.offer(4, 3);
    selector.offer(4, 5);
    int[] indices = new int[1];
    selector.copyTo(0, indices, new long[1]);
    assertThat(indices).containsExactly(3);
  }

  @Test
  void keepsFewerThanMWhenFewerWereOffered() {
    TopMSelector selector = new TopMSelector(4);
    selector.offer(-1, 0);
    assertThat(selector.size()).isEqualTo(1);
    assertThat(selector.threshold()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void refusesAnMBelowOne() {
    assertThatThrownBy(() -> new TopMSelector(0)).isInstanceOf(IllegalArgumentException.class);
  }
}

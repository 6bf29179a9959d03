package org.openledger.compute.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageBatchTest {
  @Test
  void packsMessagesEndToEnd() {
    MessageBatch batch = MessageBatch.of(List.of(new byte[] {1, 2}, new byte[0], new byte[] {3}));
    assertThat(batch.bytes()).containsExactly(1, 2, 3);
    assertThat(batch.offsets()).containsExactly(0, 2, 2, 3);
    assertThat(batch.count()).isEqualTo(3);
  }

  @Test
  void aMerkleLevelWithAnOddNodeCountIsRefused() {
    assertThatThrownBy(() -> MessageBatch.merklePairs(new byte[96]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("even number");
  }

  @Test
  void decreasingOffsetsAreRefused() {
    assertThatThrownBy(() -> new MessageBatch(new byte[4], new int[] {0, 3, 1, 4})).isInstanceOf(IllegalArgumentException.class);
  }
}

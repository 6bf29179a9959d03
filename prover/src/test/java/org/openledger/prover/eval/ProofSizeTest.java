package org.openledger.prover.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openledger.prover.attribution.Quantization;

class ProofSizeTest {

  @Test
  void oneLeafOfEightNeedsItsThreeSiblingsOnTheWayUp() {
    assertThat(ProofSize.multiproofHashes(8, new int[] {5})).isEqualTo(3);
  }

  @Test
  void provingEveryLeafNeedsNoHashes() {
    assertThat(ProofSize.multiproofHashes(5, new int[] {0, 1, 2, 3, 4})).isZero();
  }

  @Test
  void anOddLastNodeMovesUpWithoutASibling() {
    // leaves 0..4: leaf 4 rises alone twice, then pairs with the node over 0..3
    assertThat(ProofSize.multiproofHashes(5, new int[] {4})).isEqualTo(1);
  }

  @Test
  void theDocumentedFormatAtK512WithSixteenLeavesIsAboutTwentyKilobytes() {
    int p = ProofSize.multiproofHashes(100, new int[] {0, 6, 12, 18, 25, 31, 37, 43, 50, 56, 62, 68, 75, 81, 87, 93});
    assertThat(ProofSize.bytes(512, Quantization.INT16, 16, 100))
        .isEqualTo(1 + 32 + 2 + 1 + 1024 + 4 + 1 + 16 * (96 + 1024) + 2 + 32 * p)
        .isBetween(19_000, 24_000);
  }
}

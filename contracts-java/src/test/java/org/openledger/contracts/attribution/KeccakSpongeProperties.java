package org.openledger.contracts.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Keccak;

/**
 * A blob absorbed in block-aligned chunks across calls, its state stored and reloaded between
 * them, finishes at exactly Ethereum's keccak256 of the blob: what lets the leaf-coordinate
 * challenge check an 800 KB contribution against its contentHash over several transactions.
 */
class KeccakSpongeProperties {

  @Property(tries = 300)
  void chunkedAbsorptionThroughStoredStatesIsKeccak256(@ForAll @IntRange(min = 0, max = 2_000) int length, @ForAll long seed) {
    Random random = new Random(seed);
    byte[] blob = new byte[length];
    random.nextBytes(blob);
    KeccakSponge sponge = KeccakSponge.empty();
    int at = 0;
    while (length - at > KeccakSponge.RATE) {
      int blocks = 1 + random.nextInt((length - at) / KeccakSponge.RATE);
      sponge = KeccakSponge.of(sponge.absorbBlocks(blob, at, blocks * KeccakSponge.RATE).state()); // stored, reloaded
      at += blocks * KeccakSponge.RATE;
    }
    assertThat(sponge.finish(blob, at, length - at)).isEqualTo(Bytes32.wrap(Keccak.hash(blob)));
  }

  @Example
  void theEmptyBlobIsKeccak256OfNothing() {
    assertThat(KeccakSponge.empty().finish(new byte[0], 0, 0)).isEqualTo(Bytes32.wrap(Keccak.hash(new byte[0])));
  }

  @Example
  void aBlobOfWholeBlocksFinishesWithAPaddingBlock() {
    byte[] blob = new byte[2 * KeccakSponge.RATE];
    new Random(1).nextBytes(blob);
    assertThat(KeccakSponge.empty().finish(blob, 0, blob.length)).isEqualTo(Bytes32.wrap(Keccak.hash(blob)));
  }

  @Example
  void onlyWholeBlocksAreAbsorbedBeforeTheEnd() {
    assertThatThrownBy(() -> KeccakSponge.empty().absorbBlocks(new byte[200], 0, 200)).isInstanceOf(IllegalArgumentException.class);
  }
}

package org.openledger.compute.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.Test;
import org.openledger.compute.hash.MessageBatch;

/**
 * The 8-messages-per-permutation hasher equals Bouncy Castle message by message: in groups whose
 * messages differ in length but not in block count, in mixed groups (the scalar fallback), in a
 * tail shorter than a group, and from any starting message.
 */
class VectorKeccakProperties {

  @Property(tries = 150)
  void equalsBouncyCastleForMessagesOfAnyLengthsInOneBlockClass(
      @ForAll @IntRange(min = 0, max = 40) int count,
      @ForAll @IntRange(min = 0, max = 3) int blocks,
      @ForAll long seed) {
    Random random = new Random(seed);
    List<byte[]> messages = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      // blocks·136 .. blocks·136 + 135 bytes: the same number of permutations, different padding
      messages.add(randomBytes(random, blocks * 136 + random.nextInt(136)));
    }
    assertHashesEqualBouncyCastle(MessageBatch.of(messages), random.nextInt(count + 1));
  }

  @Property(tries = 150)
  void equalsBouncyCastleForMixedBlockCounts(@ForAll @IntRange(min = 0, max = 40) int count, @ForAll long seed) {
    Random random = new Random(seed);
    List<byte[]> messages = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      messages.add(randomBytes(random, random.nextInt(420)));
    }
    assertHashesEqualBouncyCastle(MessageBatch.of(messages), random.nextInt(count + 1));
  }

  @Test
  void aMerkleLevelOfSixtyFourBytePairsEqualsBouncyCastle() {
    assertHashesEqualBouncyCastle(MessageBatch.merklePairs(randomBytes(new Random(5), 64 * 100)), 0);
  }

  /** Messages [from, count) are hashed; the digests before {@code from} must stay untouched. */
  private static void assertHashesEqualBouncyCastle(MessageBatch batch, int from) {
    byte[] out = new byte[batch.count() * 32];
    new VectorKeccak().hash(batch, from, batch.count(), out);
    for (int i = 0; i < batch.count(); i++) {
      byte[] expected = i < from ? new byte[32] : bouncyCastle(batch.bytes(), batch.offsets()[i], batch.length(i));
      assertThat(java.util.Arrays.copyOfRange(out, i * 32, i * 32 + 32)).as("message %d of %d", i, batch.count()).isEqualTo(expected);
    }
  }

  private static byte[] bouncyCastle(byte[] bytes, int offset, int length) {
    KeccakDigest digest = new KeccakDigest(256);
    digest.update(bytes, offset, length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}

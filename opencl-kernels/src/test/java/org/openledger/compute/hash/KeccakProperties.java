package org.openledger.compute.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.openledger.compute.ComputeBackend;
import org.openledger.compute.testing.TestBackends;
import org.openledger.precompiles.Keccak;

/** Every backend's keccak-256 equals the framework's (Bouncy Castle) byte for byte. */
class KeccakProperties {

  @Property(tries = 120)
  void batchedDigestsEqualTheFrameworksKeccak(
      @ForAll @IntRange(min = 0, max = 40) int count,
      @ForAll @IntRange(min = 0, max = 420) int maxLength,
      @ForAll long seed) {
    Random random = new Random(seed);
    List<byte[]> messages = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] message = new byte[random.nextInt(maxLength + 1)];
      random.nextBytes(message);
      messages.add(message);
    }
    byte[] expected = expected(messages);
    for (ComputeBackend backend : TestBackends.all()) {
      assertThat(backend.keccak256(MessageBatch.of(messages))).as(backend.description()).isEqualTo(expected);
    }
  }

  /** Equal-length batches: Merkle levels and fixed-size leaves, across the sponge-rate boundaries. */
  @Property(tries = 120)
  void equalLengthBatchesEqualTheFrameworksKeccak(
      @ForAll @IntRange(min = 0, max = 70) int count,
      @ForAll @IntRange(min = 0, max = 420) int length,
      @ForAll long seed) {
    Random random = new Random(seed);
    List<byte[]> messages = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] message = new byte[length];
      random.nextBytes(message);
      messages.add(message);
    }
    byte[] expected = expected(messages);
    for (ComputeBackend backend : TestBackends.all()) {
      assertThat(backend.keccak256(MessageBatch.of(messages))).as(backend.description()).isEqualTo(expected);
    }
  }

  /** 135, 136 and 137 bytes straddle the sponge's rate, where the padding bytes meet or split. */
  @Test
  void lengthsAroundTheRateBoundariesMatch() {
    List<byte[]> messages = new ArrayList<>();
    for (int length : new int[] {0, 1, 31, 32, 64, 135, 136, 137, 271, 272, 273, 1000}) {
      byte[] message = new byte[length];
      Arrays.fill(message, (byte) (length * 7));
      messages.add(message);
    }
    byte[] expected = expected(messages);
    for (ComputeBackend backend : TestBackends.all()) {
      assertThat(backend.keccak256(MessageBatch.of(messages))).as(backend.description()).isEqualTo(expected);
    }
  }

  @Test
  void theEmptyStringHashesToEthereumsKnownDigest() {
    byte[] digest = new Keccak256().hash(new byte[0]);
    assertThat(org.bouncycastle.util.encoders.Hex.toHexString(digest))
        .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  }

  @Test
  void merklePairsHashLeftThenRight() {
    byte[] left = Keccak.hash(new byte[] {1});
    byte[] right = Keccak.hash(new byte[] {2});
    byte[] level = new byte[64];
    System.arraycopy(left, 0, level, 0, 32);
    System.arraycopy(right, 0, level, 32, 32);
    for (ComputeBackend backend : TestBackends.all()) {
      assertThat(backend.keccak256(MessageBatch.merklePairs(level))).isEqualTo(Keccak.hash(left, right));
    }
  }

  private static byte[] expected(List<byte[]> messages) {
    byte[] out = new byte[messages.size() * 32];
    for (int i = 0; i < messages.size(); i++) {
      System.arraycopy(Keccak.hash(messages.get(i)), 0, out, i * 32, 32);
    }
    return out;
  }
}

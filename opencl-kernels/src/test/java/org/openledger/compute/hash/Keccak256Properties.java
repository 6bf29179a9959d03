package org.openledger.compute.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/** The single-message hasher equals Bouncy Castle's Keccak-256 for every length and position. */
class Keccak256Properties {

  @Property(tries = 400)
  void equalsBouncyCastleForAnyLengthAtAnyOffset(
      @ForAll("lengths") int length,
      @ForAll @IntRange(min = 0, max = 15) int offset,
      @ForAll long seed) {
    Random random = new Random(seed);
    // Bytes before and after the message must not leak into the digest.
    byte[] buffer = new byte[offset + length + 9];
    random.nextBytes(buffer);
    byte[] out = new byte[40];
    new Keccak256().hash(buffer, offset, length, out, 3);
    byte[] digest = java.util.Arrays.copyOfRange(out, 3, 35);
    assertThat(digest).isEqualTo(bouncyCastle(java.util.Arrays.copyOfRange(buffer, offset, offset + length)));
  }

  /** One instance hashes message after message: no state survives from the previous one. */
  @Property(tries = 100)
  void aReusedHasherEqualsAFreshOne(@ForAll("lengths") int first, @ForAll("lengths") int second, @ForAll long seed) {
    Random random = new Random(seed);
    byte[] a = new byte[first];
    byte[] b = new byte[second];
    random.nextBytes(a);
    random.nextBytes(b);
    Keccak256 reused = new Keccak256();
    reused.hash(a);
    assertThat(reused.hash(b)).isEqualTo(new Keccak256().hash(b));
  }

  /** 0..2,000 bytes, with the rate's boundaries (one and two blocks, ± a byte) drawn often. */
  @Provide
  Arbitrary<Integer> lengths() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 2000)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(0, 1, 7, 8, 9, 135, 136, 137, 271, 272, 273, 407, 408)));
  }

  @Test
  void theEmptyStringHashesToItsKnownDigest() {
    assertThat(Hex.toHexString(new Keccak256().hash(new byte[0])))
        .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  }

  @Test
  void abcHashesToItsKnownDigest() {
    assertThat(Hex.toHexString(new Keccak256().hash("abc".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
  }

  private static byte[] bouncyCastle(byte[] message) {
    KeccakDigest digest = new KeccakDigest(256);
    digest.update(message, 0, message.length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }
}

package org.openledger.compute.cpu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openledger.compute.hash.Keccak256;
import org.openledger.compute.hash.MessageBatch;
import org.openledger.precompiles.KeccakF1600;

/**
 * Keccak-256 of {@link #WIDTH} messages per permutation (8 with 512-bit vectors): vector lane m
 * of state word l is lane l of message m. Messages are hashed in groups of WIDTH consecutive ones
 * that need the same number of permutations (all of a Merkle level or of fixed-length leaves);
 * a mixed group falls back to the scalar {@link Keccak256}.
 *
 * <p>The state lives in two arrays, and each round reads one and writes the other, one plane of 5
 * words at a time. Keeping the 25 state vectors in locals across the round loop is what made an
 * earlier version slower than scalar: C2 boxed them. Here no vector outlives a small method. Not
 * thread-safe; one per thread.
 */
final class VectorKeccak {
  private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
  /** Messages per permutation. */
  static final int WIDTH = LONGS.length();
  private static final int RATE = 136;
  private static final int RATE_LANES = RATE / 8;
  private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** The iota constants of Keccak-f[1600], the same as {@link Keccak256}'s. */
  private static final long[] ROUND_CONSTANTS = KeccakF1600.roundConstants();

  private final long[] state = new long[25 * WIDTH];
  private final long[] scratch = new long[25 * WIDTH];
  /** Theta's five column effects D[x], WIDTH lanes each. */
  private final long[] columns = new long[5 * WIDTH];
  private final long[] block = new long[RATE_LANES];
  private final Keccak256 scalar = new Keccak256();

  /** keccak256 of messages [from, to) of the batch, digest i at out[32·i .. 32·i + 32). */
  void hash(MessageBatch batch, int from, int to, byte[] out) {
    byte[] bytes = batch.bytes();
    int[] offsets = batch.offsets();
    int i = from;
    for (; i + WIDTH <= to; i += WIDTH) {
      int blocks = blocks(offsets[i + 1] - offsets[i]);
      boolean uniform = true;
      for (int m = 1; m < WIDTH && uniform; m++) {
        uniform = blocks(offsets[i + m + 1] - offsets[i + m]) == blocks;
      }
      if (uniform) {
        hashGroup(bytes, offsets, i, blocks, out);
      } else {
        for (int m = 0; m < WIDTH; m++) {
          scalar.hash(bytes, offsets[i + m], offsets[i + m + 1] - offsets[i + m], out, (i + m) * 32);
        }
      }
    }
    for (; i < to; i++) {
      scalar.hash(bytes, offsets[i], offsets[i + 1] - offsets[i], out, i * 32);
    }
  }

  /** Permutations a message of this length needs: its whole blocks plus the padded last one. */
  private static int blocks(int length) {
    return length / RATE + 1;
  }

  private void hashGroup(byte[] bytes, int[] offsets, int first, int blocks, byte[] out) {
    long[] s = state;
    Arrays.fill(s, 0L);
    for (int b = 0; b < blocks; b++) {
      for (int m = 0; m < WIDTH; m++) {
        int start = offsets[first + m];
        loadBlock(bytes, start + b * RATE, offsets[first + m + 1] - start - b * RATE);
        for (int lane = 0; lane < RATE_LANES; lane++) {
          s[lane * WIDTH + m] ^= block[lane];
        }
      }
      permute(s, scratch, columns);
    }
    for (int m = 0; m < WIDTH; m++) {
      for (int lane = 0; lane < 4; lane++) {
        LE_LONG.set(out, (first + m) * 32 + lane * 8, s[lane * WIDTH + m]);
      }
    }
  }

  /**
   * One rate block of a message as 17 little-endian lanes: {@code remaining} is what is left of
   * the message from {@code pos}; below a full block it is the last one, padded (0x01 after the
   * message, 0x80 in the rate's last byte).
   */
  private void loadBlock(byte[] bytes, int pos, int remaining) {
    if (remaining >= RATE) {
      for (int lane = 0; lane < RATE_LANES; lane++) {
        block[lane] = (long) LE_LONG.get(bytes, pos + lane * 8);
      }
      return;
    }
    Arrays.fill(block, 0L);
    int whole = remaining >>> 3;
    for (int lane = 0; lane < whole; lane++) {
      block[lane] = (long) LE_LONG.get(bytes, pos + lane * 8);
    }
    long tail = 0;
    for (int b = remaining & 7; b > 0; b--) {
      tail = (tail << 8) | (bytes[pos + whole * 8 + b - 1] & 0xFFL);
    }
    block[whole] = tail ^ (0x01L << ((remaining & 7) * 8));
    block[RATE_LANES - 1] ^= 0x80L << 56;
  }

  /** Keccak-f[1600] on WIDTH states at once; 24 rounds alternate a → e → a, ending in a. */
  private static void permute(long[] a, long[] e, long[] columns) {
    for (int round = 0; round < 24; round += 2) {
      round(a, e, columns, ROUND_CONSTANTS[round]);
      round(e, a, columns, ROUND_CONSTANTS[round + 1]);
    }
  }

  /** One round from s into d: theta's column effects, then each plane of d (rho, pi, chi), then iota. */
  private static void round(long[] s, long[] d, long[] dd, long roundConstant) {
    theta(s, dd);
    plane(s, d, dd, 0, 0, 0, 6, 44, 12, 43, 18, 21, 24, 14);
    plane(s, d, dd, 1, 3, 28, 9, 20, 10, 3, 16, 45, 22, 61);
    plane(s, d, dd, 2, 1, 1, 7, 6, 13, 25, 19, 8, 20, 18);
    plane(s, d, dd, 3, 4, 27, 5, 36, 11, 10, 17, 15, 23, 56);
    plane(s, d, dd, 4, 2, 62, 8, 55, 14, 39, 15, 41, 21, 2);
    word(d, 0).lanewise(VectorOperators.XOR, roundConstant).intoArray(d, 0);
  }

  /** D[x] = C[x-1] ^ rot(C[x+1], 1), C[x] the parity of column x. */
  private static void theta(long[] s, long[] dd) {
    for (int x = 0; x < 5; x++) {
      word(s, x).lanewise(VectorOperators.XOR, word(s, x + 5)).lanewise(VectorOperators.XOR, word(s, x + 10))
          .lanewise(VectorOperators.XOR, word(s, x + 15)).lanewise(VectorOperators.XOR, word(s, x + 20)).intoArray(dd, x * WIDTH);
    }
    LongVector c0 = word(dd, 0);
    LongVector c1 = word(dd, 1);
    LongVector c2 = word(dd, 2);
    LongVector c3 = word(dd, 3);
    LongVector c4 = word(dd, 4);
    c4.lanewise(VectorOperators.XOR, c1.lanewise(VectorOperators.ROL, 1)).intoArray(dd, 0);
    c0.lanewise(VectorOperators.XOR, c2.lanewise(VectorOperators.ROL, 1)).intoArray(dd, WIDTH);
    c1.lanewise(VectorOperators.XOR, c3.lanewise(VectorOperators.ROL, 1)).intoArray(dd, 2 * WIDTH);
    c2.lanewise(VectorOperators.XOR, c4.lanewise(VectorOperators.ROL, 1)).intoArray(dd, 3 * WIDTH);
    c3.lanewise(VectorOperators.XOR, c0.lanewise(VectorOperators.ROL, 1)).intoArray(dd, 4 * WIDTH);
  }

  /** Plane y of d from five source words (index, rho rotation), in the order pi lays them out. */
  private static void plane(long[] s, long[] d, long[] dd, int y,
                            int w0, int r0, int w1, int r1, int w2, int r2, int w3, int r3, int w4, int r4) {
    LongVector b0 = rhoTheta(s, dd, w0, r0);
    LongVector b1 = rhoTheta(s, dd, w1, r1);
    LongVector b2 = rhoTheta(s, dd, w2, r2);
    LongVector b3 = rhoTheta(s, dd, w3, r3);
    LongVector b4 = rhoTheta(s, dd, w4, r4);
    int base = 5 * y * WIDTH;
    b0.lanewise(VectorOperators.XOR, b2.lanewise(VectorOperators.AND_NOT, b1)).intoArray(d, base);
    b1.lanewise(VectorOperators.XOR, b3.lanewise(VectorOperators.AND_NOT, b2)).intoArray(d, base + WIDTH);
    b2.lanewise(VectorOperators.XOR, b4.lanewise(VectorOperators.AND_NOT, b3)).intoArray(d, base + 2 * WIDTH);
    b3.lanewise(VectorOperators.XOR, b0.lanewise(VectorOperators.AND_NOT, b4)).intoArray(d, base + 3 * WIDTH);
    b4.lanewise(VectorOperators.XOR, b1.lanewise(VectorOperators.AND_NOT, b0)).intoArray(d, base + 4 * WIDTH);
  }

  private static LongVector rhoTheta(long[] s, long[] dd, int w, int rotation) {
    LongVector v = word(s, w).lanewise(VectorOperators.XOR, word(dd, w % 5));
    return rotation == 0 ? v : v.lanewise(VectorOperators.ROL, rotation);
  }

  private static LongVector word(long[] s, int w) {
    return LongVector.fromArray(LONGS, s, w * WIDTH);
  }
}

package org.openledger.compute.cpu;

import static jdk.incubator.vector.VectorOperators.AND_NOT;
import static jdk.incubator.vector.VectorOperators.ROL;
import static jdk.incubator.vector.VectorOperators.XOR;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;
import org.openledger.compute.hash.Keccak256;
import org.openledger.compute.hash.MessageBatch;

/**
 * Keccak-256 of several messages at once: lane i of every vector belongs to message i, so one
 * permutation runs {@code LANES} states (8 with AVX-512, whose 64-bit rotate is one instruction).
 * Messages are taken in groups of LANES consecutive ones with the same number of sponge blocks —
 * Merkle levels and fixed-size leaves always are; any other group goes to the scalar hasher.
 * The digests are Keccak's by construction: the same sponge, padding and permutation per lane.
 */
final class VectorKeccak {
  private static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_PREFERRED;
  static final int LANES = SPECIES.length();
  private static final int RATE = 136;
  private static final int RATE_LANES = RATE / 8;
  private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final LongVector[] state = new LongVector[25];
  private final long[] gather = new long[LANES];
  private final long[] scatter = new long[LANES];
  private final byte[] lastBlocks = new byte[LANES * RATE];
  private final Keccak256 scalar = new Keccak256();

  /** Digests of messages [from, to) into out (32 bytes per message, at 32 * index). */
  void hash(MessageBatch batch, int from, int to, byte[] out) {
    byte[] bytes = batch.bytes();
    int[] offsets = batch.offsets();
    int i = from;
    for (; i + LANES <= to; i += LANES) {
      int fullBlocks = (offsets[i + 1] - offsets[i]) / RATE;
      boolean uniform = true;
      for (int m = 1; m < LANES && uniform; m++) {
        uniform = (offsets[i + m + 1] - offsets[i + m]) / RATE == fullBlocks;
      }
      if (uniform) {
        hashGroup(bytes, offsets, i, out);
      } else {
        for (int m = 0; m < LANES; m++) {
          scalar.hash(bytes, offsets[i + m], offsets[i + m + 1] - offsets[i + m], out, (i + m) * 32);
        }
      }
    }
    for (; i < to; i++) {
      scalar.hash(bytes, offsets[i], offsets[i + 1] - offsets[i], out, i * 32);
    }
  }

  private void hashGroup(byte[] bytes, int[] offsets, int first, byte[] out) {
    LongVector zero = LongVector.zero(SPECIES);
    Arrays.fill(state, zero);
    int fullBlocks = (offsets[first + 1] - offsets[first]) / RATE;
    for (int block = 0; block < fullBlocks; block++) {
      for (int lane = 0; lane < RATE_LANES; lane++) {
        for (int m = 0; m < LANES; m++) {
          gather[m] = (long) LE_LONG.get(bytes, offsets[first + m] + block * RATE + lane * 8);
        }
        state[lane] = state[lane].lanewise(XOR, LongVector.fromArray(SPECIES, gather, 0));
      }
      permute(state);
    }
    // The last block of each message: its remaining bytes, then Keccak's pad10*1 (0x01 ... 0x80).
    Arrays.fill(lastBlocks, (byte) 0);
    for (int m = 0; m < LANES; m++) {
      int start = offsets[first + m] + fullBlocks * RATE;
      int rest = offsets[first + m + 1] - start;
      System.arraycopy(bytes, start, lastBlocks, m * RATE, rest);
      lastBlocks[m * RATE + rest] ^= 0x01;
      lastBlocks[m * RATE + RATE - 1] ^= (byte) 0x80;
    }
    for (int lane = 0; lane < RATE_LANES; lane++) {
      for (int m = 0; m < LANES; m++) {
        gather[m] = (long) LE_LONG.get(lastBlocks, m * RATE + lane * 8);
      }
      state[lane] = state[lane].lanewise(XOR, LongVector.fromArray(SPECIES, gather, 0));
    }
    permute(state);
    for (int lane = 0; lane < 4; lane++) {
      state[lane].intoArray(scatter, 0);
      for (int m = 0; m < LANES; m++) {
        LE_LONG.set(out, (first + m) * 32 + lane * 8, scatter[m]);
      }
    }
  }

  private static final long[] ROUND_CONSTANTS = {
    0x0000000000000001L,
    0x0000000000008082L,
    0x800000000000808AL,
    0x8000000080008000L,
    0x000000000000808BL,
    0x0000000080000001L,
    0x8000000080008081L,
    0x8000000000008009L,
    0x000000000000008AL,
    0x0000000000000088L,
    0x0000000080008009L,
    0x000000008000000AL,
    0x000000008000808BL,
    0x800000000000008BL,
    0x8000000000008089L,
    0x8000000000008003L,
    0x8000000000008002L,
    0x8000000000000080L,
    0x000000000000800AL,
    0x800000008000000AL,
    0x8000000080008081L,
    0x8000000000008080L,
    0x0000000080000001L,
    0x8000000080008008L
  };

  /** Keccak-f[1600] on 25 lanes of {@code LANES} independent states at once. */
  private static void permute(LongVector[] s) {
    LongVector a0 = s[0]; LongVector a1 = s[1]; LongVector a2 = s[2]; LongVector a3 = s[3]; LongVector a4 = s[4]; LongVector a5 = s[5]; LongVector a6 = s[6]; LongVector a7 = s[7]; LongVector a8 = s[8]; LongVector a9 = s[9]; LongVector a10 = s[10]; LongVector a11 = s[11]; LongVector a12 = s[12]; LongVector a13 = s[13]; LongVector a14 = s[14]; LongVector a15 = s[15]; LongVector a16 = s[16]; LongVector a17 = s[17]; LongVector a18 = s[18]; LongVector a19 = s[19]; LongVector a20 = s[20]; LongVector a21 = s[21]; LongVector a22 = s[22]; LongVector a23 = s[23]; LongVector a24 = s[24];
    for (int round = 0; round < 24; round++) {
      LongVector c0 = a0.lanewise(XOR, a5.lanewise(XOR, a10.lanewise(XOR, a15.lanewise(XOR, a20))));
      LongVector c1 = a1.lanewise(XOR, a6.lanewise(XOR, a11.lanewise(XOR, a16.lanewise(XOR, a21))));
      LongVector c2 = a2.lanewise(XOR, a7.lanewise(XOR, a12.lanewise(XOR, a17.lanewise(XOR, a22))));
      LongVector c3 = a3.lanewise(XOR, a8.lanewise(XOR, a13.lanewise(XOR, a18.lanewise(XOR, a23))));
      LongVector c4 = a4.lanewise(XOR, a9.lanewise(XOR, a14.lanewise(XOR, a19.lanewise(XOR, a24))));
      LongVector d0 = c4.lanewise(XOR, c1.lanewise(ROL, 1));
      LongVector d1 = c0.lanewise(XOR, c2.lanewise(ROL, 1));
      LongVector d2 = c1.lanewise(XOR, c3.lanewise(ROL, 1));
      LongVector d3 = c2.lanewise(XOR, c4.lanewise(ROL, 1));
      LongVector d4 = c3.lanewise(XOR, c0.lanewise(ROL, 1));
      LongVector b0 = a0.lanewise(XOR, d0);
      LongVector b16 = a5.lanewise(XOR, d0).lanewise(ROL, 36);
      LongVector b7 = a10.lanewise(XOR, d0).lanewise(ROL, 3);
      LongVector b23 = a15.lanewise(XOR, d0).lanewise(ROL, 41);
      LongVector b14 = a20.lanewise(XOR, d0).lanewise(ROL, 18);
      LongVector b10 = a1.lanewise(XOR, d1).lanewise(ROL, 1);
      LongVector b1 = a6.lanewise(XOR, d1).lanewise(ROL, 44);
      LongVector b17 = a11.lanewise(XOR, d1).lanewise(ROL, 10);
      LongVector b8 = a16.lanewise(XOR, d1).lanewise(ROL, 45);
      LongVector b24 = a21.lanewise(XOR, d1).lanewise(ROL, 2);
      LongVector b20 = a2.lanewise(XOR, d2).lanewise(ROL, 62);
      LongVector b11 = a7.lanewise(XOR, d2).lanewise(ROL, 6);
      LongVector b2 = a12.lanewise(XOR, d2).lanewise(ROL, 43);
      LongVector b18 = a17.lanewise(XOR, d2).lanewise(ROL, 15);
      LongVector b9 = a22.lanewise(XOR, d2).lanewise(ROL, 61);
      LongVector b5 = a3.lanewise(XOR, d3).lanewise(ROL, 28);
      LongVector b21 = a8.lanewise(XOR, d3).lanewise(ROL, 55);
      LongVector b12 = a13.lanewise(XOR, d3).lanewise(ROL, 25);
      LongVector b3 = a18.lanewise(XOR, d3).lanewise(ROL, 21);
      LongVector b19 = a23.lanewise(XOR, d3).lanewise(ROL, 56);
      LongVector b15 = a4.lanewise(XOR, d4).lanewise(ROL, 27);
      LongVector b6 = a9.lanewise(XOR, d4).lanewise(ROL, 20);
      LongVector b22 = a14.lanewise(XOR, d4).lanewise(ROL, 39);
      LongVector b13 = a19.lanewise(XOR, d4).lanewise(ROL, 8);
      LongVector b4 = a24.lanewise(XOR, d4).lanewise(ROL, 14);
      a0 = b0.lanewise(XOR, b2.lanewise(AND_NOT, b1));
      a1 = b1.lanewise(XOR, b3.lanewise(AND_NOT, b2));
      a2 = b2.lanewise(XOR, b4.lanewise(AND_NOT, b3));
      a3 = b3.lanewise(XOR, b0.lanewise(AND_NOT, b4));
      a4 = b4.lanewise(XOR, b1.lanewise(AND_NOT, b0));
      a5 = b5.lanewise(XOR, b7.lanewise(AND_NOT, b6));
      a6 = b6.lanewise(XOR, b8.lanewise(AND_NOT, b7));
      a7 = b7.lanewise(XOR, b9.lanewise(AND_NOT, b8));
      a8 = b8.lanewise(XOR, b5.lanewise(AND_NOT, b9));
      a9 = b9.lanewise(XOR, b6.lanewise(AND_NOT, b5));
      a10 = b10.lanewise(XOR, b12.lanewise(AND_NOT, b11));
      a11 = b11.lanewise(XOR, b13.lanewise(AND_NOT, b12));
      a12 = b12.lanewise(XOR, b14.lanewise(AND_NOT, b13));
      a13 = b13.lanewise(XOR, b10.lanewise(AND_NOT, b14));
      a14 = b14.lanewise(XOR, b11.lanewise(AND_NOT, b10));
      a15 = b15.lanewise(XOR, b17.lanewise(AND_NOT, b16));
      a16 = b16.lanewise(XOR, b18.lanewise(AND_NOT, b17));
      a17 = b17.lanewise(XOR, b19.lanewise(AND_NOT, b18));
      a18 = b18.lanewise(XOR, b15.lanewise(AND_NOT, b19));
      a19 = b19.lanewise(XOR, b16.lanewise(AND_NOT, b15));
      a20 = b20.lanewise(XOR, b22.lanewise(AND_NOT, b21));
      a21 = b21.lanewise(XOR, b23.lanewise(AND_NOT, b22));
      a22 = b22.lanewise(XOR, b24.lanewise(AND_NOT, b23));
      a23 = b23.lanewise(XOR, b20.lanewise(AND_NOT, b24));
      a24 = b24.lanewise(XOR, b21.lanewise(AND_NOT, b20));
      a0 = a0.lanewise(XOR, ROUND_CONSTANTS[round]);
    }
    s[0] = a0; s[1] = a1; s[2] = a2; s[3] = a3; s[4] = a4; s[5] = a5; s[6] = a6; s[7] = a7; s[8] = a8; s[9] = a9; s[10] = a10; s[11] = a11; s[12] = a12; s[13] = a13; s[14] = a14; s[15] = a15; s[16] = a16; s[17] = a17; s[18] = a18; s[19] = a19; s[20] = a20; s[21] = a21; s[22] = a22; s[23] = a23; s[24] = a24;
  }
}

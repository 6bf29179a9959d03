package org.openledger.contracts.attribution;

import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.KeccakF1600;

/**
 * Keccak-256 absorbed across transactions: the 1,600-bit sponge state after whole 136-byte
 * blocks, which a contract stores between calls so that a blob larger than one transaction can be
 * checked against its {@code keccak256} commitment chunk by chunk (the leaf-coordinate challenge's
 * contribution upload, docs/attribution.md §8). {@link #finish} pads as Ethereum's keccak256 does
 * (the original {@code 0x01 … 0x80} padding), so absorbing a blob in any block-aligned chunks and
 * finishing gives {@code Keccak.hash(blob)}.
 */
public final class KeccakSponge {
  /** Bytes absorbed per permutation at 256-bit output (the rate). */
  public static final int RATE = 136;
  /** The stored state: 25 lanes of 8 bytes. */
  public static final int STATE_BYTES = 200;

  private final long[] lanes;

  private KeccakSponge(long[] lanes) {
    this.lanes = lanes;
  }

  /** The empty sponge (nothing absorbed). */
  public static KeccakSponge empty() {
    return new KeccakSponge(new long[25]);
  }

  /** The sponge whose {@link #state()} is {@code state} (200 bytes, lanes little-endian as Keccak defines them). */
  public static KeccakSponge of(byte[] state) {
    if (state.length != STATE_BYTES) throw new IllegalArgumentException("a Keccak state is " + STATE_BYTES + " bytes, got " + state.length);
    long[] lanes = new long[25];
    for (int i = 0; i < 25; i++) lanes[i] = lane(state, 8 * i);
    return new KeccakSponge(lanes);
  }

  /** The 200-byte state to store. */
  public byte[] state() {
    byte[] out = new byte[STATE_BYTES];
    for (int i = 0; i < 25; i++) {
      for (int b = 0; b < 8; b++) out[8 * i + b] = (byte) (lanes[i] >>> (8 * b));
    }
    return out;
  }

  /** Absorbs {@code length} bytes from {@code offset}, a whole number of blocks. */
  public KeccakSponge absorbBlocks(byte[] data, int offset, int length) {
    if (length % RATE != 0) throw new IllegalArgumentException(length + " bytes is not a whole number of " + RATE + "-byte blocks");
    long[] s = lanes.clone();
    for (int at = offset; at < offset + length; at += RATE) {
      for (int i = 0; i < RATE / 8; i++) s[i] ^= lane(data, at + 8 * i);
      KeccakF1600.permute(s);
    }
    return new KeccakSponge(s);
  }

  /** Absorbs the final {@code tail} (any length), pads and squeezes the 32-byte digest. */
  public Bytes32 finish(byte[] tail, int offset, int length) {
    int whole = length - length % RATE;
    KeccakSponge body = absorbBlocks(tail, offset, whole);
    byte[] last = new byte[RATE];
    System.arraycopy(tail, offset + whole, last, 0, length - whole);
    last[length - whole] ^= 0x01;
    last[RATE - 1] ^= (byte) 0x80;
    long[] s = body.absorbBlocks(last, 0, RATE).lanes;
    byte[] digest = new byte[32];
    for (int i = 0; i < 4; i++) {
      for (int b = 0; b < 8; b++) digest[8 * i + b] = (byte) (s[i] >>> (8 * b));
    }
    return Bytes32.wrap(digest);
  }

  private static long lane(byte[] data, int at) {
    long v = 0;
    for (int b = 7; b >= 0; b--) v = (v << 8) | (data[at + b] & 0xffL);
    return v;
  }

  /** Keccak-f[1600]: 24 rounds of θ, ρ, π, χ, ι on lanes indexed x + 5y. */
}

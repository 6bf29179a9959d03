package org.openledger.contracts.attribution;

import java.nio.ByteBuffer;

/**
 * The committed attribution basis (docs/attribution.md §3): {@code k} int16 rows of length
 * {@code d}, row-major, at one power-of-two scale {@code 2^shift}. Projecting an integer gradient
 * onto a row is an exact int64 dot product, the same on every backend and on the chain.
 */
public record BasisRows(int k, int d, short[] rows, int shift) {

  public BasisRows {
    if (k <= 0 || d <= 0 || rows.length != (long) k * d) {
      throw new IllegalArgumentException("basis " + k + "×" + d + " does not match " + rows.length + " entries");
    }
    if (shift < 0 || shift > Rounding.MAX_SHIFT) throw new IllegalArgumentException("shift " + shift);
  }

  /** {@code raw_j(g) = Σ_l Bq[j][l] · g[l]}; exact while the caller's bound (docs §3) holds. */
  public long raw(int j, long[] g) {
    if (g.length != d) throw new IllegalArgumentException("gradient has " + g.length + " entries, basis rows " + d);
    int base = j * d;
    long s = 0;
    for (int l = 0; l < d; l++) s = Math.addExact(s, Math.multiplyExact((long) rows[base + l], g[l]));
    return s;
  }

  /** Every projection {@code raw_0(g) … raw_{k-1}(g)}. */
  public long[] project(long[] g) {
    long[] out = new long[k];
    for (int j = 0; j < k; j++) out[j] = raw(j, g);
    return out;
  }

  /**
   * The basis whose rows' leaf bytes ({@link #rowLeafBytes}) are {@code leaves}, in row order; the
   * shift is not part of the commitment (integer checks never use it) and is given by the caller.
   */
  public static BasisRows fromRowLeaves(java.util.List<byte[]> leaves, int d, int shift) {
    int k = leaves.size();
    short[] rows = new short[Math.multiplyExact(k, d)];
    for (int j = 0; j < k; j++) {
      byte[] leaf = leaves.get(j);
      if (leaf.length != 1 + 4 + 2 * d || leaf[0] != 0) throw new IllegalArgumentException("basis row " + j + " is not a " + d + "-entry row leaf");
      ByteBuffer b = ByteBuffer.wrap(leaf, 1, leaf.length - 1);
      if (b.getInt() != j) throw new IllegalArgumentException("basis row leaf " + j + " names another row");
      for (int l = 0; l < d; l++) rows[j * d + l] = b.getShort();
    }
    return new BasisRows(k, d, rows, shift);
  }

  /** The bytes of row {@code j}'s leaf in the basis tree: {@code 0x00 ‖ uint32 j ‖ int16 row}. */
  public byte[] rowLeafBytes(int j) {
    ByteBuffer b = ByteBuffer.allocate(1 + 4 + 2 * d);
    b.put((byte) 0).putInt(j);
    for (int l = 0; l < d; l++) b.putShort(rows[j * d + l]);
    return b.array();
  }
}

package org.openledger.contracts.attribution;

import java.nio.ByteBuffer;

/** One committed basis row, as its leaf in the basis tree carries it (docs/attribution.md §4). */
public sealed interface BasisRow permits BasisRow.Dense, MlpBasisRow, LoraBasisRow {

  /** The row's index {@code j}: its position in the basis tree and ψ's coordinate. */
  int index();

  /** The leaf bytes whose keccak256 is the row's leaf hash. */
  byte[] leafBytes();

  /**
   * A logistic-regression row: one int16 per parameter, leaf {@code 0x00 ‖ uint32 j ‖ int16 Bq[j][0..d)}.
   *
   * @param values the row's {@code d} entries
   */
  record Dense(int index, short[] values) implements BasisRow {

    /**
     * Reads row {@code j}'s leaf for a model of {@code d} parameters.
     *
     * @throws MalformedRowException if the length, the prefix or the index is not row j's
     */
    public static Dense decode(byte[] leaf, int j, int d) {
      if (leaf.length != 1 + 4 + 2 * d) throw new MalformedRowException(MalformedRowException.Reason.LENGTH, leaf.length + " bytes, a " + d + "-entry row leaf has " + (5 + 2 * d));
      if (leaf[0] != 0) throw new MalformedRowException(MalformedRowException.Reason.PREFIX, "leaf prefix " + leaf[0]);
      ByteBuffer b = ByteBuffer.wrap(leaf, 1, leaf.length - 1);
      int named = b.getInt();
      if (named != j) throw new MalformedRowException(MalformedRowException.Reason.INDEX, "the leaf names row " + Integer.toUnsignedString(named) + ", not " + j);
      short[] v = new short[d];
      for (int l = 0; l < d; l++) v[l] = b.getShort();
      return new Dense(j, v);
    }

    @Override
    public byte[] leafBytes() {
      ByteBuffer b = ByteBuffer.allocate(1 + 4 + 2 * values.length);
      b.put((byte) 0).putInt(index);
      for (short v : values) b.putShort(v);
      return b.array();
    }
  }
}

package org.openledger.contracts.attribution;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;

/**
 * One leaf of a version's attribution index (docs/attribution.md §4): a contributor's accepted
 * contributions to one datanet, projected onto the basis and quantized to int16.
 */
public record IndexLeaf(Address contributor, long datanetId, Bytes32 contributionsRoot, short[] u) {

  public IndexLeaf {
    if (datanetId <= 0) throw new IllegalArgumentException("datanet ids start at 1");
    if (u.length == 0) throw new IllegalArgumentException("a leaf vector has k ≥ 1 coordinates");
  }

  /** {@code 0x00 ‖ address ‖ uint256 datanetId ‖ bytes32 contributionsRoot ‖ int16 u[k]}. */
  public byte[] leafBytes() {
    ByteBuffer b = ByteBuffer.allocate(bytes(u.length));
    b.put((byte) 0).put(contributor.toArrayUnsafe()).put(new byte[24]).putLong(datanetId).put(contributionsRoot.toArrayUnsafe());
    for (short v : u) b.putShort(v);
    return b.array();
  }

  /** The size of a leaf's bytes at basis rank {@code k}. */
  public static int bytes(int k) {
    return 1 + 20 + 32 + 32 + 2 * k;
  }

  public Bytes32 hash() {
    return Bytes32.wrap(Keccak.hash(leafBytes()));
  }

  /** The exact score {@code Σ_j ψ[j] · u[j]}. */
  public long score(short[] psi) {
    if (psi.length != u.length) throw new IllegalArgumentException("ψ has " + psi.length + " coordinates, the leaf " + u.length);
    long s = 0;
    for (int j = 0; j < u.length; j++) s += (long) psi[j] * u[j];
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IndexLeaf l && contributor.equals(l.contributor) && datanetId == l.datanetId
        && contributionsRoot.equals(l.contributionsRoot) && Arrays.equals(u, l.u);
  }

  @Override
  public int hashCode() {
    return 31 * contributor.hashCode() + Arrays.hashCode(u);
  }

  @Override
  public String toString() {
    return "IndexLeaf[" + contributor + ", datanet " + datanetId + ", k=" + u.length + "]";
  }
}

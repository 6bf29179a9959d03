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

  /** The leaf whose {@link #leafBytes()} are {@code bytes}, with {@code k} coordinates. */
  public static IndexLeaf decode(byte[] bytes, int k) {
    if (bytes.length != bytes(k) || bytes[0] != 0) {
      throw new IllegalArgumentException("an index leaf with k = " + k + " is " + (bytes(k)) + " bytes starting 0x00, got " + bytes.length);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
    byte[] who = new byte[20];
    b.get(who);
    for (int i = 0; i < 24; i++) {
      if (b.get() != 0) throw new IllegalArgumentException("datanet id above 2^63 in an index leaf");
    }
    long datanet = b.getLong();
    byte[] root = new byte[32];
    b.get(root);
    short[] u = new short[k];
    for (int j = 0; j < k; j++) u[j] = b.getShort();
    return new IndexLeaf(Address.wrap(who), datanet, Bytes32.wrap(root), u);
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

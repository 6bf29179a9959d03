package org.openledger.prover.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.precompiles.Keccak;

class ContentTreeTest {

  private static List<byte[]> leaves(int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(new byte[] {0, (byte) i, (byte) (i >> 8), 7});
    return out;
  }

  private static Map<Bytes32, byte[]> store(ContentTree.Published p) {
    Map<Bytes32, byte[]> m = new HashMap<>();
    for (byte[] b : p.blobs()) m.put(Bytes32.wrap(Keccak.hash(b)), b);
    return m;
  }

  private static ContentSource source(Map<Bytes32, byte[]> m) {
    return h -> {
      byte[] b = m.get(h);
      if (b == null) throw new ContentSource.Unavailable("missing " + h.toHexString());
      return b;
    };
  }

  @Test
  void everyTreeSizeRoundTripsThroughTheStore() throws Exception {
    for (int n = 1; n <= 40; n++) {
      ContentTree.Published p = ContentTree.publish(leaves(n));
      List<byte[]> back = ContentTree.fetch(source(store(p)), p.root(), n);
      assertThat(back).hasSize(n);
      for (int i = 0; i < n; i++) assertThat(back.get(i)).isEqualTo(leaves(n).get(i));
    }
  }

  @Test
  void aSingleLeafTreeIsRootedAtTheLeafHash() {
    byte[] leaf = leaves(1).get(0);
    assertThat(ContentTree.publish(List.of(leaf)).root()).isEqualTo(Bytes32.wrap(Keccak.hash(leaf)));
  }

  @Test
  void aTreeWithOtherThanTheCommittedLeafCountIsRefused() {
    ContentTree.Published p = ContentTree.publish(leaves(5));
    ContentSource s = source(store(p));
    assertThatThrownBy(() -> ContentTree.fetch(s, p.root(), 4)).isInstanceOf(ContentSource.Unavailable.class);
    assertThatThrownBy(() -> ContentTree.fetch(s, p.root(), 6)).isInstanceOf(ContentSource.Unavailable.class);
  }

  @Test
  void aMissingBlobMakesTheTreeUnavailable() {
    ContentTree.Published p = ContentTree.publish(leaves(6));
    Map<Bytes32, byte[]> m = store(p);
    m.remove(Bytes32.wrap(Keccak.hash(leaves(6).get(3))));
    assertThatThrownBy(() -> ContentTree.fetch(source(m), p.root(), 6)).isInstanceOf(ContentSource.Unavailable.class).hasMessageContaining("missing");
  }

  @Test
  void leafBlobsMustCarryTheLeafPrefix() {
    assertThatThrownBy(() -> ContentTree.publish(List.of(new byte[] {1, 2}))).hasMessageContaining("0x00");
  }
}

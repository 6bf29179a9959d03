package org.openledger.devnet.chain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.devnet.rlp.Rlp;
import org.openledger.precompiles.Keccak;

/**
 * The root of a Merkle Patricia trie whose keys are {@code rlp(index)}: Ethereum's
 * {@code transactionsRoot} and {@code receiptsRoot}, built in one pass (no trie is kept).
 */
public final class OrderedTrie {
  /** keccak(rlp("")): the root of the empty trie. */
  public static final Bytes32 EMPTY_ROOT = Bytes32.wrap(Keccak.hash(new byte[] {(byte) 0x80}));

  private OrderedTrie() {}

  private record Entry(byte[] nibbles, byte[] value) {}

  public static Bytes32 root(List<byte[]> values) {
    List<Entry> entries = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) entries.add(new Entry(nibbles(Rlp.encodeUint(i)), values.get(i)));
    return rootOfEntries(entries);
  }

  /** The root over arbitrary keys (used to check the trie against Ethereum's published vectors). */
  public static Bytes32 rootOfKeys(List<byte[]> keys, List<byte[]> values) {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) entries.add(new Entry(nibbles(keys.get(i)), values.get(i)));
    return rootOfEntries(entries);
  }

  private static Bytes32 rootOfEntries(List<Entry> entries) {
    if (entries.isEmpty()) return EMPTY_ROOT;
    entries.sort((a, b) -> Arrays.compare(a.nibbles, b.nibbles));
    return Bytes32.wrap(Keccak.hash(node(entries, 0)));
  }

  /** The RLP encoding of the node holding {@code entries} (all sharing their first {@code depth} nibbles). */
  private static byte[] node(List<Entry> entries, int depth) {
    if (entries.size() == 1) {
      Entry e = entries.get(0);
      return Rlp.encodeList(Rlp.encodeBytes(hexPrefix(e.nibbles, depth, e.nibbles.length, true)), Rlp.encodeBytes(e.value));
    }
    int common = commonPrefix(entries, depth);
    if (common > 0) {
      byte[] path = hexPrefix(entries.get(0).nibbles, depth, depth + common, false);
      return Rlp.encodeList(Rlp.encodeBytes(path), ref(node(entries, depth + common)));
    }
    List<byte[]> branch = new ArrayList<>(17);
    byte[] value = null;
    int i = 0;
    if (entries.get(0).nibbles.length == depth) value = entries.get(i++).value;
    for (int nibble = 0; nibble < 16; nibble++) {
      List<Entry> group = new ArrayList<>();
      while (i < entries.size() && entries.get(i).nibbles[depth] == nibble) group.add(entries.get(i++));
      branch.add(group.isEmpty() ? Rlp.encodeBytes(new byte[0]) : ref(node(group, depth + 1)));
    }
    branch.add(Rlp.encodeBytes(value == null ? new byte[0] : value));
    return Rlp.encodeList(branch);
  }

  /** A child reference: the node itself when its encoding is shorter than 32 bytes, its hash otherwise. */
  private static byte[] ref(byte[] encoded) {
    return encoded.length < 32 ? encoded : Rlp.encodeBytes(Keccak.hash(encoded));
  }

  private static int commonPrefix(List<Entry> entries, int depth) {
    byte[] first = entries.get(0).nibbles;
    int len = first.length - depth;
    for (Entry e : entries) {
      int max = Math.min(len, e.nibbles.length - depth);
      int k = 0;
      while (k < max && e.nibbles[depth + k] == first[depth + k]) k++;
      len = k;
    }
    return len;
  }

  private static byte[] nibbles(byte[] key) {
    byte[] out = new byte[key.length * 2];
    for (int i = 0; i < key.length; i++) {
      out[2 * i] = (byte) ((key[i] >> 4) & 0x0f);
      out[2 * i + 1] = (byte) (key[i] & 0x0f);
    }
    return out;
  }

  private static byte[] hexPrefix(byte[] nibbles, int from, int to, boolean leaf) {
    int n = to - from;
    boolean odd = (n & 1) == 1;
    byte[] out = new byte[n / 2 + 1];
    int flag = (leaf ? 2 : 0) + (odd ? 1 : 0);
    int p = from;
    if (odd) {
      out[0] = (byte) ((flag << 4) | nibbles[p++]);
    } else {
      out[0] = (byte) (flag << 4);
    }
    for (int i = 1; i < out.length; i++, p += 2) out[i] = (byte) ((nibbles[p] << 4) | nibbles[p + 1]);
    return out;
  }
}

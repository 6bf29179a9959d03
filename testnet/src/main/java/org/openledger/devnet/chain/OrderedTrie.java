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
    Entry[] sorted = entries.toArray(new Entry[0]);
    Arrays.sort(sorted, (a, b) -> Arrays.compare(a.nibbles, b.nibbles));
    return Bytes32.wrap(Keccak.hash(node(sorted, 0, sorted.length, 0)));
  }

  /**
   * The RLP encoding of the node holding {@code sorted[from, to)}, which share their first {@code
   * depth} nibbles. Works on index ranges of the one sorted array: a block's tries are built for
   * every block sealed, so no sub-lists are allocated.
   */
  private static byte[] node(Entry[] sorted, int from, int to, int depth) {
    if (to - from == 1) {
      Entry e = sorted[from];
      return list(Rlp.encodeBytes(hexPrefix(e.nibbles, depth, e.nibbles.length, true)), Rlp.encodeBytes(e.value));
    }
    // In sorted order the prefix shared by a whole range is the one its first and last share.
    int common = commonPrefix(sorted[from].nibbles, sorted[to - 1].nibbles, depth);
    if (common > 0) {
      byte[] path = hexPrefix(sorted[from].nibbles, depth, depth + common, false);
      return list(Rlp.encodeBytes(path), ref(node(sorted, from, to, depth + common)));
    }
    byte[][] branch = new byte[17][];
    byte[] value = null;
    int i = from;
    if (sorted[i].nibbles.length == depth) value = sorted[i++].value;
    for (int nibble = 0; nibble < 16; nibble++) {
      int start = i;
      while (i < to && sorted[i].nibbles[depth] == nibble) i++;
      branch[nibble] = i == start ? EMPTY_STRING : ref(node(sorted, start, i, depth + 1));
    }
    branch[16] = value == null ? EMPTY_STRING : Rlp.encodeBytes(value);
    return list(branch);
  }

  private static final byte[] EMPTY_STRING = {(byte) 0x80};

  /** {@code rlp(list)} of already-encoded items, written straight into one array. */
  private static byte[] list(byte[]... items) {
    int payload = 0;
    for (byte[] item : items) payload += item.length;
    int lengthBytes = payload < 56 ? 0 : 4 - Integer.numberOfLeadingZeros(payload) / 8;
    byte[] out = new byte[1 + lengthBytes + payload];
    if (lengthBytes == 0) {
      out[0] = (byte) (0xc0 + payload);
    } else {
      out[0] = (byte) (0xf7 + lengthBytes);
      for (int k = lengthBytes, v = payload; k >= 1; k--, v >>>= 8) out[k] = (byte) v;
    }
    int p = 1 + lengthBytes;
    for (byte[] item : items) {
      System.arraycopy(item, 0, out, p, item.length);
      p += item.length;
    }
    return out;
  }

  /** A child reference: the node itself when its encoding is shorter than 32 bytes, its hash otherwise. */
  private static byte[] ref(byte[] encoded) {
    return encoded.length < 32 ? encoded : Rlp.encodeBytes(Keccak.hash(encoded));
  }

  private static int commonPrefix(byte[] first, byte[] last, int depth) {
    int max = Math.min(first.length, last.length) - depth;
    int k = 0;
    while (k < max && first[depth + k] == last[depth + k]) k++;
    return k;
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

package org.openledger.compute.hash;

import java.util.List;

/**
 * Many messages packed into one array for batched hashing: message i is
 * {@code bytes[offsets[i] .. offsets[i + 1])}. Packing once lets a device copy the whole batch in
 * one transfer.
 */
public record MessageBatch(byte[] bytes, int[] offsets) {
  public MessageBatch {
    if (offsets.length == 0 || offsets[0] != 0 || offsets[offsets.length - 1] != bytes.length) {
      throw new IllegalArgumentException("offsets must start at 0 and end at the byte count " + bytes.length);
    }
    for (int i = 1; i < offsets.length; i++) {
      if (offsets[i] < offsets[i - 1]) {
        throw new IllegalArgumentException("offsets must not decrease (index " + i + ")");
      }
    }
  }

  public static MessageBatch of(List<byte[]> messages) {
    int[] offsets = new int[messages.size() + 1];
    for (int i = 0; i < messages.size(); i++) {
      offsets[i + 1] = Math.addExact(offsets[i], messages.get(i).length);
    }
    byte[] bytes = new byte[offsets[messages.size()]];
    for (int i = 0; i < messages.size(); i++) {
      System.arraycopy(messages.get(i), 0, bytes, offsets[i], messages.get(i).length);
    }
    return new MessageBatch(bytes, offsets);
  }

  /** Equal-length messages laid end to end, e.g. 64-byte (left ‖ right) pairs of Merkle nodes. */
  public static MessageBatch fixedLength(byte[] bytes, int length) {
    if (length <= 0 || bytes.length % length != 0) {
      throw new IllegalArgumentException(bytes.length + " bytes are not a whole number of " + length + "-byte messages");
    }
    int count = bytes.length / length;
    int[] offsets = new int[count + 1];
    for (int i = 0; i <= count; i++) {
      offsets[i] = i * length;
    }
    return new MessageBatch(bytes, offsets);
  }

  /**
   * One level of a binary Merkle tree: the parents of {@code nodes} (32-byte hashes end to end) are
   * keccak(left ‖ right) of consecutive pairs. How an odd last node is carried up is the tree's
   * convention, not this batch's, so an odd count is refused.
   */
  public static MessageBatch merklePairs(byte[] nodes) {
    if (nodes.length % 64 != 0) {
      throw new IllegalArgumentException("a Merkle level needs an even number of 32-byte nodes, got " + nodes.length + " bytes");
    }
    return fixedLength(nodes, 64);
  }

  public int count() {
    return offsets.length - 1;
  }

  public int length(int i) {
    return offsets[i + 1] - offsets[i];
  }

  public int maxLength() {
    int max = 0;
    for (int i = 0; i < count(); i++) {
      max = Math.max(max, length(i));
    }
    return max;
  }
}

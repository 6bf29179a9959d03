package org.openledger.devnet.rlp;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Recursive Length Prefix, Ethereum's serialisation, with a strict decoder: exactly one item, no
 * trailing bytes, and only the canonical (shortest) encoding of every length and byte string —
 * what the yellow paper requires and what keeps a transaction's hash unique for its content.
 */
public final class Rlp {
  private Rlp() {}

  /** A decoded item: a byte string or a list of items. */
  public sealed interface Item permits Str, Seq {
    default Str str(String what) {
      if (this instanceof Str s) return s;
      throw new RlpException(what + " must be a byte string, got a list");
    }

    default Seq seq(String what) {
      if (this instanceof Seq s) return s;
      throw new RlpException(what + " must be a list, got a byte string");
    }
  }

  public record Str(byte[] bytes) implements Item {
    /** An unsigned integer: canonical means no leading zero byte (zero is the empty string). */
    public BigInteger uint(String what) {
      if (bytes.length > 0 && bytes[0] == 0) throw new RlpException(what + " has a leading zero byte");
      if (bytes.length > 32) throw new RlpException(what + " is longer than 32 bytes");
      return new BigInteger(1, bytes);
    }

    public long uint64(String what) {
      BigInteger v = uint(what);
      if (v.bitLength() > 63) throw new RlpException(what + " does not fit 63 bits");
      return v.longValue();
    }
  }

  public record Seq(List<Item> items) implements Item {
    public Item get(int i) {
      return items.get(i);
    }

    public int size() {
      return items.size();
    }
  }

  // ---------------------------------------------------------------- decoding

  /** Decodes exactly one item spanning all of {@code data}. */
  public static Item decode(byte[] data) {
    return decode(data, 0, data.length);
  }

  public static Item decode(byte[] data, int offset, int length) {
    int[] end = new int[1];
    Item item = item(data, offset, offset + length, end);
    if (end[0] != offset + length) {
      throw new RlpException((offset + length - end[0]) + " trailing bytes after the RLP item");
    }
    return item;
  }

  private static Item item(byte[] d, int pos, int limit, int[] end) {
    if (pos >= limit) throw new RlpException("input ends where an item should start");
    int prefix = d[pos] & 0xff;
    if (prefix < 0x80) {
      end[0] = pos + 1;
      return new Str(new byte[] {d[pos]});
    }
    if (prefix <= 0xb7) {
      int len = prefix - 0x80;
      int start = pos + 1;
      need(start, len, limit);
      if (len == 1 && (d[start] & 0xff) < 0x80) {
        throw new RlpException("a single byte below 0x80 must encode as itself");
      }
      end[0] = start + len;
      return new Str(Arrays.copyOfRange(d, start, start + len));
    }
    if (prefix <= 0xbf) {
      int lenOfLen = prefix - 0xb7;
      int len = longLength(d, pos + 1, lenOfLen, limit);
      int start = pos + 1 + lenOfLen;
      need(start, len, limit);
      end[0] = start + len;
      return new Str(Arrays.copyOfRange(d, start, start + len));
    }
    int start;
    int len;
    if (prefix <= 0xf7) {
      len = prefix - 0xc0;
      start = pos + 1;
    } else {
      int lenOfLen = prefix - 0xf7;
      len = longLength(d, pos + 1, lenOfLen, limit);
      start = pos + 1 + lenOfLen;
    }
    need(start, len, limit);
    int listEnd = start + len;
    List<Item> items = new ArrayList<>();
    int p = start;
    while (p < listEnd) {
      items.add(item(d, p, listEnd, end));
      p = end[0];
    }
    end[0] = listEnd;
    return new Seq(List.copyOf(items));
  }

  private static int longLength(byte[] d, int pos, int lenOfLen, int limit) {
    need(pos, lenOfLen, limit);
    if (lenOfLen > 4) throw new RlpException("length of length " + lenOfLen + " is over 4 bytes");
    if (d[pos] == 0) throw new RlpException("a long length has a leading zero byte");
    long len = 0;
    for (int i = 0; i < lenOfLen; i++) len = (len << 8) | (d[pos + i] & 0xff);
    if (len < 56) throw new RlpException("long form used for a length below 56");
    if (len > Integer.MAX_VALUE) throw new RlpException("length " + len + " too large");
    return (int) len;
  }

  private static void need(int start, int len, int limit) {
    if (len < 0 || (long) start + len > limit) throw new RlpException("item runs past the end of its input");
  }

  // ---------------------------------------------------------------- encoding

  public static byte[] encodeBytes(byte[] bytes) {
    if (bytes.length == 1 && (bytes[0] & 0xff) < 0x80) return bytes.clone();
    byte[] head = header(0x80, bytes.length);
    byte[] out = Arrays.copyOf(head, head.length + bytes.length);
    System.arraycopy(bytes, 0, out, head.length, bytes.length);
    return out;
  }

  /** An unsigned integer as its minimal big-endian bytes (zero is the empty string). */
  public static byte[] encodeUint(BigInteger value) {
    if (value.signum() < 0) throw new IllegalArgumentException("negative RLP integer " + value);
    return encodeBytes(minimal(value));
  }

  public static byte[] encodeUint(long value) {
    if (value < 0) throw new IllegalArgumentException("negative RLP integer " + value);
    if (value == 0) return new byte[] {(byte) 0x80};
    if (value < 0x80) return new byte[] {(byte) value};
    int n = 8 - Long.numberOfLeadingZeros(value) / 8;
    byte[] out = new byte[n + 1];
    out[0] = (byte) (0x80 + n);
    for (int i = n; i >= 1; i--, value >>>= 8) out[i] = (byte) value;
    return out;
  }

  /** The length of the encoding of a list whose items' encodings total {@code payload} bytes. */
  public static long listLength(long payload) {
    if (payload < 56) return 1 + payload;
    return 1 + (8 - Long.numberOfLeadingZeros(payload) / 8) + payload;
  }

  /** The length of the encoding of a byte string of {@code length} bytes whose first byte is {@code first}. */
  public static long bytesLength(int length, int first) {
    if (length == 1 && (first & 0xff) < 0x80) return 1;
    return listLength(length);
  }

  /** A list of already-encoded items. */
  public static byte[] encodeList(List<byte[]> encodedItems) {
    int total = 0;
    for (byte[] e : encodedItems) total += e.length;
    byte[] head = header(0xc0, total);
    ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + total);
    out.writeBytes(head);
    for (byte[] e : encodedItems) out.writeBytes(e);
    return out.toByteArray();
  }

  public static byte[] encodeList(byte[]... encodedItems) {
    return encodeList(Arrays.asList(encodedItems));
  }

  /** Encodes a decoded item again; a canonical input gives back exactly the bytes it was decoded from. */
  public static byte[] encode(Item item) {
    return switch (item) {
      case Str s -> encodeBytes(s.bytes());
      case Seq l -> {
        List<byte[]> parts = new ArrayList<>(l.size());
        for (Item x : l.items()) parts.add(encode(x));
        yield encodeList(parts);
      }
    };
  }

  public static byte[] minimal(BigInteger value) {
    if (value.signum() == 0) return new byte[0];
    byte[] raw = value.toByteArray();
    return raw[0] == 0 ? Arrays.copyOfRange(raw, 1, raw.length) : raw;
  }

  private static byte[] header(int base, int length) {
    if (length < 56) return new byte[] {(byte) (base + length)};
    byte[] len = minimal(BigInteger.valueOf(length));
    byte[] out = new byte[1 + len.length];
    out[0] = (byte) (base + 55 + len.length);
    System.arraycopy(len, 0, out, 1, len.length);
    return out;
  }
}

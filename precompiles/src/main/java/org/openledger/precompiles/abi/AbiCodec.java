package org.openledger.precompiles.abi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.precompiles.Address;

/**
 * Solidity ABI encoding and strict decoding.
 *
 * <p>Encoding is two passes over the value (size, then write into one array), so a call allocates
 * one buffer. Decoding is as strict as Solidity's ABI coder v2: every offset and length must lie
 * inside the data, and every word must be the canonical encoding of its type (no dirty high bits
 * in {@code uintN}/{@code address}/{@code bool}, sign-extended {@code intN}, zero padding after
 * {@code bytesN}, {@code bytes} and {@code string}); anything else is a {@link
 * MalformedAbiException}. Trailing bytes after the encoding are ignored, as Solidity does.
 */
public final class AbiCodec {
  private static final AbiType LENGTH_PREFIXED = AbiType.parse("bytes");
  private static final VarHandle BE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private AbiCodec() {}

  // ------------------------------------------------------------------ encoding

  /** Encodes a parameter list (a tuple) as calldata arguments / return data. */
  public static byte[] encode(AbiType.Tuple types, List<?> values) {
    checkArity(types, values);
    byte[] out = new byte[size(types, values)];
    write(types, values, out, 0);
    return out;
  }

  /** Encodes one value of {@code type} as the single member of a parameter list. */
  public static byte[] encodeSingle(AbiType type, Object value) {
    // singletonList: a null value is refused by the encoder (IllegalArgumentException), not by List.of
    return encode(new AbiType.Tuple(List.of(type)), java.util.Collections.singletonList(value));
  }

  /** Selector followed by the encoded arguments. */
  public static byte[] encodeCall(byte[] selector, AbiType.Tuple types, List<?> values) {
    if (selector.length != 4) {
      throw new IllegalArgumentException("a selector is 4 bytes, got " + selector.length);
    }
    checkArity(types, values);
    byte[] out = new byte[4 + size(types, values)];
    System.arraycopy(selector, 0, out, 0, 4);
    write(types, values, out, 4);
    return out;
  }

  /** The number of bytes {@code value} encodes to as {@code type}. */
  public static int size(AbiType type, Object value) {
    switch (type) {
      case AbiType.DynamicBytes b -> {
        return 32 + padded(bytesOf(value).size());
      }
      case AbiType.Str s -> {
        return 32 + padded(utf8(value).length);
      }
      case AbiType.Array a -> {
        List<?> list = list(value, a);
        int size = a.isFixed() ? 0 : 32;
        return size + sequenceSize(a.element(), list);
      }
      case AbiType.Tuple t -> {
        List<?> list = list(value, t);
        int size = 0;
        for (int i = 0; i < t.size(); i++) {
          AbiType c = t.components().get(i);
          size += c.isDynamic() ? 32 + size(c, list.get(i)) : size(c, list.get(i));
        }
        return size;
      }
      default -> {
        return 32;
      }
    }
  }

  private static int sequenceSize(AbiType element, List<?> list) {
    int size = 0;
    for (Object v : list) {
      size += element.isDynamic() ? 32 + size(element, v) : size(element, v);
    }
    return size;
  }

  /** Writes {@code value} at {@code pos}; returns the position after it. */
  private static int write(AbiType type, Object value, byte[] out, int pos) {
    switch (type) {
      case AbiType.Uint u -> {
        BigInteger v = integer(value);
        if (v.signum() < 0 || v.bitLength() > u.bits()) {
          throw new IllegalArgumentException(v + " does not fit " + u.canonical());
        }
        writeWord(v, out, pos);
        return pos + 32;
      }
      case AbiType.Int i -> {
        BigInteger v = integer(value);
        if (v.bitLength() > i.bits() - 1) {
          throw new IllegalArgumentException(v + " does not fit " + i.canonical());
        }
        writeWord(v, out, pos);
        return pos + 32;
      }
      case AbiType.AddressType a -> {
        if (!(value instanceof Address address)) throw wrongValue(type, value);
        System.arraycopy(address.toArrayUnsafe(), 0, out, pos + 12, 20);
        return pos + 32;
      }
      case AbiType.Bool b -> {
        if (!(value instanceof Boolean bool)) throw wrongValue(type, value);
        out[pos + 31] = (byte) (bool ? 1 : 0);
        return pos + 32;
      }
      case AbiType.FixedBytes f -> {
        Bytes bytes = bytesOf(value);
        if (bytes.size() != f.length()) {
          throw new IllegalArgumentException(f.canonical() + " needs exactly " + f.length() + " bytes, got " + bytes.size());
        }
        System.arraycopy(bytes.toArrayUnsafe(), 0, out, pos, f.length());
        return pos + 32;
      }
      case AbiType.DynamicBytes d -> {
        return writeBytes(bytesOf(value).toArrayUnsafe(), out, pos);
      }
      case AbiType.Str s -> {
        return writeBytes(utf8(value), out, pos);
      }
      case AbiType.Array a -> {
        List<?> list = list(value, a);
        if (!a.isFixed()) {
          writeWord(BigInteger.valueOf(list.size()), out, pos);
          pos += 32;
        }
        return writeSequence(a.element(), list, out, pos);
      }
      case AbiType.Tuple t -> {
        List<?> list = list(value, t);
        int head = pos;
        int tail = pos;
        for (AbiType c : t.components()) tail += c.headSize();
        for (int i = 0; i < t.size(); i++) {
          AbiType c = t.components().get(i);
          if (c.isDynamic()) {
            writeWord(BigInteger.valueOf(tail - pos), out, head);
            tail = write(c, list.get(i), out, tail);
            head += 32;
          } else {
            head = write(c, list.get(i), out, head);
          }
        }
        return tail;
      }
    }
  }

  private static int writeSequence(AbiType element, List<?> list, byte[] out, int pos) {
    int head = pos;
    int tail = pos + (element.isDynamic() ? 32 * list.size() : 0);
    for (Object v : list) {
      if (element.isDynamic()) {
        writeWord(BigInteger.valueOf(tail - pos), out, head);
        tail = write(element, v, out, tail);
        head += 32;
      } else {
        head = write(element, v, out, head);
      }
    }
    return element.isDynamic() ? tail : head;
  }

  private static int writeBytes(byte[] data, byte[] out, int pos) {
    writeWord(BigInteger.valueOf(data.length), out, pos);
    System.arraycopy(data, 0, out, pos + 32, data.length);
    return pos + 32 + padded(data.length);
  }

  /** Two's complement, big-endian, sign-extended to 32 bytes. */
  private static void writeWord(BigInteger v, byte[] out, int pos) {
    byte[] raw = v.toByteArray();
    int n = Math.min(raw.length, 32);
    if (v.signum() < 0) Arrays.fill(out, pos, pos + 32 - n, (byte) 0xff);
    System.arraycopy(raw, raw.length - n, out, pos + 32 - n, n);
  }

  // ------------------------------------------------------------------ decoding

  /** Decodes a parameter list from {@code data[offset, offset + length)}. */
  public static List<Object> decode(AbiType.Tuple types, byte[] data, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, data.length);
    @SuppressWarnings("unchecked")
    // Every value of a canonical encoding occupies words of its own, so decoding may consume at most
    // as many words as the data has. Offsets that alias one another (legal in Solidity) could make
    // a few bytes of calldata decode into millions of values; past this budget they are refused.
    long[] words = {length / 32};
    List<Object> values = (List<Object>) read(types, data, offset, offset + length, words);
    return values;
  }

  /**
   * The length of the dynamic argument {@code index} (a {@code bytes} length or an array's element
   * count) of the calldata whose head starts at {@code base}, read from its offset and length words
   * without decoding anything: for gas rules, which price a call by its sizes before it runs.
   * Returns 0 when the words are malformed; the call then reverts when it decodes the same bytes.
   */
  public static int dynamicLength(byte[] data, int base, int index) {
    try {
      int offset = readOffset(data, base + 32 * index, base, data.length, LENGTH_PREFIXED);
      return readLength(data, base + offset, data.length, LENGTH_PREFIXED);
    } catch (MalformedAbiException malformed) {
      return 0;
    }
  }

  public static List<Object> decode(AbiType.Tuple types, byte[] data) {
    return decode(types, data, 0, data.length);
  }

  public static List<Object> decode(AbiType.Tuple types, Bytes data) {
    return decode(types, data.toArrayUnsafe());
  }

  /** Reads a value of {@code type} whose encoding starts at {@code pos}; nothing is read at or past {@code end}. */
  private static Object read(AbiType type, byte[] d, int pos, int end, long[] words) {
    switch (type) {
      case AbiType.Uint u -> {
        need(d, pos, 32, end, type);
        spend(words, 1, type, pos);
        int zeroBytes = (256 - u.bits()) / 8;
        for (int i = 0; i < zeroBytes; i++) {
          if (d[pos + i] != 0) throw malformed(type, pos, "high bits set");
        }
        // arrays of small numbers decode one object per word: no copy, and no magnitude parsing where a long holds it
        return u.bits() < 64 ? BigInteger.valueOf((long) BE_LONG.get(d, pos + 24)) : new BigInteger(1, d, pos + zeroBytes, 32 - zeroBytes);
      }
      case AbiType.Int i -> {
        need(d, pos, 32, end, type);
        spend(words, 1, type, pos);
        if (i.bits() <= 64) {
          long v = (long) BE_LONG.get(d, pos + 24);
          byte sign = (byte) (v >> 63);
          for (int b = 0; b < 24; b++) {
            if (d[pos + b] != sign) throw malformed(type, pos, "not sign-extended");
          }
          if (i.bits() < 64 && v >> (i.bits() - 1) != v >> 63) throw malformed(type, pos, "not sign-extended");
          return BigInteger.valueOf(v);
        }
        BigInteger v = new BigInteger(d, pos, 32);
        if (v.bitLength() > i.bits() - 1) throw malformed(type, pos, "not sign-extended");
        return v;
      }
      case AbiType.AddressType a -> {
        need(d, pos, 32, end, type);
        spend(words, 1, type, pos);
        for (int i = 0; i < 12; i++) {
          if (d[pos + i] != 0) throw malformed(type, pos, "high bytes set");
        }
        return Address.wrap(Arrays.copyOfRange(d, pos + 12, pos + 32));
      }
      case AbiType.Bool b -> {
        need(d, pos, 32, end, type);
        spend(words, 1, type, pos);
        for (int i = 0; i < 31; i++) {
          if (d[pos + i] != 0) throw malformed(type, pos, "not 0 or 1");
        }
        byte last = d[pos + 31];
        if (last != 0 && last != 1) throw malformed(type, pos, "not 0 or 1");
        return last == 1;
      }
      case AbiType.FixedBytes f -> {
        need(d, pos, 32, end, type);
        spend(words, 1, type, pos);
        for (int i = f.length(); i < 32; i++) {
          if (d[pos + i] != 0) throw malformed(type, pos, "padding not zero");
        }
        return Bytes.wrap(Arrays.copyOfRange(d, pos, pos + f.length()));
      }
      case AbiType.DynamicBytes b -> {
        return Bytes.wrap(readBytes(d, pos, end, type, words));
      }
      case AbiType.Str s -> {
        byte[] raw = readBytes(d, pos, end, type, words);
        try {
          return StandardCharsets.UTF_8.newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(raw))
              .toString();
        } catch (CharacterCodingException e) {
          throw malformed(type, pos, "not UTF-8");
        }
      }
      case AbiType.Array a -> {
        int count;
        int start = pos;
        if (a.isFixed()) {
          count = a.length();
        } else {
          count = readLength(d, pos, end, type);
          spend(words, 1, type, pos);
          start = pos + 32;
        }
        // Each element takes at least one head slot: a length the data cannot hold is refused
        // before anything is allocated for it.
        long minimum = (long) count * a.element().headSize();
        if (minimum > end - start) throw malformed(type, pos, "length " + count + " exceeds the data");
        return readSequence(a.element(), count, d, start, end, words);
      }
      case AbiType.Tuple t -> {
        List<Object> out = new ArrayList<>(t.size());
        int head = pos;
        for (AbiType c : t.components()) {
          if (c.isDynamic()) {
            out.add(read(c, d, pos + readOffset(d, head, pos, end, c), end, words));
            head += 32;
          } else {
            out.add(read(c, d, head, end, words));
            head += c.headSize();
          }
        }
        return out;
      }
    }
  }

  private static List<Object> readSequence(AbiType element, int count, byte[] d, int start, int end, long[] words) {
    List<Object> out = new ArrayList<>(count);
    int head = start;
    for (int i = 0; i < count; i++) {
      if (element.isDynamic()) {
        out.add(read(element, d, start + readOffset(d, head, start, end, element), end, words));
        head += 32;
      } else {
        out.add(read(element, d, head, end, words));
        head += element.headSize();
      }
    }
    return out;
  }

  private static byte[] readBytes(byte[] d, int pos, int end, AbiType type, long[] words) {
    int length = readLength(d, pos, end, type);
    // long: rounding a length near 2^31 up to whole words overflows an int
    long padded = ((long) length + 31) & ~31L;
    if (padded > end - pos - 32) throw malformed(type, pos, "length " + length + " exceeds the data");
    spend(words, 1 + padded / 32, type, pos);
    for (int i = pos + 32 + length; i < pos + 32 + (int) padded; i++) {
      if (d[i] != 0) throw malformed(type, pos, "padding not zero");
    }
    return Arrays.copyOfRange(d, pos + 32, pos + 32 + length);
  }

  /** An offset, relative to {@code base}, that must point inside the data. */
  private static int readOffset(byte[] d, int at, int base, int end, AbiType type) {
    int offset = readLength(d, at, end, type);
    // every dynamic value starts with at least one 32-byte word
    if (offset > end - base - 32) {
      throw malformed(type, at, "offset " + offset + " points outside the data");
    }
    return offset;
  }

  /** A 32-byte word read as a non-negative int (lengths and offsets). */
  private static int readLength(byte[] d, int pos, int end, AbiType type) {
    need(d, pos, 32, end, type);
    for (int i = 0; i < 28; i++) {
      if (d[pos + i] != 0) throw malformed(type, pos, "length or offset too large");
    }
    int v = ((d[pos + 28] & 0xff) << 24) | ((d[pos + 29] & 0xff) << 16) | ((d[pos + 30] & 0xff) << 8) | (d[pos + 31] & 0xff);
    if (v < 0) throw malformed(type, pos, "length or offset too large");
    return v;
  }

  private static void spend(long[] words, long n, AbiType type, int pos) {
    words[0] -= n;
    if (words[0] < 0) throw malformed(type, pos, "offsets overlap: the values decode to more words than the data holds");
  }

  private static void need(byte[] d, int pos, int n, int end, AbiType type) {
    if (pos < 0 || pos > end - n) throw malformed(type, pos, "data too short");
  }

  // ------------------------------------------------------------------ helpers

  private static MalformedAbiException malformed(AbiType type, int pos, String why) {
    return new MalformedAbiException(type.canonical() + " at byte " + pos + ": " + why);
  }

  private static IllegalArgumentException wrongValue(AbiType type, Object value) {
    return new IllegalArgumentException(
        "a " + type.canonical() + " cannot be encoded from " + (value == null ? "null" : value.getClass().getSimpleName()));
  }

  private static void checkArity(AbiType.Tuple types, List<?> values) {
    if (values.size() != types.size()) {
      throw new IllegalArgumentException(types.canonical() + " takes " + types.size() + " values, got " + values.size());
    }
  }

  private static int padded(int n) {
    return (n + 31) & ~31;
  }

  private static BigInteger integer(Object value) {
    return switch (value) {
      case BigInteger b -> b;
      case Long l -> BigInteger.valueOf(l);
      case Integer i -> BigInteger.valueOf(i);
      case null, default -> throw new IllegalArgumentException("an integer value must be a BigInteger, Long or Integer, got " + value);
    };
  }

  private static Bytes bytesOf(Object value) {
    return switch (value) {
      case Bytes b -> b;
      case byte[] a -> Bytes.wrap(a);
      case null, default -> throw new IllegalArgumentException("a bytes value must be Bytes or byte[], got " + value);
    };
  }

  private static byte[] utf8(Object value) {
    if (!(value instanceof String s)) throw new IllegalArgumentException("a string value must be a String, got " + value);
    try {
      // String.getBytes would silently turn an unpaired surrogate into '?'
      ByteBuffer buffer = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(s));
      return Arrays.copyOfRange(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.arrayOffset() + buffer.limit());
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("a string value must be valid UTF-16 (no unpaired surrogates)");
    }
  }

  private static List<?> list(Object value, AbiType type) {
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException("a " + type.canonical() + " value must be a List, got " + value);
    }
    int expected = switch (type) {
      case AbiType.Array a when a.isFixed() -> a.length();
      case AbiType.Tuple t -> t.size();
      default -> list.size();
    };
    if (list.size() != expected) {
      throw new IllegalArgumentException(type.canonical() + " takes " + expected + " values, got " + list.size());
    }
    return list;
  }
}

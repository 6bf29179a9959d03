package org.openledger.precompiles.abi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Solidity ABI type. Java values for each type:
 *
 * <table>
 *   <caption>ABI type to Java value</caption>
 *   <tr><th>ABI</th><th>Java</th></tr>
 *   <tr><td>{@code uintN}, {@code intN}</td><td>{@link java.math.BigInteger} (encode also takes Long, Integer)</td></tr>
 *   <tr><td>{@code address}</td><td>{@link org.openledger.precompiles.Address}</td></tr>
 *   <tr><td>{@code bool}</td><td>{@link Boolean}</td></tr>
 *   <tr><td>{@code bytesN}, {@code bytes}</td><td>{@link org.apache.tuweni.bytes.Bytes}</td></tr>
 *   <tr><td>{@code string}</td><td>{@link String}</td></tr>
 *   <tr><td>{@code T[]}, {@code T[k]}, tuples</td><td>{@link List}</td></tr>
 * </table>
 */
public sealed interface AbiType {

  /** The canonical name used in signatures, e.g. {@code uint256}, {@code (address,bytes)[]}. */
  String canonical();

  /** Dynamic types are encoded in the tail behind a 32-byte offset. */
  boolean isDynamic();

  /** Bytes this type takes in the head of an enclosing tuple (32 for every dynamic type). */
  int headSize();

  record Uint(int bits) implements AbiType {
    public Uint {
      checkBits(bits);
    }

    @Override public String canonical() { return "uint" + bits; }
    @Override public boolean isDynamic() { return false; }
    @Override public int headSize() { return 32; }
  }

  record Int(int bits) implements AbiType {
    public Int {
      checkBits(bits);
    }

    @Override public String canonical() { return "int" + bits; }
    @Override public boolean isDynamic() { return false; }
    @Override public int headSize() { return 32; }
  }

  record AddressType() implements AbiType {
    @Override public String canonical() { return "address"; }
    @Override public boolean isDynamic() { return false; }
    @Override public int headSize() { return 32; }
  }

  record Bool() implements AbiType {
    @Override public String canonical() { return "bool"; }
    @Override public boolean isDynamic() { return false; }
    @Override public int headSize() { return 32; }
  }

  /** {@code bytes1} .. {@code bytes32}. */
  record FixedBytes(int length) implements AbiType {
    public FixedBytes {
      if (length < 1 || length > 32) {
        throw new IllegalArgumentException("bytesN needs 1 <= N <= 32, got " + length);
      }
    }

    @Override public String canonical() { return "bytes" + length; }
    @Override public boolean isDynamic() { return false; }
    @Override public int headSize() { return 32; }
  }

  record DynamicBytes() implements AbiType {
    @Override public String canonical() { return "bytes"; }
    @Override public boolean isDynamic() { return true; }
    @Override public int headSize() { return 32; }
  }

  record Str() implements AbiType {
    @Override public String canonical() { return "string"; }
    @Override public boolean isDynamic() { return true; }
    @Override public int headSize() { return 32; }
  }

  /** {@code T[]} when {@code length} is {@link #DYNAMIC}, else {@code T[length]}. */
  record Array(AbiType element, int length) implements AbiType {
    public static final int DYNAMIC = -1;

    public Array {
      Objects.requireNonNull(element);
      if (length < DYNAMIC || length == 0) {
        throw new IllegalArgumentException("a fixed array has length >= 1, got " + length);
      }
      if (!element.isDynamic() && element.headSize() == 0) {
        // e.g. ()[]: a decoder could not bound the length of such an array by the data size
        throw new IllegalArgumentException("array elements must take space in the encoding: " + element.canonical());
      }
      if (length != DYNAMIC && !element.isDynamic()) {
        checkSize(() -> Math.multiplyExact(length, element.headSize()), element.canonical() + "[" + length + "]");
      }
    }

    public boolean isFixed() {
      return length != DYNAMIC;
    }

    @Override public String canonical() {
      return element.canonical() + (isFixed() ? "[" + length + "]" : "[]");
    }

    @Override public boolean isDynamic() {
      return !isFixed() || element.isDynamic();
    }

    @Override public int headSize() {
      return isDynamic() ? 32 : Math.multiplyExact(length, element.headSize());
    }
  }

  /**
   * A tuple (a Solidity struct, or a parameter list). {@code names} and {@code structName} are
   * documentation for ABI JSON and Solidity output; they do not change the encoding.
   */
  record Tuple(List<AbiType> components, List<String> names, String structName) implements AbiType {
    public Tuple {
      components = List.copyOf(components);
      names = names == null ? blankNames(components.size()) : List.copyOf(names);
      if (names.size() != components.size()) {
        throw new IllegalArgumentException("tuple has " + components.size() + " types but " + names.size() + " names");
      }
      List<AbiType> parts = components;
      checkSize(() -> {
        int size = 0;
        for (AbiType c : parts) size = Math.addExact(size, c.isDynamic() ? 32 : c.headSize());
        return size;
      }, "tuple");
    }

    public Tuple(List<AbiType> components) {
      this(components, null, null);
    }

    public static Tuple of(AbiType... components) {
      return new Tuple(List.of(components));
    }

    public int size() {
      return components.size();
    }

    @Override public String canonical() {
      StringBuilder sb = new StringBuilder("(");
      for (int i = 0; i < components.size(); i++) {
        if (i > 0) sb.append(',');
        sb.append(components.get(i).canonical());
      }
      return sb.append(')').toString();
    }

    @Override public boolean isDynamic() {
      for (AbiType c : components) {
        if (c.isDynamic()) return true;
      }
      return false;
    }

    @Override public int headSize() {
      if (isDynamic()) return 32;
      int size = 0;
      for (AbiType c : components) size = Math.addExact(size, c.headSize());
      return size;
    }

    private static List<String> blankNames(int n) {
      List<String> names = new ArrayList<>(n);
      for (int i = 0; i < n; i++) names.add("");
      return names;
    }
  }

  /** Parses a canonical type name: {@code uint256}, {@code bytes32[]}, {@code (uint8,string)[2]}. */
  static AbiType parse(String type) {
    return TypeParser.parseCanonical(type);
  }

  /** Refuses a type whose encoded head would not fit an {@code int}. */
  private static void checkSize(java.util.function.IntSupplier size, String what) {
    try {
      size.getAsInt();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(what + " is too large to encode");
    }
  }

  private static void checkBits(int bits) {
    if (bits < 8 || bits > 256 || bits % 8 != 0) {
      throw new IllegalArgumentException("integer width must be a multiple of 8 in 8..256, got " + bits);
    }
  }
}

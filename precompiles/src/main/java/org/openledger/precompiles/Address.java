package org.openledger.precompiles;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.tuweni.bytes.Bytes;

/** A 20-byte Ethereum account address. Immutable; equal when the bytes are equal. */
public final class Address implements Comparable<Address> {
  public static final int SIZE = 20;
  public static final Address ZERO = new Address(new byte[SIZE]);

  private final byte[] bytes;

  private Address(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of exactly 20 bytes. */
  public static Address wrap(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("an address is 20 bytes, got " + bytes.length);
    }
    return new Address(bytes.clone());
  }

  public static Address wrap(Bytes bytes) {
    return wrap(bytes.toArrayUnsafe());
  }

  /** Parses {@code 0x} followed by 40 hex digits (any case; no checksum is required). */
  public static Address fromHex(String hex) {
    String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    if (digits.length() != 2 * SIZE) {
      throw new IllegalArgumentException("an address is 40 hex digits, got '" + hex + "'");
    }
    return new Address(HexFormat.of().parseHex(digits));
  }

  /** The address whose 20 bytes are the low bytes of {@code value}, e.g. {@code of(0x0a01)}. */
  public static Address of(long value) {
    return fromBigInteger(BigInteger.valueOf(value));
  }

  public static Address fromBigInteger(BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > 8 * SIZE) {
      throw new IllegalArgumentException("not a 160-bit unsigned value: " + value);
    }
    byte[] raw = value.toByteArray();
    byte[] out = new byte[SIZE];
    int n = Math.min(raw.length, SIZE);
    System.arraycopy(raw, raw.length - n, out, SIZE - n, n);
    return new Address(out);
  }

  /** A copy of the 20 bytes. */
  public byte[] toArray() {
    return bytes.clone();
  }

  /** The 20 bytes, not copied: callers must not modify them. */
  public byte[] toArrayUnsafe() {
    return bytes;
  }

  public Bytes toBytes() {
    return Bytes.wrap(bytes);
  }

  public BigInteger toBigInteger() {
    return new BigInteger(1, bytes);
  }

  public String toHexString() {
    return "0x" + HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Address a && Arrays.equals(bytes, a.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(Address o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return toHexString();
  }
}

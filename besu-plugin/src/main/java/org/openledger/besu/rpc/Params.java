package org.openledger.besu.rpc;

import java.math.BigInteger;
import java.util.Locale;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;

/**
 * The parameters of one call as Besu hands them over: the raw JSON-decoded array (strings,
 * numbers, booleans, lists, maps), or null when the request had no "params". Every malformed
 * value is an invalid-params error naming the method and the parameter.
 */
public final class Params {
  /** A block parameter: a number, or the chain head at the time of the call. */
  public record BlockRef(Long number) {
    public static final BlockRef LATEST = new BlockRef(null);

    public boolean isLatest() {
      return number == null;
    }
  }

  private final String method;
  private final Object[] values;

  public Params(String method, Object[] raw, int min, int max) {
    this.method = method;
    this.values = raw == null ? new Object[0] : raw;
    if (values.length < min || values.length > max) {
      String expected = max == 0 ? "no parameters" : min == max ? min + " parameter" + (min == 1 ? "" : "s") : min + " to " + max + " parameters";
      throw RpcFailure.invalidParams(method + " takes " + expected + ", got " + values.length);
    }
  }

  public int size() {
    return values.length;
  }

  public boolean has(int i) {
    return i < values.length && values[i] != null;
  }

  /** A non-negative integer: a JSON number, a "0x" hex quantity or a decimal string. */
  public BigInteger quantity(int i, String name) {
    Object v = required(i, name);
    BigInteger out;
    try {
      out = switch (v) {
        case Integer n -> BigInteger.valueOf(n);
        case Long n -> BigInteger.valueOf(n);
        case BigInteger n -> n;
        case String s when s.startsWith("0x") || s.startsWith("0X") -> new BigInteger(hexDigits(s, name), 16);
        case String s when !s.isEmpty() && s.chars().allMatch(Character::isDigit) -> new BigInteger(s);
        default -> throw bad(name, v, "a non-negative integer (JSON number, 0x hex or decimal string)");
      };
    } catch (NumberFormatException e) {
      throw bad(name, v, "a non-negative integer (JSON number, 0x hex or decimal string)");
    }
    if (out.signum() < 0 || out.bitLength() > 256) throw bad(name, v, "a non-negative integer below 2^256");
    return out;
  }

  public long blockNumber(int i, String name) {
    BigInteger q = quantity(i, name);
    if (q.bitLength() > 63) throw bad(name, values[i], "a block number");
    return q.longValueExact();
  }

  /** "latest" (also when absent), "earliest", or a block number. */
  public BlockRef block(int i, String name) {
    if (!has(i)) return BlockRef.LATEST;
    if (values[i] instanceof String s) {
      switch (s.toLowerCase(Locale.ROOT)) {
        case "latest": return BlockRef.LATEST;
        case "earliest": return new BlockRef(0L);
        default: // a number, below
      }
    }
    try {
      return new BlockRef(blockNumber(i, name));
    } catch (RuntimeException e) {
      throw bad(name, values[i], "\"latest\", \"earliest\" or a block number");
    }
  }

  public Address address(int i, String name) {
    Object v = required(i, name);
    if (v instanceof String s && s.length() == 42 && (s.startsWith("0x") || s.startsWith("0X")) && isHex(s.substring(2))) {
      return Address.fromHex(s);
    }
    throw bad(name, v, "a 20-byte address as 0x and 40 hex digits");
  }

  public Bytes32 hash(int i, String name) {
    Object v = required(i, name);
    if (v instanceof String s && s.length() == 66 && (s.startsWith("0x") || s.startsWith("0X")) && isHex(s.substring(2))) {
      return Bytes32.fromHexString(s);
    }
    throw bad(name, v, "a 32-byte hash as 0x and 64 hex digits");
  }

  /** Bytes as 0x and an even number of hex digits ("0x" is empty). */
  public Bytes data(int i, String name) {
    Object v = required(i, name);
    if (v instanceof String s && (s.startsWith("0x") || s.startsWith("0X")) && s.length() % 2 == 0 && isHex(s.substring(2))) {
      return Bytes.fromHexString(s);
    }
    throw bad(name, v, "bytes as 0x and an even number of hex digits");
  }

  private Object required(int i, String name) {
    if (!has(i)) throw RpcFailure.invalidParams(method + ": parameter " + (i + 1) + " (" + name + ") is required");
    return values[i];
  }

  private String hexDigits(String s, String name) {
    String digits = s.substring(2);
    if (digits.isEmpty() || !isHex(digits)) throw bad(name, s, "a hex quantity");
    return digits;
  }

  private static boolean isHex(String s) {
    for (int k = 0; k < s.length(); k++) {
      if (Character.digit(s.charAt(k), 16) < 0) return false;
    }
    return true;
  }

  private RuntimeException bad(String name, Object value, String expected) {
    String shown = String.valueOf(value);
    if (shown.length() > 80) shown = shown.substring(0, 77) + "...";
    return RpcFailure.invalidParams(method + ": " + name + " must be " + expected + ", got " + shown);
  }
}

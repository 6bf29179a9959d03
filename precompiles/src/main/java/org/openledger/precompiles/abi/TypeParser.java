package org.openledger.precompiles.abi;

import java.util.ArrayList;
import java.util.List;

/** Parses canonical ABI type names (no struct names, no whitespace). */
final class TypeParser {
  private TypeParser() {}

  static AbiType parseCanonical(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("empty ABI type");
    }
    int[] pos = {0};
    AbiType t = parse(text, pos);
    if (pos[0] != text.length()) {
      throw new IllegalArgumentException("unexpected '" + text.substring(pos[0]) + "' in ABI type '" + text + "'");
    }
    // Integer.parseInt also takes "08", "+8" and non-ASCII digits: only the canonical spelling is a type name.
    if (!t.canonical().equals(text)) {
      throw new IllegalArgumentException("'" + text + "' is not canonical, write '" + t.canonical() + "'");
    }
    return t;
  }

  private static AbiType parse(String s, int[] pos) {
    if (pos[0] >= s.length()) {
      throw new IllegalArgumentException("ABI type '" + s + "' ends where a type should start");
    }
    AbiType base;
    if (s.charAt(pos[0]) == '(') {
      pos[0]++;
      List<AbiType> parts = new ArrayList<>();
      if (pos[0] < s.length() && s.charAt(pos[0]) == ')') {
        pos[0]++;
      } else {
        while (true) {
          parts.add(parse(s, pos));
          if (pos[0] >= s.length()) throw new IllegalArgumentException("unclosed tuple in '" + s + "'");
          char c = s.charAt(pos[0]++);
          if (c == ')') break;
          if (c != ',') throw new IllegalArgumentException("expected ',' or ')' in '" + s + "'");
        }
      }
      base = new AbiType.Tuple(parts);
    } else {
      int start = pos[0];
      while (pos[0] < s.length() && Character.isLetterOrDigit(s.charAt(pos[0]))) pos[0]++;
      base = elementary(s.substring(start, pos[0]), s);
    }
    while (pos[0] < s.length() && s.charAt(pos[0]) == '[') {
      int close = s.indexOf(']', pos[0]);
      if (close < 0) throw new IllegalArgumentException("unclosed '[' in '" + s + "'");
      String len = s.substring(pos[0] + 1, close);
      int length;
      if (len.isEmpty()) {
        length = AbiType.Array.DYNAMIC;
      } else {
        try {
          length = Integer.parseInt(len);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("bad array length '" + len + "' in '" + s + "'");
        }
        if (length < 1) throw new IllegalArgumentException("array length must be >= 1 in '" + s + "'");
      }
      base = new AbiType.Array(base, length);
      pos[0] = close + 1;
    }
    return base;
  }

  static AbiType elementary(String name, String context) {
    switch (name) {
      case "address": return new AbiType.AddressType();
      case "bool": return new AbiType.Bool();
      case "string": return new AbiType.Str();
      case "bytes": return new AbiType.DynamicBytes();
      case "uint": case "int":
        throw new IllegalArgumentException("use the canonical '" + name + "256', not '" + name + "' in '" + context + "'");
      default:
        break;
    }
    try {
      if (name.startsWith("uint")) return new AbiType.Uint(Integer.parseInt(name.substring(4)));
      if (name.startsWith("int")) return new AbiType.Int(Integer.parseInt(name.substring(3)));
      if (name.startsWith("bytes")) return new AbiType.FixedBytes(Integer.parseInt(name.substring(5)));
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException("unknown ABI type '" + name + "' in '" + context + "'");
  }
}

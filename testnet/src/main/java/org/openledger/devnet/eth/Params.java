package org.openledger.devnet.eth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigInteger;
import java.util.regex.Pattern;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.devnet.rpc.RpcException;
import org.openledger.precompiles.Address;

/**
 * Strict parsing of JSON-RPC parameters, as geth parses them: quantities are {@code 0x} hex
 * without leading zeros, data is {@code 0x} and an even number of hex digits, addresses 20 bytes and
 * hashes 32. Anything else is -32602 with a message that names the parameter.
 */
public final class Params {
  private static final Pattern QUANTITY = Pattern.compile("0x(0|[1-9a-fA-F][0-9a-fA-F]{0,63})");
  private static final Pattern DATA = Pattern.compile("0x([0-9a-fA-F]{2})*");

  private final ArrayNode params;

  public Params(ArrayNode params) {
    this.params = params;
  }

  public int size() {
    return params.size();
  }

  /** Refuses more than {@code max} parameters. */
  public Params atMost(int max) {
    if (params.size() > max) throw invalid("too many arguments, want at most " + max);
    return this;
  }

  /** The parameter at {@code index}, or null when absent or JSON null. */
  public JsonNode optional(int index) {
    JsonNode n = index < params.size() ? params.get(index) : null;
    return n == null || n.isNull() ? null : n;
  }

  public JsonNode required(int index, String name) {
    JsonNode n = optional(index);
    if (n == null) throw invalid("missing value for required argument " + index + " (" + name + ")");
    return n;
  }

  public static BigInteger quantity(JsonNode n, String name) {
    String s = text(n, name);
    if (!QUANTITY.matcher(s).matches()) {
      throw invalid(name + ": '" + s + "' is not a hex quantity (0x-prefixed, no leading zeros, at most 256 bits)");
    }
    return new BigInteger(s.substring(2), 16);
  }

  public static long quantityLong(JsonNode n, String name) {
    BigInteger v = quantity(n, name);
    if (v.bitLength() > 63) throw invalid(name + ": " + v + " does not fit 63 bits");
    return v.longValue();
  }

  public static Bytes data(JsonNode n, String name) {
    String s = text(n, name);
    if (!DATA.matcher(s).matches()) throw invalid(name + ": '" + abbreviate(s) + "' is not 0x-prefixed hex data with an even number of digits");
    return Bytes.fromHexString(s);
  }

  public static Address address(JsonNode n, String name) {
    Bytes b = data(n, name);
    if (b.size() != 20) throw invalid(name + ": an address is 20 bytes, got " + b.size());
    return Address.wrap(b);
  }

  public static Bytes32 hash(JsonNode n, String name) {
    Bytes b = data(n, name);
    if (b.size() != 32) throw invalid(name + ": a hash is 32 bytes, got " + b.size());
    return Bytes32.wrap(b);
  }

  public static boolean bool(JsonNode n, String name) {
    if (!n.isBoolean()) throw invalid(name + ": want true or false, got " + n);
    return n.booleanValue();
  }

  public static BlockParam block(JsonNode n, String name) {
    String s = text(n, name);
    return switch (s) {
      case "latest" -> BlockParam.latest();
      case "earliest" -> new BlockParam(BlockParam.Tag.EARLIEST, 0);
      case "pending" -> new BlockParam(BlockParam.Tag.PENDING, -1);
      case "safe" -> new BlockParam(BlockParam.Tag.SAFE, -1);
      case "finalized" -> new BlockParam(BlockParam.Tag.FINALIZED, -1);
      default -> {
        if (!s.startsWith("0x")) throw invalid(name + ": '" + s + "' is not a block number or one of latest, earliest, pending, safe, finalized");
        yield BlockParam.number(quantityLong(n, name));
      }
    };
  }

  /** A count given as a hex quantity or a plain JSON integer (both are seen in the wild). */
  public static long count(JsonNode n, String name) {
    if (n.isIntegralNumber()) {
      if (!n.canConvertToLong() || n.longValue() < 0) throw invalid(name + ": " + n + " is not a non-negative count");
      return n.longValue();
    }
    return quantityLong(n, name);
  }

  private static String text(JsonNode n, String name) {
    if (n == null || !n.isTextual()) throw invalid(name + ": want a string, got " + (n == null ? "nothing" : n.getNodeType().toString().toLowerCase()));
    return n.asText();
  }

  private static String abbreviate(String s) {
    return s.length() > 24 ? s.substring(0, 24) + "..." : s;
  }

  public static RpcException invalid(String message) {
    return RpcException.invalidParams("invalid params: " + message);
  }
}

package org.openledger.console.server;

import java.math.BigInteger;
import java.util.Map;

/**
 * One API request: the path's variables ({@code /api/datanets/{id}}), the query string and the
 * JSON body, with typed getters that refuse bad input as an {@link ApiError} naming the field.
 */
public record Request(Map<String, String> path, Map<String, String> query, Map<String, Object> body) {

  /** A path variable or body/query field as text; {@code null} when absent. */
  public String text(String name) {
    if (path.containsKey(name)) return path.get(name);
    Object v = body.get(name);
    if (v != null) return v.toString();
    return query.get(name);
  }

  public String required(String name) {
    String v = text(name);
    if (v == null || v.isBlank()) throw ApiError.badInput(name + " is required");
    return v.strip();
  }

  /** A non-negative integer (an id, a count, a version). */
  public BigInteger id(String name) {
    String v = required(name);
    try {
      BigInteger n = new BigInteger(v);
      if (n.signum() < 0) throw ApiError.badInput(name + " must not be negative, got " + v);
      return n;
    } catch (NumberFormatException e) {
      throw ApiError.badInput(name + " must be a whole number, got '" + v + "'");
    }
  }

  public boolean flag(String name) {
    return Boolean.parseBoolean(text(name));
  }
}

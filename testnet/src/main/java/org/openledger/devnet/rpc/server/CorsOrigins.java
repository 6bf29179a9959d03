package org.openledger.devnet.rpc.server;

import java.util.Set;

/**
 * The browser origins allowed to call the server. {@link #NONE} (the default) sends no CORS
 * headers and refuses any request that carries an {@code Origin} header, so that a web page cannot
 * drive the node from a user's browser; {@code "*"} must be asked for explicitly.
 */
public record CorsOrigins(Set<String> origins) {
  public static final CorsOrigins NONE = new CorsOrigins(Set.of());
  public static final CorsOrigins ANY = new CorsOrigins(Set.of("*"));

  public CorsOrigins {
    origins = Set.copyOf(origins);
  }

  public static CorsOrigins of(String... origins) {
    return new CorsOrigins(Set.of(origins));
  }

  public boolean allows(String origin) {
    return origins.contains("*") || origins.contains(origin);
  }

  /** The {@code Access-Control-Allow-Origin} value for an allowed origin. */
  String allowOriginHeader(String origin) {
    return origins.contains("*") ? "*" : origin;
  }
}

package org.openledger.besu.install;

/** Why the plugin refuses to start; Besu stops with this message rather than run a validator that would fork off. */
public final class PluginStartRefused extends RuntimeException {
  public PluginStartRefused(String message) {
    super(message);
  }

  public PluginStartRefused(String message, Throwable cause) {
    super(message, cause);
  }
}

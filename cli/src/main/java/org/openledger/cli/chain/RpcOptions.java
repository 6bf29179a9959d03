package org.openledger.cli.chain;

import picocli.CommandLine.Option;

/** Where the node is, and how to print: mixed into every command that talks to a chain. */
public final class RpcOptions {
  public static final String DEFAULT_URL = "http://127.0.0.1:8545";

  @Option(
      names = "--rpc-url",
      paramLabel = "URL",
      defaultValue = "${env:OPENLEDGER_RPC_URL:-" + DEFAULT_URL + "}",
      description = "JSON-RPC endpoint of the devnet or a Besu node with the plugin (env OPENLEDGER_RPC_URL; default ${DEFAULT-VALUE}).")
  String url;

  @Option(names = "--json", description = "Print machine-readable JSON instead of tables.")
  boolean json;

  public String url() {
    return url;
  }

  public boolean json() {
    return json;
  }

  /** Connects to the node; fails with a message that says how to start one. */
  public Connection connect() {
    return Connection.open(url);
  }
}

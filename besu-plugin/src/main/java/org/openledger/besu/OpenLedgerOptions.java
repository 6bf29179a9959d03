package org.openledger.besu;

import picocli.CommandLine.Option;

/** The plugin's command-line options; Besu's PicoCLIOptions adds them under --plugin-openledger-. */
public final class OpenLedgerOptions {
  @Option(names = "--plugin-openledger-activation-block", paramLabel = "<LONG>",
      description = "Block from which the OpenLedger native contracts run; must be a block milestone of the genesis, the same on every validator (default: ${DEFAULT-VALUE})")
  public long activationBlock = 0;

  @Option(names = "--plugin-openledger-enabled", paramLabel = "<BOOLEAN>", arity = "1",
      description = "Install the native contracts (default: ${DEFAULT-VALUE})")
  public boolean enabled = true;
}

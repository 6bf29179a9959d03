package org.openledger.besu;

import org.openledger.besu.content.ContentStore;
import picocli.CommandLine.Option;

/** The plugin's command-line options; Besu's PicoCLIOptions adds them under --plugin-openledger-. */
public final class OpenLedgerOptions {
  @Option(names = "--plugin-openledger-activation-block", paramLabel = "<LONG>",
      description = "Block from which the OpenLedger native contracts run; must be a block milestone of the genesis, the same on every validator (default: ${DEFAULT-VALUE})")
  public long activationBlock = 0;

  @Option(names = "--plugin-openledger-enabled", paramLabel = "<BOOLEAN>", arity = "1",
      description = "Install the native contracts (default: ${DEFAULT-VALUE})")
  public boolean enabled = true;

  @Option(names = "--plugin-openledger-content-max-bytes", paramLabel = "<INT>",
      description = "Largest item openledger_putContent accepts, in bytes (default: ${DEFAULT-VALUE})")
  public int contentMaxBytes = ContentStore.DEFAULT_MAX_BYTES;

  @Option(names = "--plugin-openledger-rpc-max-blocks", paramLabel = "<LONG>",
      description = "Most blocks one openledger_getPayouts or openledger_getInferencePayout call scans for logs (default: ${DEFAULT-VALUE})")
  public long rpcMaxBlocks = 10_000;
}

package org.openledger.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code openledger} command. */
@Command(
    name = "openledger",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "OpenLedger for Besu: Proof of Attribution, OPEN economics and governance as native contracts.",
      ""
    },
    subcommands = {DemoCommand.class, InterfaceCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "Run 'openledger help <command>' for a command's options."})
public final class OpenLedger implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new OpenLedger()).setCaseInsensitiveEnumValuesAllowed(true);
  }
}

package org.openledger.cli;

import org.openledger.cli.attribute.AttributeCommand;
import org.openledger.cli.console.ConsoleCommand;
import org.openledger.cli.datanet.DatanetCommand;
import org.openledger.cli.devnet.DevnetCommand;
import org.openledger.cli.eval.EvalCommand;
import org.openledger.cli.factory.FactoryCommand;
import org.openledger.cli.governance.ProposalCommand;
import org.openledger.cli.governance.ProposeCommand;
import org.openledger.cli.governance.VoteCommand;
import org.openledger.cli.inference.InferCommand;
import org.openledger.cli.model.ModelCommand;
import org.openledger.cli.payouts.ClaimCommand;
import org.openledger.cli.payouts.PayoutsCommand;
import org.openledger.cli.prover.ProverCommand;
import org.openledger.cli.serve.ServeCommand;
import org.openledger.cli.staking.StakeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code openledger} command. */
@Command(
    name = "openledger",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "OpenLedger for Besu: Proof of Attribution, OPEN economics and governance as native contracts.",
      ""
    },
    subcommands = {
      DemoCommand.class, ExampleCommand.class, DevnetCommand.class, DatanetCommand.class, ModelCommand.class, InferCommand.class, StakeCommand.class,
      ClaimCommand.class, PayoutsCommand.class, ProposeCommand.class, VoteCommand.class, ProposalCommand.class,
      InterfaceCommand.class, EvalCommand.class, ProverCommand.class, FactoryCommand.class, AttributeCommand.class, ServeCommand.class,
      ConsoleCommand.class, CommandLine.HelpCommand.class
    },
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
    return new CommandLine(new OpenLedger())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(OpenLedger::report);
  }

  /** A {@link UserError} is printed as one line (exit 2); anything else is a bug and keeps its stack trace (exit 1). */
  private static int report(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    if (e instanceof UserError) {
      cmd.getErr().println("error: " + e.getMessage());
      return 2;
    }
    e.printStackTrace(cmd.getErr());
    return 1;
  }
}

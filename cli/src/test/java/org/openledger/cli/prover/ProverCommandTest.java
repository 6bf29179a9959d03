package org.openledger.cli.prover;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The daemon's duty switches: watching with challenges and attesting are on unless turned off. */
class ProverCommandTest {

  static ProverCommand parsed(String... args) {
    ProverCommand command = new ProverCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void challengingAndAttestingAreOnByDefault() {
    ProverCommand c = parsed();
    assertThat(c.challenge).isTrue();
    assertThat(c.attest).isTrue();
  }

  @Test
  void noChallengeAndNoAttestTurnThemOff() {
    ProverCommand c = parsed("--no-challenge", "--no-attest");
    assertThat(c.challenge).isFalse();
    assertThat(c.attest).isFalse();
  }

  @Test
  void theHelpNamesBothSwitches() {
    String usage = new CommandLine(new ProverCommand()).getUsageMessage();
    assertThat(usage).contains("--[no-]challenge").contains("--[no-]attest");
  }
}

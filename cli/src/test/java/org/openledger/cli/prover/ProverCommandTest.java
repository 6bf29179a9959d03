package org.openledger.cli.prover;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The daemon's duty switches: watching with challenges, attesting and both sides of the leaf game are on unless turned off. */
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

  @Test
  void leafChallengingAndDefendingAreOnByDefault() {
    ProverCommand c = parsed();
    assertThat(c.leafChallenge).isTrue();
    assertThat(c.leafDefend).isTrue();
  }

  @Test
  void noLeafChallengeAndNoLeafDefendTurnThemOffIndependently() {
    ProverCommand c = parsed("--no-leaf-challenge");
    assertThat(c.leafChallenge).isFalse();
    assertThat(c.leafDefend).isTrue();
    assertThat(parsed("--no-leaf-defend").leafDefend).isFalse();
  }

  @Test
  void theHelpNamesTheLeafGameSwitchesAndTheBondAGamePosts() {
    String usage = new CommandLine(new ProverCommand()).getUsageMessage();
    assertThat(usage).contains("--[no-]leaf-challenge").contains("--[no-]leaf-defend").contains("leafChallengerBond");
  }
}

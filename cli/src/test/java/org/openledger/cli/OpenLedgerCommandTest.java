package org.openledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

public class OpenLedgerCommandTest {

  public record Run(int exit, String out, String err) {}

  public static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = OpenLedger.commandLine().execute(args);
      return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void exampleRunsTheFrameworksWorkedExampleAndConservesOpen() {
    Run r = run("example");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("entries = 1", "AlreadySigned(", "TipTooSmall(", "DelegateCallRefused()", "author = alice",
        "OPEN conserved across all accounts: yes");
  }

  @Test
  void interfacePrintsTheSoliditySource() {
    Run r = run("interface", "guestbook");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("// SPDX-License-Identifier").contains("interface IGuestbook {");
  }

  @Test
  void interfaceWithAbiPrintsJson() {
    Run r = run("interface", "guestbook", "--abi");
    assertThat(r.out().strip()).startsWith("[").endsWith("]").contains("\"stateMutability\" : \"payable\"");
  }

  @Test
  void interfacePrintsEveryOpenLedgerContract() {
    for (String name : java.util.List.of("datanets", "models", "inference", "staking", "provers", "services", "governor", "timelock")) {
      Run r = run("interface", name);
      assertThat(r.exit()).as(name).isZero();
      assertThat(r.out()).contains("interface I");
    }
  }

  @Test
  void interfacePrintsTheGovernorAndTimelockFilesTheGovernanceJarShips() throws Exception {
    for (String file : java.util.List.of("IGovernor.sol", "ITimelock.sol")) {
      Run r = run("interface", file.substring(1, file.indexOf('.')).toLowerCase(java.util.Locale.ROOT));
      assertThat(r.out()).as(file).isEqualTo(shipped(file)).contains("interface " + file.replace(".sol", "") + " {");
    }
    assertThat(run("interface", "governor", "--abi").out()).isEqualTo(shipped("IGovernor.abi.json") + "\n");
    assertThat(run("interface", "timelock", "--abi").out()).isEqualTo(shipped("ITimelock.abi.json") + "\n");
  }

  @Test
  void interfaceHelpListsEveryContractName() {
    Run r = run("interface", "--help");
    assertThat(r.out().replaceAll("\\s+", " ")).contains("datanets, models, inference, staking, provers, services, governor, timelock, guestbook");
  }

  private static String shipped(String file) throws java.io.IOException {
    try (java.io.InputStream in = OpenLedgerCommandTest.class.getClassLoader()
        .getResourceAsStream(org.openledger.contracts.Catalog.ARTIFACT_DIR + file)) {
      assertThat(in).as(file + " on the classpath").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void anUnknownContractNamesTheKnownOnes() {
    Run r = run("interface", "nosuch");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("unknown contract 'nosuch'", "guestbook");
  }

  @Test
  void helpListsEveryCommandWithASummary() {
    Run r = run("--help");
    assertThat(r.out()).contains("demo", "example", "Run the native-contract framework's worked example", "interface");
  }
}

package org.openledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openledger.cli.OpenLedgerCommandTest.Run;

class DemoTest {
  @Test
  void theDemoRunsTheProtocolOnAFreshDevnetLeavesSettlementPendingAndConservesOpen() {
    Run r = OpenLedgerCommandTest.run("demo");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("DEVELOPMENT ONLY", "[10/10]", "→ Approved", "→ Deployed", "Resulted — settlement pending a verified proof",
        "= genesis supply ✓");
  }
}

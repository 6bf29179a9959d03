package org.openledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openledger.cli.OpenLedgerCommandTest.Run;

class DemoTest {
  @Test
  void theDemoTrainsProvesAndSettlesOnAFreshDevnetAndConservesOpen() {
    Run r = OpenLedgerCommandTest.run("demo");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("DEVELOPMENT ONLY", "[12/12]", "→ Approved", "→ Evaluation", "→ Deployed", "attested it",
        "verified on-chain", "in proportion to its data's verified influence", "Sneaker", "= genesis supply ✓");
    assertThat(r.out()).doesNotContain("✗");
  }
}

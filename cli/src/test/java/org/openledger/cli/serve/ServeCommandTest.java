package org.openledger.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openledger.cli.OpenLedgerCommandTest;

/** The command line of {@code openledger serve}: help that answers how to run it, and clear refusals. */
class ServeCommandTest {

  @Test
  void helpSaysHowToRunTheServerAndCallIt() {
    var r = OpenLedgerCommandTest.run("serve", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("--base-model").contains("--adapter-memory").contains("/v1/infer").contains("--no-host").contains("serve bench");
  }

  @Test
  void benchHelpNamesTheComparisonAndTheTarget() {
    var r = OpenLedgerCommandTest.run("serve", "bench", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("merges each").contains(">= 0.5");
  }

  @Test
  void aMissingBaseModelIsRefusedWithTheFlagToGive() {
    var r = OpenLedgerCommandTest.run("serve", "--no-host", "--rpc-url", "http://127.0.0.1:1");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("--base-model");
  }

  @Test
  void anAdapterMemoryThatIsNotASizeIsRefusedWithExamples() {
    var r = OpenLedgerCommandTest.run("serve", "--base-model", "1", "--adapter-memory", "12XB");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("256MiB");
  }

  @Test
  void sizesReadBinaryAndDecimalUnits() {
    MemorySize m = new MemorySize();
    assertThat(m.convert("256MiB")).isEqualTo(256L << 20);
    assertThat(m.convert("2GiB")).isEqualTo(2L << 30);
    assertThat(m.convert("500MB")).isEqualTo(500_000_000L);
    assertThat(m.convert("65536")).isEqualTo(65_536L);
  }
}

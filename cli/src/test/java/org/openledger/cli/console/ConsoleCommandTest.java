package org.openledger.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.openledger.cli.OpenLedgerCommandTest;
import org.openledger.cli.OpenLedgerCommandTest.Run;
import org.openledger.console.server.ApiError;

class ConsoleCommandTest {
  @Test
  void helpSaysWhatTheConsoleServesAndHowItSigns() {
    Run r = OpenLedgerCommandTest.run("console", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out().replaceAll("\\s+", " ")).contains("--devnet", "--port", "--rpc-url", "--keystore", "browser wallet", "custom error in words");
  }

  @Test
  void aPortOutOfRangeIsRefusedWithTheFix() {
    Run r = OpenLedgerCommandTest.run("console", "--port", "70000");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--port must be between 0 and 65535");
  }

  @Test
  void aTakenPortIsRefusedWithTheFix() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Run r = OpenLedgerCommandTest.run("console", "--devnet", "--port", String.valueOf(taken.getLocalPort()));
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err()).contains("is taken: pass another with --port");
    }
  }

  @Test
  void withoutANodeTheConsoleSaysHowToStartOne() {
    Run r = OpenLedgerCommandTest.run("console", "--rpc-url", "http://127.0.0.1:1");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("cannot reach a node", "openledger devnet start");
  }

  /** A job's minimum accuracy is typed in percent and sent in basis points: exactly, both ways. */
  @Property
  void aPercentageBecomesExactlyItsBasisPoints(@ForAll @IntRange(min = 0, max = 10_000) int bp) {
    String percent = java.math.BigDecimal.valueOf(bp, 2).toPlainString();
    assertThat(ConsoleApi.percentToBp(percent).intValueExact()).isEqualTo(bp);
  }

  @Property
  void aFractionOfABasisPointIsRefusedNotRounded(@ForAll @IntRange(min = 0, max = 99_999) int tenthsOfBp) {
    if (tenthsOfBp % 10 == 0) return;
    String percent = java.math.BigDecimal.valueOf(tenthsOfBp, 3).toPlainString();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConsoleApi.percentToBp(percent)).isInstanceOf(ApiError.class)
        .hasMessageContaining("more than two decimals");
  }
}

package org.openledger.cli.factory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.openledger.cli.UserError;
import org.openledger.prover.factory.LogisticFactory;
import org.openledger.prover.factory.MlpFactory;
import picocli.CommandLine;

/** {@code factory deliver}'s architecture choice: logistic by default, the MLP on request, each with its own defaults. */
class FactoryCommandTest {

  static FactoryCommand.Build parsed(String... args) {
    FactoryCommand.Deliver deliver = new FactoryCommand.Deliver();
    new CommandLine(deliver).parseArgs(args);
    return deliver.build;
  }

  @Test
  void withoutAnArchitectureItTrainsLogisticRegressionAtRank128() {
    assertThat(parsed("--job", "1").config()).isInstanceOfSatisfying(LogisticFactory.Config.class, c -> assertThat(c.rank()).isEqualTo(128));
  }

  @Test
  void architectureMlpTrainsTheShippedMlpWith64HiddenUnitsAnd64KroneckerRows() {
    assertThat(parsed("--job", "1", "--architecture", "mlp").config()).isInstanceOfSatisfying(MlpFactory.Config.class, c -> {
      assertThat(c.training().hidden()).isEqualTo(64);
      assertThat(c.rank()).isEqualTo(64);
      assertThat(c.damping()).isEqualTo(1e-2);
    });
  }

  @Test
  void hiddenSetsTheMlpsWidth() {
    assertThat(parsed("--job", "1", "--architecture", "mlp", "--hidden", "32").config())
        .isInstanceOfSatisfying(MlpFactory.Config.class, c -> assertThat(c.training().hidden()).isEqualTo(32));
  }

  @Test
  void hiddenWithoutTheMlpArchitectureIsRefusedWithTheFix() {
    assertThatThrownBy(() -> parsed("--job", "1", "--hidden", "32").config()).isInstanceOf(UserError.class)
        .hasMessageContaining("add --architecture mlp");
  }

  @Test
  void anUnknownArchitectureIsAUsageError() {
    assertThatThrownBy(() -> parsed("--job", "1", "--architecture", "transformer")).isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("logistic, mlp");
  }

  @Test
  void theHelpExplainsBothArchitectures() {
    String usage = new CommandLine(new FactoryCommand.Deliver()).getUsageMessage();
    assertThat(usage).contains("--architecture").contains("logistic  multinomial logistic regression").contains("mlp       a one-hidden-layer")
        .contains("--hidden");
  }
}

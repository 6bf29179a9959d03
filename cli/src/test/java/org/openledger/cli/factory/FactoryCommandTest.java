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
  void mlpTrainingOptionsSetEverySgdSetting() {
    assertThat(parsed("--job", "1", "--architecture", "mlp", "--epochs", "7", "--batch", "16", "--learning-rate", "0.05", "--seed", "3",
        "--l2", "0.002").config()).isInstanceOfSatisfying(MlpFactory.Config.class, c -> {
          assertThat(c.training()).isEqualTo(new org.openledger.prover.model.MlpTrainingConfig(3, 64, 7, 16, 0.05, 0.002));
        });
  }

  @Test
  void anMlpTrainingOptionWithoutTheMlpArchitectureIsRefusedWithTheFix() {
    assertThatThrownBy(() -> parsed("--job", "1", "--epochs", "7").config()).isInstanceOf(UserError.class)
        .hasMessage("--epochs sets the MLP's training: add --architecture mlp, or drop --epochs");
  }

  @Test
  void noTrainingOptionMeansNoneWasGiven() {
    assertThat(parsed("--job", "1").given()).isFalse();
    assertThat(parsed("--job", "1", "--architecture", "logistic").given()).isTrue();
  }

  @Test
  void theHelpOfOpenSaysTheJobCommitsWhatToTrain() {
    String usage = new CommandLine(new FactoryCommand.OpenJob()).getUsageMessage().replaceAll("\\s+", " ");
    assertThat(usage).contains("--evaluation-file", "--architecture", "--epochs", "--learning-rate", "--seed", "--budget", "--min-score",
        "trains exactly that");
  }

  @Test
  void theHelpOfRunSaysWhatItSkips() {
    String usage = new CommandLine(new FactoryCommand.RunDaemon()).getUsageMessage().replaceAll("\\s+", " ");
    assertThat(usage).contains("--once", "--from-job", "--interval", "left Open for its owner");
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

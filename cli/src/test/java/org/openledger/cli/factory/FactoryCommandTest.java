package org.openledger.cli.factory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.openledger.cli.UserError;
import org.openledger.prover.attribution.adapter.AdapterBasis;
import org.openledger.prover.factory.AdapterJob;
import org.openledger.prover.factory.LogisticFactory;
import org.openledger.prover.factory.MlpFactory;
import org.openledger.prover.lora.AdapterFactory;
import org.openledger.prover.lora.AdapterTrainer;
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
        .hasMessage("--epochs sets the MLP's or an adapter's training: add --architecture mlp or adapter, or drop --epochs");
  }

  @Test
  void architectureAdapterTrainsARank8AdapterWithAlpha16AndA32RowBasisOnTheDeployedBase() {
    assertThat(parsed("--job", "1", "--architecture", "adapter").config()).isInstanceOfSatisfying(AdapterJob.class, a -> {
      assertThat(a.config()).isEqualTo(AdapterFactory.Config.defaults());
      assertThat(a.baseVersion()).as("0: the base's deployed version").isZero();
      assertThat(a.resolved()).isFalse();
    });
  }

  @Test
  void adapterOptionsSetTheLoraRankAlphaSgdBasisAndBaseVersion() {
    assertThat(parsed("--job", "1", "--architecture", "adapter", "--lora-rank", "4", "--alpha", "8", "--epochs", "3", "--batch", "16",
        "--learning-rate", "0.1", "--seed", "7", "--rank", "12", "--damping", "0.2", "--base-version", "2").config())
        .isInstanceOfSatisfying(AdapterJob.class, a -> {
          assertThat(a.config().training()).isEqualTo(new AdapterTrainer.Config(4, 8, 3, 16, 0.1, 7));
          assertThat(a.config().basis()).isEqualTo(new AdapterBasis.Config(12, 0.2));
          assertThat(a.baseVersion()).isEqualTo(2);
        });
  }

  @Test
  void anAdapterOptionWithoutTheAdapterArchitectureIsRefusedWithTheFix() {
    assertThatThrownBy(() -> parsed("--job", "1", "--architecture", "mlp", "--lora-rank", "4").config()).isInstanceOf(UserError.class)
        .hasMessage("--lora-rank sets an adapter: add --architecture adapter, or drop --lora-rank");
  }

  @Test
  void theMlpsWidthForAnAdapterIsRefusedWithTheFix() {
    assertThatThrownBy(() -> parsed("--job", "1", "--architecture", "adapter", "--hidden", "8").config()).isInstanceOf(UserError.class)
        .hasMessageContaining("--hidden sets the MLP's width");
  }

  @Test
  void anL2PenaltyForAnAdapterIsRefused() {
    assertThatThrownBy(() -> parsed("--job", "1", "--architecture", "adapter", "--l2", "0.1").config()).isInstanceOf(UserError.class)
        .hasMessageContaining("an adapter has no L2 penalty");
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
  void theHelpOfOpenSaysWhatAnAdapterJobNeeds() {
    String usage = new CommandLine(new FactoryCommand.OpenJob()).getUsageMessage().replaceAll("\\s+", " ");
    assertThat(usage).contains("--architecture adapter", "openledger model propose --base B", "--lora-rank", "--alpha", "--base-version",
        "refused with the fix before anything is published or sent");
  }

  @Test
  void theHelpOfAttestSaysHowAnAdapterVersionIsRebuilt() {
    String usage = new CommandLine(new FactoryCommand.Attest()).getUsageMessage().replaceAll("\\s+", " ");
    assertThat(usage).contains("An adapter version", "fine-tuned again on the base version its job names", "one step of an int16 quantization");
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

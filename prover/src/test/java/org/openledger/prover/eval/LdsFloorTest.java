package org.openledger.prover.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openledger.compute.cpu.CpuBackend;
import org.openledger.prover.attribution.Dense;
import org.openledger.prover.attribution.Quantization;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.FashionMnist.Split;
import org.openledger.prover.eval.LdsEvaluation.Result;
import org.openledger.prover.eval.LdsEvaluation.Row;
import org.openledger.prover.model.LogisticRegression.Convergence;

/**
 * The CI-sized LDS run: the shipped Fashion-MNIST subset 2×2-pooled (d = 1,970), 800 train / 60
 * test, 20 contributors, 24 subsets per level, basis k = 256, λ = 10⁻². Measured when written
 * (seed 1): exact 0.941 / 0.947 (example / contributor), basis k = 256 float 0.929 / 0.938, int16
 * 0.929 / 0.938, gradient-dot 0.404 / 0.460. The floors sit about 0.05 below, so they catch a
 * broken sign, Hessian, basis or quantization, not noise. About 10 s of CPU.
 */
class LdsFloorTest {
  private static CpuBackend backend;
  private static Result result;

  @BeforeAll
  static void evaluate() {
    backend = new CpuBackend();
    var train = Pooling.pool2x2(FashionMnist.shipped(Split.TRAIN).first(800));
    var test = Pooling.pool2x2(FashionMnist.shipped(Split.TEST).first(60));
    LdsEvaluation.Config config = new LdsEvaluation.Config(20, 24, List.of(256),
        List.of(Quantization.FLOAT, Quantization.INT16), 1e-2, 1, Convergence.defaults(), 2, 16);
    result = LdsEvaluation.run(train, test, config, backend, Dense.load(), Progress.NONE, List.of(ChainScorer.factory()));
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  private static Row row(String scorer, Quantization q) {
    return result.rows().stream().filter(r -> r.scorer().equals(scorer) && r.quantization() == q).findFirst().orElseThrow();
  }

  @Test
  void exactInfluencePredictsRetrainingAtBothLevels() {
    assertThat(row("exact", Quantization.FLOAT).exampleLds()).isGreaterThan(0.89);
    assertThat(row("exact", Quantization.FLOAT).contributorLds()).isGreaterThan(0.89);
  }

  @Test
  void theWhitenedBasisKeepsMostOfTheExactSignal() {
    assertThat(row("basis", Quantization.FLOAT).exampleLds()).isGreaterThan(0.88);
    assertThat(row("basis", Quantization.FLOAT).contributorLds()).isGreaterThan(0.88);
  }

  @Test
  void int16OperandsScoreAsWellAsFloat() {
    assertThat(row("basis", Quantization.INT16).exampleLds())
        .isCloseTo(row("basis", Quantization.FLOAT).exampleLds(), within(0.01));
    assertThat(row("basis", Quantization.INT16).contributorLds())
        .isCloseTo(row("basis", Quantization.FLOAT).contributorLds(), within(0.01));
  }

  @Test
  void theChainsExactIntegerScoresKeepTheBasisSignal() {
    Row chain = result.rows().stream().filter(r -> r.scorer().startsWith("chain")).findFirst().orElseThrow();
    System.out.printf("chain integer scores: example %.3f, contributor %.3f%n", chain.exampleLds(), chain.contributorLds());
    assertThat(chain.exampleLds()).isCloseTo(row("basis", Quantization.FLOAT).exampleLds(), within(0.02));
    assertThat(chain.contributorLds()).isCloseTo(row("basis", Quantization.FLOAT).contributorLds(), within(0.02));
  }

  @Test
  void droppingTheHessianLosesTheSignal() {
    // gradient-dot is the baseline the Hessian must beat by a wide margin, or influence is mis-signed
    assertThat(row("gradient-dot", Quantization.FLOAT).exampleLds())
        .isLessThan(row("exact", Quantization.FLOAT).exampleLds() - 0.3);
  }
}

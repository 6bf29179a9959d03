package org.openledger.prover.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openledger.compute.cpu.CpuBackend;

class BatchedLoraTest {
  static CpuBackend backend;
  static final BaseMlp BASE = BaseMlp.random(7, 48, 40, 24, 10);

  @BeforeAll
  static void open() {
    backend = new CpuBackend();
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  static float[] input(SplittableRandom random, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (float) random.nextDouble();
    return x;
  }

  static void assertClose(float[] actual, double[] expected) {
    for (int c = 0; c < expected.length; c++) {
      assertThat((double) actual[c]).as("logit " + c).isCloseTo(expected[c], org.assertj.core.data.Offset.offset(1e-4 * (1 + Math.abs(expected[c]))));
    }
  }

  @Test
  void aMixedBatchGivesEachRequestItsOwnAdaptersOutput() {
    List<LoraAdapter> adapters = List.of(LoraAdapter.random(BASE, 4, 8, 1), LoraAdapter.random(BASE, 4, 8, 2), LoraAdapter.random(BASE, 2, 4, 3));
    SplittableRandom random = new SplittableRandom(11);
    List<BatchedLora.Request> batch = new ArrayList<>();
    for (int i = 0; i < 20; i++) batch.add(new BatchedLora.Request(adapters.get(random.nextInt(3)), input(random, BASE.inputs())));
    float[][] logits = BatchedLora.forward(backend, BASE, batch);
    for (int i = 0; i < batch.size(); i++) {
      assertClose(logits[i], new LoraGradient(BASE, batch.get(i).adapter()).logits(batch.get(i).input()));
    }
  }

  @Test
  void aRequestWithoutAnAdapterRunsOnTheBaseAlone() {
    LoraAdapter adapter = LoraAdapter.random(BASE, 4, 8, 1);
    float[] x = input(new SplittableRandom(3), BASE.inputs());
    float[][] mixed = BatchedLora.forward(backend, BASE, List.of(new BatchedLora.Request(adapter, x), new BatchedLora.Request(null, x)));
    float[][] alone = BatchedLora.forward(backend, BASE, List.of(new BatchedLora.Request(null, x)));
    assertThat(mixed[1]).containsExactly(alone[0], org.assertj.core.data.Offset.offset(1e-5f));
    assertThat(mixed[0]).isNotEqualTo(mixed[1]);
  }

  @Test
  void theNaiveMergedBaselineComputesTheSameOutputs() {
    List<LoraAdapter> adapters = List.of(LoraAdapter.random(BASE, 8, 16, 5), LoraAdapter.random(BASE, 8, 16, 6));
    SplittableRandom random = new SplittableRandom(13);
    List<BatchedLora.Request> batch = new ArrayList<>();
    for (int i = 0; i < 9; i++) batch.add(new BatchedLora.Request(i == 4 ? null : adapters.get(i % 2), input(random, BASE.inputs())));
    float[][] batched = BatchedLora.forward(backend, BASE, batch);
    float[][] merged = MergedBaseline.forward(backend, BASE, batch);
    for (int i = 0; i < batch.size(); i++) assertThat(merged[i]).containsExactly(batched[i], org.assertj.core.data.Offset.offset(1e-4f));
  }

  @Test
  void anAdapterOfAnotherShapeIsRefusedWithTheReason() {
    LoraAdapter other = LoraAdapter.random(BaseMlp.random(1, 48, 30, 10), 4, 8, 1);
    float[] x = new float[BASE.inputs()];
    assertThatThrownBy(() -> BatchedLora.forward(backend, BASE, List.of(new BatchedLora.Request(other, x))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
  }

  @Test
  void anInputOfTheWrongLengthIsRefusedWithBothLengths() {
    assertThatThrownBy(() -> BatchedLora.forward(backend, BASE, List.of(new BatchedLora.Request(null, new float[5]))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 inputs").hasMessageContaining("48");
  }
}

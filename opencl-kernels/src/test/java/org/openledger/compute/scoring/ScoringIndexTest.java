package org.openledger.compute.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openledger.compute.ComputeBackend;
import org.openledger.compute.testing.RandomMatrices;
import org.openledger.compute.testing.Reference;
import org.openledger.compute.testing.TestBackends;

class ScoringIndexTest {

  /** 32767² and 32767² + 1 are the same float: the ranking must still follow the exact scores. */
  @Test
  void floatRoundingNeverDecidesTheRanking() {
    Int16Matrix psi = new Int16Matrix(1, 2, new short[] {32767, 1});
    Int16Matrix contributors = new Int16Matrix(3, 2, new short[] {32767, 0, 32767, 1, 32767, -1});
    for (ComputeBackend backend : TestBackends.all()) {
      TopScores top = backend.scoreTopM(psi, contributors, 2);
      assertThat(top.contributors()).as(backend.description()).containsExactly(1, 0);
      assertThat(top.scores()).containsExactly(1073676290L, 1073676289L);
    }
  }

  @Test
  void onePreparedIndexServesManyQueries() {
    Random random = new Random(9);
    Int16Matrix contributors = RandomMatrices.int16(random, 300, 48);
    for (ComputeBackend backend : TestBackends.all()) {
      try (ScoringIndex index = backend.prepare(contributors)) {
        for (int i = 0; i < 5; i++) {
          Int16Matrix psi = RandomMatrices.int16(random, 2, 48);
          assertThat(backend.scoreTopM(psi, index, 7)).as(backend.description()).isEqualTo(Reference.topM(psi, contributors, 7));
        }
      }
    }
  }

  /** A device-resident index means nothing to the CPU backend, nor a host index to a device. */
  @Test
  void anIndexPreparedByAnotherKindOfBackendIsRefused() {
    List<? extends ComputeBackend> devices = TestBackends.openCl();
    assumeTrue(!devices.isEmpty(), "no OpenCL device on this machine");
    ComputeBackend cpu = TestBackends.all().get(0);
    ComputeBackend device = devices.get(0);
    Int16Matrix contributors = new Int16Matrix(2, 1, new short[] {1, 2});
    Int16Matrix psi = new Int16Matrix(1, 1, new short[] {1});
    try (ScoringIndex onDevice = device.prepare(contributors); ScoringIndex onHost = cpu.prepare(contributors)) {
      assertThatThrownBy(() -> cpu.scoreTopM(psi, onDevice, 1)).hasMessageContaining("another backend");
      assertThatThrownBy(() -> device.scoreTopM(psi, onHost, 1)).hasMessageContaining("another backend");
    }
  }

  @Test
  void aClosedIndexCannotBeUsed() {
    ComputeBackend cpu = TestBackends.all().get(0);
    ScoringIndex index = cpu.prepare(new Int16Matrix(2, 1, new short[] {1, 2}));
    index.close();
    assertThatThrownBy(() -> cpu.scoreTopM(new Int16Matrix(1, 1, new short[] {1}), index, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }
}

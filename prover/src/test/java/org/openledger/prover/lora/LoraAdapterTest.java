package org.openledger.prover.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.precompiles.Keccak;

class LoraAdapterTest {
  static final BaseMlp BASE = BaseMlp.random(2, 20, 12, 5);

  @Test
  void anAdapterBlobDecodesToTheSameAdapterAndItsRootIsTheBlobsKeccak() {
    LoraAdapter a = LoraAdapter.random(BASE, 4, 8, 3);
    byte[] blob = a.weightsBytes();
    LoraAdapter back = LoraAdapter.fromWeightsBytes(blob);
    assertThat(back.weightsBytes()).isEqualTo(blob);
    assertThat(back.fits(BASE)).isTrue();
    assertThat(a.weightsRoot()).isEqualTo(Bytes32.wrap(Keccak.hash(blob)));
  }

  @Test
  void aTruncatedOrForeignBlobIsRefusedWithTheReason() {
    byte[] blob = LoraAdapter.random(BASE, 4, 8, 3).weightsBytes();
    assertThatThrownBy(() -> LoraAdapter.fromWeightsBytes(Arrays.copyOf(blob, blob.length - 3))).hasMessageContaining("does not fit the blob");
    assertThatThrownBy(() -> LoraAdapter.fromWeightsBytes(BASE.weightsBytes())).hasMessageContaining("OLA1");
  }

  @Test
  void aFloatBaseBlobRoundTrips() {
    assertThat(BaseMlp.fromWeightsBytes(BASE.weightsBytes()).weightsBytes()).isEqualTo(BASE.weightsBytes());
  }

  @Test
  void aCommittedLogisticVersionServesAsABaseReturningTheSameClass() {
    short[] w = new short[3 * 4];
    for (int i = 0; i < w.length; i++) w[i] = (short) ((i * 37 % 23) - 11);
    FixedLogistic fixed = new FixedLogistic(3, 4, 8, w, new int[] {5, -3, 0});
    BaseMlp base = BaseMlp.fromWeightsBytes(fixed.weightsBytes());
    byte[][] images = {{0, 10, (byte) 200, (byte) 255}, {(byte) 255, 0, 0, 1}, {7, 7, 7, 7}};
    for (byte[] px : images) {
      float[][] z = BatchedLora.forward(new org.openledger.compute.cpu.CpuBackend(), base, java.util.List.of(new BatchedLora.Request(null, BaseMlp.pixels(px))));
      long[] exact = fixed.logits(px);
      for (int c = 0; c < 3; c++) assertThat((double) z[0][c]).isCloseTo(exact[c] / 256.0, org.assertj.core.data.Offset.offset(1e-3));
      assertThat(BatchedLora.argmax(z[0])).isEqualTo(fixed.predict(px));
    }
  }
}

package org.openledger.compute.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Int16QuantizerTest {
  @Test
  void roundsHalfToEven() {
    assertThat(Int16Quantizer.quantize(new float[] {0.5f, 1.5f, -2.5f, 2.4f}, 1)).containsExactly(0, 2, -2, 2);
  }

  @Test
  void theLargestValueMapsToTheTopOfTheRangeAtItsOwnScale() {
    float[] values = {3.25f, -1.0f, 0f};
    short[] q = Int16Quantizer.quantize(values, Int16Quantizer.scaleFor(values));
    assertThat(q[0]).isEqualTo(Short.MAX_VALUE);
  }

  @Test
  void aValueOutsideTheRangeIsAnErrorNotAClamp() {
    assertThatThrownBy(() -> Int16Quantizer.quantize(new float[] {1f, 40000f}, 1))
        .isInstanceOf(Int16Quantizer.QuantizationRangeException.class)
        .hasMessageContaining("index 1");
  }

  @Test
  void minus32768IsOutsideTheSymmetricRange() {
    assertThatThrownBy(() -> Int16Quantizer.quantize(new float[] {-32768f}, 1))
        .isInstanceOf(Int16Quantizer.QuantizationRangeException.class);
  }

  @Test
  void refusesANonPositiveScale() {
    assertThatThrownBy(() -> Int16Quantizer.quantize(new float[] {1f}, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}

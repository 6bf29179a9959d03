package org.openledger.contracts.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MlpBasisRowTest {

  /** The 3 → 2 → 3 model of FixedMlpTest. */
  private static final FixedMlp TINY = new FixedMlp(3, 2, 3, 1, 2,
      new short[] {1, -2, 3, 4, 5, -6}, new long[] {10, -20},
      new short[] {1, 2, -1, 0, 3, -4}, new long[] {0, 5, -7});

  private static final byte[] PIXELS = {1, 2, (byte) 255};

  /** Layer 1 (hidden → output): a over the 3 classes, b over the 2 activations and the bias. */
  private static final MlpBasisRow ROW = new MlpBasisRow(7, 1, 4, new short[] {2, -1, 0}, new short[] {3, 0, -1});

  @Test
  void theLeafIsPrefixIndexLayerShiftThenBothFactorsBigEndian() {
    assertThat(HexFormat.of().formatHex(ROW.leafBytes())).isEqualTo("00" + "00000007" + "01" + "04" + "0002ffff0000" + "00030000ffff");
  }

  @Test
  void decodingTheLeafGivesTheSameRow() {
    assertThat(TINY.basisRow(7, ROW.leafBytes())).isEqualTo(ROW);
  }

  @Test
  void theProjectionIsTheRoundedProductOfTheTwoFactorDotProducts() {
    FixedMlp.Gradient g = TINY.outputGradient(PIXELS);
    long out = 2 * g.delta()[0] - g.delta()[1];
    long in = 3 * 772 - (255L << 1);
    assertThat(ROW.raw(g)).isEqualTo(Rounding.shift(out * in, 4));
    assertThat(ROW.rawExact(g)).isEqualTo(BigInteger.valueOf(Rounding.shift(out * in, 4)));
  }

  @Test
  void aProjectionBeyondInt64IsRefusedNotWrapped() {
    // layer 1 at the extremes: |a · δ| = 2^15 · 2^16, |b · in| ≈ 2^15 · 2^33: the product needs ~80 bits
    FixedMlp big = new FixedMlp(1, 1, 2, 0, 0, new short[] {32767}, new long[] {FixedMlp.MAX_HIDDEN_BIAS}, new short[] {0, 0}, new long[] {0, 0});
    MlpBasisRow row = new MlpBasisRow(0, 1, 0, new short[] {32767, 0}, new short[] {32767, 0});
    FixedMlp.Gradient g = big.outputGradient(new byte[] {(byte) 255});
    assertThatThrownBy(() -> row.raw(g)).isInstanceOf(ArithmeticException.class);
    assertThat(row.rawExact(g).bitLength()).isGreaterThan(63);
  }

  @Test
  void aLeafNamingAnotherRowIsRefused() {
    assertReason(() -> TINY.basisRow(6, ROW.leafBytes()), MalformedRowException.Reason.INDEX);
  }

  @Test
  void aLeafOfTheWrongLengthForItsLayerIsRefused() {
    byte[] leaf = ROW.leafBytes();
    assertReason(() -> TINY.basisRow(7, Arrays.copyOf(leaf, leaf.length - 2)), MalformedRowException.Reason.LENGTH);
    assertReason(() -> TINY.basisRow(7, Arrays.copyOf(leaf, 5)), MalformedRowException.Reason.LENGTH);
    assertReason(() -> TINY.basisRow(7, Arrays.copyOf(leaf, leaf.length + 2)), MalformedRowException.Reason.LENGTH);
    FixedMlp wider = new FixedMlp(4, 2, 3, 1, 2, new short[8], new long[2], new short[6], new long[3]);
    byte[] asLayer0 = leaf.clone();
    asLayer0[5] = 0; // a layer-0 row of the 4 → 2 → 3 model has 2 + 5 entries, not 3 + 3
    assertReason(() -> wider.basisRow(7, asLayer0), MalformedRowException.Reason.LENGTH);
  }

  @Test
  void aLeafWithAnUnknownLayerOrAShiftBeyondTheProductsIsRefused() {
    byte[] layer = ROW.leafBytes();
    layer[5] = 2;
    assertReason(() -> TINY.basisRow(7, layer), MalformedRowException.Reason.LAYER);
    byte[] shift = ROW.leafBytes();
    shift[6] = (byte) (Rounding.MAX_PRODUCT_SHIFT + 1);
    assertReason(() -> TINY.basisRow(7, shift), MalformedRowException.Reason.SHIFT);
  }

  @Test
  void aLeafWithoutTheLeafPrefixIsRefused() {
    byte[] leaf = ROW.leafBytes();
    leaf[0] = 1;
    assertReason(() -> TINY.basisRow(7, leaf), MalformedRowException.Reason.PREFIX);
  }

  @Test
  void anMlpDoesNotReadADenseRow() {
    assertThatThrownBy(() -> TINY.psiCoordinate(new BasisRow.Dense(0, new short[3]), PIXELS, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, MalformedRowException.Reason reason) {
    assertThatThrownBy(call).isInstanceOfSatisfying(MalformedRowException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}

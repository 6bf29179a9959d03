package org.openledger.prover.attribution.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.attribution.BasisRows;

class ExactProjectorTest {
  static final int D = 37;

  static BasisRows basis(short... rows) {
    return new BasisRows(rows.length / D, D, rows, 0);
  }

  @Provide
  Arbitrary<short[]> rows() {
    return Arbitraries.oneOf(
        Arbitraries.of((short) -32768, (short) 32767).array(short[].class).ofSize(3 * D),
        Arbitraries.shorts().array(short[].class).ofSize(3 * D));
  }

  @Provide
  Arbitrary<long[]> gradients() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(-(1L << 24), 1L << 24).array(long[].class).ofSize(D),
        Arbitraries.longs().between(-(1L << 46), 1L << 46).array(long[].class).ofSize(D), // near the fast path's bound
        Arbitraries.longs().between(-(1L << 52), 1L << 52).array(long[].class).ofSize(D)); // beyond it: checked path
  }

  /**
   * Fast or checked, the projection is the exact integer dot product; it is refused only when a
   * product or a partial sum, taken in index order, really leaves int64.
   */
  @Property(tries = 300)
  void projectionIsTheExactDotProductOrRefused(@ForAll("rows") short[] rows, @ForAll("gradients") long[] g) {
    BasisRows b = basis(rows);
    long[] out;
    try {
      out = new ExactProjector(b).project(g);
    } catch (ArithmeticException e) {
      out = null;
    }
    boolean leavesInt64 = false;
    for (int j = 0; j < b.k(); j++) {
      BigInteger exact = BigInteger.ZERO;
      for (int l = 0; l < D; l++) {
        BigInteger product = BigInteger.valueOf(rows[j * D + l]).multiply(BigInteger.valueOf(g[l]));
        exact = exact.add(product);
        leavesInt64 |= product.bitLength() > 63 || exact.bitLength() > 63;
      }
      if (out != null) {
        assertThat(out[j]).isEqualTo(exact.longValueExact());
      }
    }
    assertThat(out == null).isEqualTo(leavesInt64);
  }

  @Test
  void cancellingEntriesBeyondTheBoundStillProjectExactly() {
    short[] rows = new short[D];
    rows[0] = 32767;
    rows[1] = 32767;
    rows[2] = 32767;
    long[] g = new long[D];
    g[0] = 1L << 47; // 2^47 · Σ|row| > 2^63: the fast path's bound fails, the checked path runs
    g[1] = -(1L << 47);
    g[2] = 5;
    assertThat(new ExactProjector(basis(rows)).project(g)).containsExactly(5L * 32767);
  }

  @Test
  void aSumBeyondInt64IsRefused() {
    short[] rows = new short[D];
    java.util.Arrays.fill(rows, (short) 32767);
    long[] g = new long[D];
    java.util.Arrays.fill(g, 1L << 50);
    assertThatThrownBy(() -> new ExactProjector(basis(rows)).project(g)).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void refusesAGradientOfAnotherLength() {
    assertThatThrownBy(() -> new ExactProjector(basis(new short[D])).project(new long[D + 1]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

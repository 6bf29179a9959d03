package org.openledger.prover.attribution;

import java.util.Arrays;

import org.openledger.compute.ComputeBackend;
import org.openledger.compute.linalg.DoubleMatrix;
import org.openledger.compute.linalg.SymmetricEigen;
import org.openledger.contracts.attribution.BasisRows;

/**
 * The attribution basis of DESIGN §6, {@code B = V_kᵀ H^{-1/2}} ({@code k × d}, row-major), with
 * {@code V_k} the top-{@code k} right singular vectors of the whitened gradients {@code G H^{-1/2}}
 * — so that {@code (B a)·(B b) ≈ aᵀ H⁻¹ b} on the span the training gradients occupy.
 *
 * <p>Rows are in descending singular value, so the basis of any smaller {@code k} is a prefix
 * ({@link #first}). Each row's sign makes its largest-magnitude entry positive (lowest index on
 * ties): singular vectors are defined up to sign, and attesters who rebuild the basis must land on
 * the same rows.
 *
 * @param singularValues {@code σ_1 ≥ … ≥ σ_k} of {@code G H^{-1/2}}
 */
public record WhitenedPcaBasis(int k, int d, double[] rows, double[] singularValues) {

  public WhitenedPcaBasis {
    if (k <= 0 || d <= 0 || rows.length != (long) k * d || singularValues.length != k) {
      throw new IllegalArgumentException("basis " + k + "×" + d + " does not match its arrays");
    }
  }

  /**
   * Computes the basis from the {@code n × d} gradients {@code g} on whichever side is smaller.
   * For {@code n ≤ d} (5,000 examples, 7,850 parameters) the {@code n × n} kernel
   * {@code K = G H⁻¹ Gᵀ = U diag(σ²) Uᵀ} gives {@code B = diag(1/σ) U_kᵀ G H⁻¹} — the same rows, since
   * {@code V_k = H^{-1/2} Gᵀ U_k diag(1/σ)}, and only {@code H⁻¹} is needed. For {@code n > d} the
   * {@code d × d} Gram {@code H^{-1/2} Gᵀ G H^{-1/2}} is decomposed instead.
   *
   * @throws IllegalArgumentException when {@code k} exceeds the rank of the gradients
   */
  public static WhitenedPcaBasis compute(
      double[] g, int n, HessianEigen hessian, int k, ComputeBackend backend, Dense dense) {
    return compute(g, n, hessian, k, backend, dense, n <= hessian.dimension());
  }

  /** As {@link #compute(double[], int, HessianEigen, int, ComputeBackend, Dense)} on a chosen side. */
  static WhitenedPcaBasis compute(
      double[] g, int n, HessianEigen hessian, int k, ComputeBackend backend, Dense dense, boolean kernelSide) {
    int d = hessian.dimension();
    if (g.length != (long) n * d) {
      throw new IllegalArgumentException(g.length + " gradient entries are not " + n + "×" + d);
    }
    if (k <= 0 || k > Math.min(n, d)) {
      throw new IllegalArgumentException("k = " + k + " must be in 1.." + Math.min(n, d));
    }
    double[] rows;
    double[] sigma = new double[k];
    if (kernelSide) {
      double[] y = hessian.timesPower(g, n, -1, dense); // G H⁻¹
      double[] kernel = dense.multiply(false, true, n, n, d, y, g);
      SymmetricEigen eigen = backend.symmetricEigen(new DoubleMatrix(n, n, symmetrize(kernel, n)));
      double[] top = new double[Math.multiplyExact(k, n)];
      for (int j = 0; j < k; j++) {
        sigma[j] = singular(eigen.values(), n - 1 - j, k);
        for (int i = 0; i < n; i++) {
          top[j * n + i] = eigen.vectors().get(n - 1 - j, i) / sigma[j];
        }
      }
      rows = dense.multiply(false, false, k, d, n, top, y);
    } else {
      double[] whiten = hessian.power(-0.5, dense); // H^{-1/2}
      double[] w = dense.multiply(false, false, n, d, d, g, whiten);
      double[] gram = dense.multiply(true, false, d, d, n, w, w);
      SymmetricEigen eigen = backend.symmetricEigen(new DoubleMatrix(d, d, symmetrize(gram, d)));
      double[] top = new double[Math.multiplyExact(k, d)];
      for (int j = 0; j < k; j++) {
        sigma[j] = singular(eigen.values(), d - 1 - j, k);
        System.arraycopy(eigen.vectors().data(), (d - 1 - j) * d, top, j * d, d);
      }
      rows = dense.multiply(false, false, k, d, d, top, whiten);
    }
    fixSigns(rows, k, d);
    return new WhitenedPcaBasis(k, d, rows, sigma);
  }

  /** The basis of rank {@code k'} ≤ k: the first {@code k'} rows. */
  public WhitenedPcaBasis first(int kPrime) {
    if (kPrime <= 0 || kPrime > k) {
      throw new IllegalArgumentException("cannot take " + kPrime + " of " + k + " rows");
    }
    return new WhitenedPcaBasis(kPrime, d, Arrays.copyOf(rows, kPrime * d), Arrays.copyOf(singularValues, kPrime));
  }

  /** {@code V Bᵀ}: each of the {@code count} row vectors of {@code v} projected, {@code count × k}. */
  public double[] project(double[] v, int count, Dense dense) {
    return dense.multiply(false, true, count, k, d, v, rows);
  }

  /**
   * The committed int16 rows {@code Bq = round(B · 2^s)} (half up) with the largest shift {@code s}
   * that keeps every entry within ±32767 (docs/attribution.md §3).
   */
  public BasisRows quantize() {
    double maxAbs = 0;
    for (double v : rows) {
      maxAbs = Math.max(maxAbs, Math.abs(v));
    }
    int shift = 62;
    while (shift > 0 && !fits(maxAbs, shift)) {
      shift--;
    }
    if (!fits(maxAbs, shift)) {
      throw new ArithmeticException("basis entry " + maxAbs + " does not fit int16 even at shift 0");
    }
    short[] q = new short[rows.length];
    double scale = Math.scalb(1.0, shift);
    for (int i = 0; i < rows.length; i++) {
      q[i] = (short) Math.floor(rows[i] * scale + 0.5);
    }
    return new BasisRows(k, d, q, shift);
  }

  private static boolean fits(double maxAbs, int shift) {
    double scaled = Math.scalb(maxAbs, shift);
    return Math.floor(scaled + 0.5) <= Short.MAX_VALUE && Math.floor(-scaled + 0.5) >= -Short.MAX_VALUE;
  }

  private static double singular(double[] ascending, int at, int k) {
    double mu = ascending[at];
    double largest = ascending[ascending.length - 1];
    if (!(mu > largest * 1e-12)) {
      throw new IllegalArgumentException("k = " + k + " exceeds the numerical rank of the whitened gradients");
    }
    return Math.sqrt(mu);
  }

  private static double[] symmetrize(double[] m, int n) {
    for (int r = 0; r < n; r++) {
      for (int c = r + 1; c < n; c++) {
        double v = (m[r * n + c] + m[c * n + r]) / 2;
        m[r * n + c] = v;
        m[c * n + r] = v;
      }
    }
    return m;
  }

  private static void fixSigns(double[] rows, int k, int d) {
    for (int j = 0; j < k; j++) {
      int best = 0;
      for (int l = 1; l < d; l++) {
        if (Math.abs(rows[j * d + l]) > Math.abs(rows[j * d + best])) {
          best = l;
        }
      }
      if (rows[j * d + best] < 0) {
        for (int l = 0; l < d; l++) {
          rows[j * d + l] = -rows[j * d + l];
        }
      }
    }
  }
}

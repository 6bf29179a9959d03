package org.openledger.prover.eval;

import java.util.Arrays;
import java.util.Comparator;

/** Spearman's rank correlation: Pearson's correlation of the ranks, ties given their mean rank. */
public final class Spearman {
  private Spearman() {}

  /** ρ of two equally long samples; NaN when either is constant (no ranking to compare). */
  public static double correlation(double[] a, double[] b) {
    if (a.length != b.length || a.length < 2) {
      throw new IllegalArgumentException("need two samples of equal length ≥ 2, got " + a.length + " and " + b.length);
    }
    return pearson(ranks(a), ranks(b));
  }

  static double[] ranks(double[] v) {
    Integer[] order = new Integer[v.length];
    for (int i = 0; i < v.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
    double[] r = new double[v.length];
    for (int start = 0; start < v.length; ) {
      int end = start + 1;
      while (end < v.length && v[order[end]] == v[order[start]]) {
        end++;
      }
      double mean = (start + end - 1) / 2.0 + 1;
      for (int q = start; q < end; q++) {
        r[order[q]] = mean;
      }
      start = end;
    }
    return r;
  }

  private static double pearson(double[] x, double[] y) {
    double mx = mean(x);
    double my = mean(y);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }
}

package org.openledger.prover.attribution;

import java.util.SplittableRandom;

/**
 * A partition of the training examples into the units whose influence is asked for: single examples,
 * or contributors (a contributor's influence is the sum over its examples — first-order group
 * influence is additive, DESIGN §6).
 *
 * @param groupOf the group of each example, {@code 0 ≤ groupOf[i] < count}
 */
public record Groups(int count, int[] groupOf) {

  public Groups {
    for (int g : groupOf) {
      if (g < 0 || g >= count) {
        throw new IllegalArgumentException("group " + g + " outside 0.." + (count - 1));
      }
    }
  }

  /** Every example its own group. */
  public static Groups examples(int n) {
    int[] id = new int[n];
    for (int i = 0; i < n; i++) {
      id[i] = i;
    }
    return new Groups(n, id);
  }

  /**
   * {@code contributors} owners of equal share: a Fisher–Yates shuffle of the examples seeded by
   * {@code seed}, then dealt round-robin — so each contributor holds {@code n / contributors}
   * examples (±1) drawn across classes, like a crowd of independent labellers.
   */
  public static Groups contributors(int n, int contributors, long seed) {
    if (contributors <= 0 || contributors > n) {
      throw new IllegalArgumentException(contributors + " contributors for " + n + " examples");
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] owner = new int[n];
    for (int rank = 0; rank < n; rank++) {
      owner[order[rank]] = rank % contributors;
    }
    return new Groups(contributors, owner);
  }

  public int examples() {
    return groupOf.length;
  }

  public boolean isIdentity() {
    if (count != groupOf.length) {
      return false;
    }
    for (int i = 0; i < groupOf.length; i++) {
      if (groupOf[i] != i) {
        return false;
      }
    }
    return true;
  }

  /** Per-group sums of the per-example rows of {@code v} ({@code examples × width}); {@code v} itself for singletons. */
  public double[] sum(double[] v, int width) {
    if (v.length != (long) groupOf.length * width) {
      throw new IllegalArgumentException(v.length + " values are not " + groupOf.length + "×" + width);
    }
    if (isIdentity()) {
      return v;
    }
    double[] s = new double[Math.multiplyExact(count, width)];
    for (int i = 0; i < groupOf.length; i++) {
      int to = groupOf[i] * width;
      int from = i * width;
      for (int q = 0; q < width; q++) {
        s[to + q] += v[from + q];
      }
    }
    return s;
  }

  /** The examples of the groups marked in {@code chosen}, ascending. */
  public int[] examplesOf(boolean[] chosen) {
    int size = 0;
    for (int g : groupOf) {
      if (chosen[g]) {
        size++;
      }
    }
    int[] out = new int[size];
    int at = 0;
    for (int i = 0; i < groupOf.length; i++) {
      if (chosen[groupOf[i]]) {
        out[at++] = i;
      }
    }
    return out;
  }
}

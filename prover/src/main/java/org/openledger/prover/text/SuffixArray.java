package org.openledger.prover.text;

import java.util.Arrays;

/**
 * The suffix array of a byte string by SA-IS (Nong, Zhang and Chan, "Two Efficient Algorithms for
 * Linear Time Suffix Array Construction", 2011): O(n) time, the n-int array itself plus n bits of
 * suffix types and one bucket table per recursion level. Suffixes are ordered as unsigned bytes,
 * a proper prefix before its extensions — the order libdivsufsort produces, which the text bench
 * checks byte for byte.
 */
public final class SuffixArray {
  private SuffixArray() {}

  /** {@code sa[r]} = the start of the r-th smallest suffix of {@code text}. */
  public static int[] of(byte[] text) {
    int n = text.length;
    int[] sa = new int[n];
    if (n == 1) sa[0] = 0;
    if (n > 1) sais(new Text(text, null, 0), sa, n, 256);
    return sa;
  }

  /** The level-0 bytes (unsigned) or a reduced string of names stored inside the suffix array itself. */
  private record Text(byte[] bytes, int[] ints, int offset) {
    int at(int i) {
      return bytes != null ? bytes[i] & 0xff : ints[offset + i];
    }
  }

  /**
   * Sorts the suffixes of {@code t[0, n)} (symbols below {@code k}) into {@code sa[0, n)}. A virtual
   * sentinel, smaller than every symbol, ends the string; it is never stored.
   */
  private static void sais(Text t, int[] sa, int n, int k) {
    long[] sType = types(t, n);
    int[] counts = new int[k];
    for (int i = 0; i < n; i++) counts[t.at(i)]++;
    int[] bucket = new int[k];

    // 1. put the LMS suffixes at their buckets' ends and induce: LMS substrings come out sorted
    Arrays.fill(sa, 0, n, -1);
    ends(counts, bucket);
    for (int i = n - 1; i > 0; i--) if (isLms(sType, i)) sa[--bucket[t.at(i)]] = i;
    induceL(t, sa, sType, n, counts, bucket);
    induceS(t, sa, sType, n, counts, bucket);

    // 2. compact the sorted LMS substrings to sa[0, m), name them, recurse if names repeat
    int m = 0;
    for (int i = 0; i < n; i++) if (isLms(sType, sa[i])) sa[m++] = sa[i];
    Arrays.fill(sa, m, n, -1);
    int names = 0, previous = -1;
    for (int r = 0; r < m; r++) {
      int p = sa[r];
      if (previous < 0 || !sameLmsSubstring(t, sType, n, p, previous)) names++;
      previous = p;
      sa[m + (p >> 1)] = names - 1; // LMS positions are ≥ 2 apart, so p/2 are distinct
    }
    int reduced = n - m;
    for (int i = n - 1, j = n - 1; i >= m; i--) if (sa[i] >= 0) sa[j--] = sa[i];
    if (names < m) {
      sais(new Text(null, sa, reduced), sa, m, names);
    } else {
      for (int i = 0; i < m; i++) sa[sa[reduced + i]] = i;
    }

    // 3. map ranks of the reduced string back to LMS positions, place them, induce the full order
    for (int i = 1, j = reduced; i < n; i++) if (isLms(sType, i)) sa[j++] = i;
    for (int r = 0; r < m; r++) sa[r] = sa[reduced + sa[r]];
    Arrays.fill(sa, m, n, -1);
    ends(counts, bucket);
    for (int r = m - 1; r >= 0; r--) {
      int p = sa[r];
      sa[r] = -1;
      sa[--bucket[t.at(p)]] = p;
    }
    induceL(t, sa, sType, n, counts, bucket);
    induceS(t, sa, sType, n, counts, bucket);
  }

  /** Bit i set when suffix i is S-type (smaller than suffix i+1); the last suffix is L (the sentinel follows). */
  private static long[] types(Text t, int n) {
    long[] s = new long[(n + 63) >>> 6];
    boolean next = false;
    int right = t.at(n - 1);
    for (int i = n - 2; i >= 0; i--) {
      int c = t.at(i);
      boolean sType = c < right || c == right && next;
      if (sType) s[i >>> 6] |= 1L << i;
      next = sType;
      right = c;
    }
    return s;
  }

  private static boolean isS(long[] s, int i) {
    return (s[i >>> 6] & (1L << i)) != 0;
  }

  /** Leftmost S: an S-type suffix preceded by an L-type one. */
  private static boolean isLms(long[] s, int i) {
    return i > 0 && isS(s, i) && !isS(s, i - 1);
  }

  private static void starts(int[] counts, int[] bucket) {
    for (int c = 0, sum = 0; c < counts.length; c++) {
      bucket[c] = sum;
      sum += counts[c];
    }
  }

  private static void ends(int[] counts, int[] bucket) {
    for (int c = 0, sum = 0; c < counts.length; c++) {
      sum += counts[c];
      bucket[c] = sum;
    }
  }

  // The induce passes are the hot loops (random writes over the whole array): each has a byte
  // variant for level 0 and an int variant for the reduced strings, so neither tests which it is.

  private static void induceL(Text t, int[] sa, long[] s, int n, int[] counts, int[] bucket) {
    starts(counts, bucket);
    sa[bucket[t.at(n - 1)]++] = n - 1; // the suffix before the sentinel comes first in its bucket
    if (t.bytes() != null) induceL(t.bytes(), sa, s, n, bucket);
    else induceL(t.ints(), t.offset(), sa, s, n, bucket);
  }

  private static void induceL(byte[] t, int[] sa, long[] s, int n, int[] bucket) {
    for (int r = 0; r < n; r++) {
      int j = sa[r] - 1;
      if (j < 0) continue;
      // j's type from the two symbols (adjacent in memory); the type bits only break a tie
      int c = t[j] & 0xff, next = t[j + 1] & 0xff;
      if (c > next || c == next && !isS(s, j)) sa[bucket[c]++] = j;
    }
  }

  private static void induceL(int[] t, int off, int[] sa, long[] s, int n, int[] bucket) {
    for (int r = 0; r < n; r++) {
      int j = sa[r] - 1;
      if (j < 0) continue;
      int c = t[off + j], next = t[off + j + 1];
      if (c > next || c == next && !isS(s, j)) sa[bucket[c]++] = j;
    }
  }

  private static void induceS(Text t, int[] sa, long[] s, int n, int[] counts, int[] bucket) {
    ends(counts, bucket);
    if (t.bytes() != null) induceS(t.bytes(), sa, s, n, bucket);
    else induceS(t.ints(), t.offset(), sa, s, n, bucket);
  }

  private static void induceS(byte[] t, int[] sa, long[] s, int n, int[] bucket) {
    for (int r = n - 1; r >= 0; r--) {
      int j = sa[r] - 1;
      if (j < 0) continue;
      int c = t[j] & 0xff, next = t[j + 1] & 0xff;
      if (c < next || c == next && isS(s, j)) sa[--bucket[c]] = j;
    }
  }

  private static void induceS(int[] t, int off, int[] sa, long[] s, int n, int[] bucket) {
    for (int r = n - 1; r >= 0; r--) {
      int j = sa[r] - 1;
      if (j < 0) continue;
      int c = t[off + j], next = t[off + j + 1];
      if (c < next || c == next && isS(s, j)) sa[--bucket[c]] = j;
    }
  }

  /** Whether the LMS substrings at {@code a} and {@code b} are equal in symbols and types, up to and including their next LMS position. */
  private static boolean sameLmsSubstring(Text t, long[] s, int n, int a, int b) {
    for (int d = 0; ; d++) {
      if (a + d == n || b + d == n) return false; // only one substring reaches the sentinel
      if (t.at(a + d) != t.at(b + d) || isS(s, a + d) != isS(s, b + d)) return false;
      if (d > 0 && (isLms(s, a + d) || isLms(s, b + d))) return isLms(s, a + d) && isLms(s, b + d);
    }
  }
}

package org.openledger.compute.cpu;

import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Reused float work buffers for the feature kernels. A fresh 16–32 MB array costs its zeroing and
 * first-touch page faults on every call (measured ~10 ms each at the bench's shape, 4–5% of the
 * call); a returned one is handed out again. Contents are not cleared: callers write every element
 * they read. Softly held, so the collector can take them back under memory pressure; safe for
 * concurrent callers (each take gets its own array).
 */
final class Scratch {
  /** Buffers kept between calls: one per concurrent feature call on a 2–4 thread prover. */
  private static final int KEEP = 4;

  private final ArrayDeque<SoftReference<float[]>> free = new ArrayDeque<>();

  /** An array of at least {@code length} floats, of unspecified contents. */
  synchronized float[] take(int length) {
    for (Iterator<SoftReference<float[]>> it = free.iterator(); it.hasNext(); ) {
      float[] buffer = it.next().get();
      if (buffer == null) {
        it.remove();
      } else if (buffer.length >= length) {
        it.remove();
        return buffer;
      }
    }
    return new float[length];
  }

  /** Hands a buffer back for the next {@link #take}; the oldest is dropped beyond {@link #KEEP}. */
  synchronized void give(float[] buffer) {
    free.addFirst(new SoftReference<>(buffer));
    while (free.size() > KEEP) {
      free.removeLast();
    }
  }
}

package org.openledger.telemetry;

import java.util.Arrays;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Observations counted into fixed buckets (cumulative {@code le} upper bounds on exposition, plus
 * {@code +Inf}), with their sum and count. Buckets are fixed at registration so that every scrape
 * and every node expose the same series.
 */
public final class Histogram extends Metric<Histogram.Child> {
  /** Latency buckets in seconds, from 50 µs (a cached read) to 10 s (a stuck request). */
  public static final double[] LATENCY_SECONDS = {
      0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
      1, 2.5, 10};

  private final double[] upperBounds;

  Histogram(String name, String help, double[] upperBounds, String... labelNames) {
    super(name, help, labelNames);
    if (Arrays.asList(labelNames).contains("le")) {
      throw new IllegalArgumentException("'le' is the bucket label of histogram " + name);
    }
    if (upperBounds.length == 0) {
      throw new IllegalArgumentException("histogram " + name + " needs at least one bucket");
    }
    for (int i = 0; i < upperBounds.length; i++) {
      if (Double.isNaN(upperBounds[i]) || Double.isInfinite(upperBounds[i])
          || (i > 0 && upperBounds[i] <= upperBounds[i - 1])) {
        throw new IllegalArgumentException("histogram " + name
            + " bucket bounds must be finite and strictly increasing: " + Arrays.toString(upperBounds));
      }
    }
    this.upperBounds = upperBounds.clone();
  }

  public void observe(double value) {
    labels().observe(value);
  }

  @Override
  Child newChild() {
    return new Child(upperBounds);
  }

  @Override
  String type() {
    return "histogram";
  }

  @Override
  void writeSamples(StringBuilder out, String labels, Child child) {
    String prefix = labels.isEmpty() ? "" : labels + ",";
    long cumulative = 0;
    for (int i = 0; i < upperBounds.length; i++) {
      cumulative += child.buckets[i].sum();
      TextFormat.sample(out, name() + "_bucket",
          prefix + "le=\"" + TextFormat.number(upperBounds[i]) + '"', Long.toString(cumulative));
    }
    cumulative += child.buckets[upperBounds.length].sum();
    TextFormat.sample(out, name() + "_bucket", prefix + "le=\"+Inf\"", Long.toString(cumulative));
    TextFormat.sample(out, name() + "_sum", labels, TextFormat.number(child.sum.sum()));
    // _count is the +Inf bucket by definition; deriving it keeps the two equal under a concurrent
    // observe() instead of reading a separate counter a moment later.
    TextFormat.sample(out, name() + "_count", labels, Long.toString(cumulative));
  }

  public static final class Child {
    private final double[] upperBounds;
    private final LongAdder[] buckets; // not cumulative: the last one is (last bound, +Inf)
    private final DoubleAdder sum = new DoubleAdder();

    Child(double[] upperBounds) {
      this.upperBounds = upperBounds;
      this.buckets = new LongAdder[upperBounds.length + 1];
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }

    public void observe(double value) {
      int i = Arrays.binarySearch(upperBounds, value);
      // an exact hit belongs to its own bucket (le is "less than or equal")
      buckets[i >= 0 ? i : -i - 1].increment();
      sum.add(value);
    }

    public long count() {
      long total = 0;
      for (LongAdder bucket : buckets) {
        total += bucket.sum();
      }
      return total;
    }

    public double sum() {
      return sum.sum();
    }
  }
}

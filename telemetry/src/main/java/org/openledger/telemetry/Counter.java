package org.openledger.telemetry;

import java.util.concurrent.atomic.LongAdder;

/**
 * A monotonically increasing count (requests, bytes, blocks). Integral by design: everything this
 * node counts is a whole number, and a {@link LongAdder} keeps hot-path increments uncontended.
 * By convention the name ends in {@code _total}.
 */
public final class Counter extends Metric<Counter.Child> {
  Counter(String name, String help, String... labelNames) {
    super(name, help, labelNames);
  }

  /** Increments the unlabelled counter (a counter declared without label names). */
  public void inc() {
    labels().inc();
  }

  public void inc(long amount) {
    labels().inc(amount);
  }

  public long value() {
    return labels().value();
  }

  @Override
  Child newChild() {
    return new Child();
  }

  @Override
  String type() {
    return "counter";
  }

  @Override
  void writeSamples(StringBuilder out, String labels, Child child) {
    TextFormat.sample(out, name(), labels, Long.toString(child.value()));
  }

  public static final class Child {
    private final LongAdder count = new LongAdder();

    public void inc() {
      count.increment();
    }

    public void inc(long amount) {
      if (amount < 0) {
        throw new IllegalArgumentException("a counter only goes up; got " + amount);
      }
      count.add(amount);
    }

    public long value() {
      return count.sum();
    }
  }
}

package org.openledger.telemetry;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * A value that goes up and down: either set by its owner ({@link Child#set}, {@link Child#inc},
 * {@link Child#dec}) or read from a supplier at scrape time ({@link MetricsRegistry#gauge(String,
 * String, DoubleSupplier)}), which suits values the chain already holds (head number, pool size).
 */
public final class Gauge extends Metric<Gauge.Child> {
  private final DoubleSupplier supplier;

  Gauge(String name, String help, DoubleSupplier supplier, String... labelNames) {
    super(name, help, labelNames);
    this.supplier = supplier;
  }

  public void set(double value) {
    labels().set(value);
  }

  public void inc() {
    labels().add(1);
  }

  public void dec() {
    labels().add(-1);
  }

  /** The unlabelled value (the supplier's, for a supplied gauge). */
  public double value() {
    return supplier != null ? supplier.getAsDouble() : labels().value();
  }

  @Override
  Child newChild() {
    if (supplier != null) {
      throw new UnsupportedOperationException(name() + " is read from a supplier; it cannot be set");
    }
    return new Child();
  }

  @Override
  String type() {
    return "gauge";
  }

  @Override
  void writeTo(StringBuilder out) {
    super.writeTo(out);
    if (supplier != null) {
      TextFormat.sample(out, name(), "", TextFormat.number(supplier.getAsDouble()));
    }
  }

  @Override
  void writeSamples(StringBuilder out, String labels, Child child) {
    TextFormat.sample(out, name(), labels, TextFormat.number(child.value()));
  }

  public static final class Child {
    // The double's bits, so that add() can be a lock-free compare-and-set loop.
    private final AtomicLong bits = new AtomicLong(Double.doubleToRawLongBits(0));

    public void set(double value) {
      bits.set(Double.doubleToRawLongBits(value));
    }

    public void inc() {
      add(1);
    }

    public void dec() {
      add(-1);
    }

    public void add(double delta) {
      long prev;
      long next;
      do {
        prev = bits.get();
        next = Double.doubleToRawLongBits(Double.longBitsToDouble(prev) + delta);
      } while (!bits.compareAndSet(prev, next));
    }

    public double value() {
      return Double.longBitsToDouble(bits.get());
    }
  }
}

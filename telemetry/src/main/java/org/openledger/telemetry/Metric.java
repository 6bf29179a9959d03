package org.openledger.telemetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A metric family: one name, one help text, fixed label names, and one child per distinct label
 * value tuple. Children are created on first use and live as long as the registry; callers that
 * label by client input must map it onto a bounded set first (a label per unknown string is a
 * memory leak an attacker controls).
 *
 * @param <C> the child type (what {@link #labels} returns)
 */
public abstract sealed class Metric<C> permits Counter, Gauge, Histogram {
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private final String name;
  private final String help;
  private final List<String> labelNames;
  private final Map<List<String>, C> children = new ConcurrentHashMap<>();

  Metric(String name, String help, String... labelNames) {
    if (!METRIC_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid metric name: " + name);
    }
    for (String label : labelNames) {
      if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
        throw new IllegalArgumentException("invalid label name for " + name + ": " + label);
      }
    }
    if (Arrays.stream(labelNames).distinct().count() != labelNames.length) {
      throw new IllegalArgumentException("duplicate label name for " + name);
    }
    this.name = name;
    this.help = help;
    this.labelNames = List.of(labelNames);
  }

  public final String name() {
    return name;
  }

  public final String help() {
    return help;
  }

  public final List<String> labelNames() {
    return labelNames;
  }

  /** The child for these label values (in {@link #labelNames()} order), created on first use. */
  public final C labels(String... values) {
    if (values.length != labelNames.size()) {
      throw new IllegalArgumentException(name + " takes labels " + labelNames + ", got "
          + values.length + " values");
    }
    List<String> key = List.of(values); // List.of refuses null values: a label is always a string
    C child = children.get(key);
    return child != null ? child : children.computeIfAbsent(key, k -> newChild());
  }

  abstract C newChild();

  /** The Prometheus type word of the {@code # TYPE} line. */
  abstract String type();

  /** Appends this child's sample lines; {@code labels} is the rendered label set without braces. */
  abstract void writeSamples(StringBuilder out, String labels, C child);

  void writeTo(StringBuilder out) {
    out.append("# HELP ").append(name).append(' ');
    TextFormat.escapeHelp(help, out);
    out.append('\n').append("# TYPE ").append(name).append(' ').append(type()).append('\n');
    List<Map.Entry<List<String>, C>> sorted = new ArrayList<>(children.entrySet());
    sorted.sort(Comparator.comparing(e -> String.join("\u0000", e.getKey())));
    for (Map.Entry<List<String>, C> entry : sorted) {
      StringBuilder labels = new StringBuilder();
      List<String> values = entry.getKey();
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          labels.append(',');
        }
        labels.append(labelNames.get(i)).append("=\"");
        TextFormat.escapeLabelValue(values.get(i), labels);
        labels.append('"');
      }
      writeSamples(out, labels.toString(), entry.getValue());
    }
  }
}

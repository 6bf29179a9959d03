package org.openledger.telemetry;

/** The Prometheus text exposition format 0.0.4: escaping and number rendering. */
final class TextFormat {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private TextFormat() {}

  /** HELP text escapes backslash and newline only. */
  static void escapeHelp(String s, StringBuilder out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
  }

  /** Label values escape backslash, double quote and newline. */
  static void escapeLabelValue(String s, StringBuilder out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
  }

  /** Go's ParseFloat spellings for the special values; integers without a fraction. */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /** One sample line: {@code name{labels} value}. */
  static void sample(StringBuilder out, String name, String labels, String value) {
    out.append(name);
    if (!labels.isEmpty()) {
      out.append('{').append(labels).append('}');
    }
    out.append(' ').append(value).append('\n');
  }
}

package org.openledger.telemetry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent reader of the Prometheus text format 0.0.4, strict where the format is: every
 * sample belongs to a family announced by a TYPE line, label values unescape, values parse. Tests
 * read the registry's output back through it rather than comparing strings.
 */
public final class Exposition {
  public record Sample(String name, Map<String, String> labels, double value) {}

  private final Map<String, String> types = new LinkedHashMap<>();
  private final Map<String, String> helps = new HashMap<>();
  private final List<Sample> samples = new ArrayList<>();

  public static Exposition parse(String text) {
    Exposition e = new Exposition();
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("exposition must end with a newline");
    }
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("# HELP ")) {
        String[] parts = line.substring(7).split(" ", 2);
        e.helps.put(parts[0], unescape(parts[1], false));
      } else if (line.startsWith("# TYPE ")) {
        String[] parts = line.substring(7).split(" ");
        if (e.types.put(parts[0], parts[1]) != null) {
          throw new IllegalArgumentException("second TYPE line for " + parts[0]);
        }
      } else if (line.startsWith("#")) {
        continue;
      } else {
        e.samples.add(e.sample(line));
      }
    }
    return e;
  }

  private Sample sample(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = line.substring(0, i);
    Map<String, String> labels = new LinkedHashMap<>();
    if (line.charAt(i) == '{') {
      i++;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        String label = line.substring(i, eq);
        if (line.charAt(eq + 1) != '"') {
          throw new IllegalArgumentException("unquoted label value: " + line);
        }
        StringBuilder raw = new StringBuilder();
        int j = eq + 2;
        while (line.charAt(j) != '"') {
          if (line.charAt(j) == '\\') {
            raw.append(line.charAt(j++));
          }
          raw.append(line.charAt(j++));
        }
        labels.put(label, unescape(raw.toString(), true));
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      i++;
    }
    if (line.charAt(i) != ' ') {
      throw new IllegalArgumentException("no space before the value: " + line);
    }
    String family = family(name);
    if (!types.containsKey(family)) {
      throw new IllegalArgumentException("sample before its TYPE line: " + line);
    }
    return new Sample(name, labels, parseValue(line.substring(i + 1)));
  }

  private String family(String sampleName) {
    if (types.containsKey(sampleName)) {
      return sampleName;
    }
    for (String suffix : List.of("_bucket", "_sum", "_count")) {
      if (sampleName.endsWith(suffix)) {
        String base = sampleName.substring(0, sampleName.length() - suffix.length());
        if ("histogram".equals(types.get(base))) {
          return base;
        }
      }
    }
    return sampleName;
  }

  private static double parseValue(String s) {
    return switch (s) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(s);
    };
  }

  private static String unescape(String s, boolean quotes) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char next = s.charAt(++i);
      switch (next) {
        case '\\' -> out.append('\\');
        case 'n' -> out.append('\n');
        case '"' -> {
          if (!quotes) {
            throw new IllegalArgumentException("\\\" is not an escape in HELP text");
          }
          out.append('"');
        }
        default -> throw new IllegalArgumentException("unknown escape \\" + next);
      }
    }
    return out.toString();
  }

  public String type(String family) {
    return types.get(family);
  }

  public String help(String family) {
    return helps.get(family);
  }

  public List<Sample> samples() {
    return samples;
  }

  /** The value of the one sample with this name and exactly these labels. */
  public double value(String name, Map<String, String> labels) {
    List<Sample> found = samples.stream()
        .filter(s -> s.name().equals(name) && s.labels().equals(labels)).toList();
    if (found.size() != 1) {
      throw new AssertionError(found.size() + " samples " + name + labels + " among "
          + samples.stream().filter(s -> s.name().equals(name)).toList());
    }
    return found.get(0).value();
  }

  public double value(String name) {
    return value(name, Map.of());
  }
}

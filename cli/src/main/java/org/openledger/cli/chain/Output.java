package org.openledger.cli.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a command prints: rows with named columns, shown as an aligned table or, with {@code
 * --json}, as a JSON array of objects (numbers as strings, so wei survive JavaScript).
 */
public final class Output {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final List<String> columns;
  private final List<Map<String, String>> rows = new ArrayList<>();

  public Output(String... columns) {
    this.columns = List.of(columns);
  }

  public Output row(Object... cells) {
    if (cells.length != columns.size()) throw new IllegalArgumentException("expected " + columns.size() + " cells, got " + cells.length);
    Map<String, String> row = new LinkedHashMap<>();
    for (int i = 0; i < cells.length; i++) row.put(columns.get(i), String.valueOf(cells[i]));
    rows.add(row);
    return this;
  }

  public int size() {
    return rows.size();
  }

  public void print(PrintStream out, boolean json) {
    if (json) {
      try {
        out.println(JSON.writeValueAsString(rows));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      return;
    }
    int[] width = new int[columns.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = columns.get(i).length();
      for (Map<String, String> r : rows) width[i] = Math.max(width[i], r.get(columns.get(i)).length());
    }
    line(out, columns, width);
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < width.length; i++) rule.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
    out.println(rule);
    for (Map<String, String> r : rows) line(out, new ArrayList<>(r.values()), width);
  }

  private static void line(PrintStream out, List<String> cells, int[] width) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) sb.append("  ");
      sb.append(cells.get(i)).append(" ".repeat(width[i] - cells.get(i).length()));
    }
    out.println(sb.toString().stripTrailing());
  }
}

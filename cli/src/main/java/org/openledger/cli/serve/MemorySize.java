package org.openledger.cli.serve;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code 256MiB}, {@code 1GiB}, {@code 500MB}, {@code 65536}: a byte count for {@code --adapter-memory}. */
final class MemorySize implements ITypeConverter<Long> {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?i?b?)", Pattern.CASE_INSENSITIVE);

  @Override
  public Long convert(String value) {
    Matcher m = SIZE.matcher(value.trim());
    if (!m.matches()) throw new TypeConversionException("'" + value + "' is not a size: write e.g. 256MiB, 1GiB, 500MB or a number of bytes");
    String unit = m.group(2).toLowerCase(Locale.ROOT);
    long base = unit.contains("i") ? 1024 : 1000;
    int power = unit.isEmpty() || unit.equals("b") ? 0 : "kmgt".indexOf(unit.charAt(0)) + 1;
    try {
      long n = Long.parseLong(m.group(1));
      for (int i = 0; i < power; i++) n = Math.multiplyExact(n, base);
      if (n <= 0) throw new TypeConversionException("the adapter memory must be positive, got '" + value + "'");
      return n;
    } catch (ArithmeticException | NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is too large");
    }
  }
}

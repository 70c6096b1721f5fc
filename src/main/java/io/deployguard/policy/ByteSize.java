package io.deployguard.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size in bytes, written in configuration as a number of bytes or with a unit: {@code 1GiB},
 * {@code 500MiB}, {@code 20 GB}, {@code 1.5GiB}. Binary (KiB, MiB, GiB, TiB) and decimal (kB,
 * MB, GB, TB) units are both accepted and mean what they say.
 */
public record ByteSize(long bytes) implements Comparable<ByteSize> {

  private static final Pattern SIZE =
      Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([kKmMgGtT]i?[bB]|[bB])?\\s*");

  public ByteSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("a size cannot be negative: " + bytes);
    }
  }

  public static ByteSize ofBytes(long b) {
    return new ByteSize(b);
  }

  public static ByteSize ofMiB(long m) {
    return new ByteSize(m << 20);
  }

  public static ByteSize ofGiB(long g) {
    return new ByteSize(g << 30);
  }

  /**
   * Parses {@code 1GiB}, {@code 300MB}, {@code 1024}.
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  @JsonCreator
  public static ByteSize parse(String text) {
    Matcher m = SIZE.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a size; write bytes or a number with a unit such as 500MiB, 1GiB, 2GB");
    }
    double n = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    double factor = switch (unit) {
      case "b" -> 1;
      case "kb" -> 1e3;
      case "mb" -> 1e6;
      case "gb" -> 1e9;
      case "tb" -> 1e12;
      case "kib" -> 1L << 10;
      case "mib" -> 1L << 20;
      case "gib" -> 1L << 30;
      case "tib" -> 1L << 40;
      default -> throw new IllegalArgumentException("'" + text + "' has an unknown unit");
    };
    double bytes = n * factor;
    if (bytes > Long.MAX_VALUE / 2) {
      throw new IllegalArgumentException("'" + text + "' is too large");
    }
    return new ByteSize((long) bytes);
  }

  @JsonCreator
  public static ByteSize fromNumber(long bytes) {
    return new ByteSize(bytes);
  }

  /**
   * The exact written form that {@link #parse} reads back: {@code 10GiB} when the size is a whole
   * number of a binary unit, else the bytes ({@code 1000000}).
   */
  @JsonValue
  public String exact() {
    String[] units = {"TiB", "GiB", "MiB", "KiB"};
    int[] shifts = {40, 30, 20, 10};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << shifts[i];
      if (bytes != 0 && bytes % unit == 0) {
        return (bytes / unit) + units[i];
      }
    }
    return Long.toString(bytes);
  }

  /** Human form with a binary unit and one decimal: {@code 1.5 GiB}, {@code 312.0 MiB}, {@code 12 B}. */
  public String display() {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  @Override
  public int compareTo(ByteSize o) {
    return Long.compare(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return display();
  }
}

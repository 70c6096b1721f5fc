package io.deployguard.aws;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.util.StdConverter;
import java.time.Duration;
import java.util.Locale;

/** Reads durations as written in {@code deployguard.yml}: {@code 30m}, {@code 24h}, {@code 2d} or ISO-8601 {@code PT24H}. */
public final class DurationText {
  private DurationText() {}

  /**
   * @throws IllegalArgumentException naming the accepted forms
   */
  public static Duration parse(String text) {
    String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    try {
      if (s.startsWith("p")) {
        return Duration.parse(s.toUpperCase(Locale.ROOT));
      }
      if (s.length() >= 2) {
        long n = Long.parseLong(s.substring(0, s.length() - 1));
        if (n >= 0) {
          switch (s.charAt(s.length() - 1)) {
            case 's' -> {
              return Duration.ofSeconds(n);
            }
            case 'm' -> {
              return Duration.ofMinutes(n);
            }
            case 'h' -> {
              return Duration.ofHours(n);
            }
            case 'd' -> {
              return Duration.ofDays(n);
            }
            default -> { }
          }
        }
      }
    } catch (RuntimeException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 30m, 24h, 2d or PT24H");
  }

  /**
   * A duration key as written in {@code deployguard.yml}: bound through its creator, so text that
   * is no duration is refused at its key and line. Settings keep the text ({@link AsText}).
   *
   * @param text as written
   * @param value what it means
   */
  public record Written(String text, Duration value) {
    /**
     * @throws IllegalArgumentException naming the accepted forms
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Written of(String text) {
      return new Written(text, parse(text));
    }
  }

  /**
   * As {@link #parse}, refusing no time at all: for a timeout, where {@code 0s} would stop
   * everything before it starts.
   *
   * @throws IllegalArgumentException naming the accepted forms, or that it must be longer than 0s
   */
  public static Duration positive(String text) {
    Duration d = parse(text);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("'" + text + "' is not longer than 0s (give e.g. 5m)");
    }
    return d;
  }

  /**
   * A timeout key as written in {@code deployguard.yml}: a {@link Written} duration that is longer
   * than 0s, refused at its key and line otherwise ({@link PositiveAsText}).
   *
   * @param text as written
   * @param value what it means
   */
  public record Positive(String text, Duration value) {
    /**
     * @throws IllegalArgumentException naming the accepted forms, or saying that it must be longer than 0s
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Positive of(String text) {
      return new Positive(text, positive(text));
    }
  }

  /** Binds a {@link Positive} duration and keeps its text, as the settings records hold it. */
  public static final class PositiveAsText extends StdConverter<Positive, String> {
    @Override
    public String convert(Positive written) {
      return written.text();
    }
  }

  /** Binds a {@link Written} duration and keeps its text, as the settings records hold it. */
  public static final class AsText extends StdConverter<Written, String> {
    @Override
    public String convert(Written written) {
      return written.text();
    }
  }

  /** {@code 5m}, {@code 90s}, {@code 2h}: the shortest exact form {@link #parse} reads back. */
  public static String format(Duration d) {
    long s = d.getSeconds();
    if (s % 86400 == 0 && s > 0) {
      return s / 86400 + "d";
    }
    if (s % 3600 == 0 && s > 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0 && s > 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}

package io.deployguard.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The text of a human-readable report as it is written: characters gathered in one array and
 * handed to the writer about every 64 KB, so that a report of 100,000 findings is never held whole
 * in memory. Text from an input goes in through {@link #oneLine} or {@link #printable}, which give
 * exactly what {@link Texts#oneLine} and {@link Texts#printable} give; a text that needs no
 * clean-up (nearly every one) is copied once and looked at once, with no string made for it.
 */
final class ReportText {
  private static final int DRAIN_AT = 1 << 16;
  /** Texts that repeat are few (a rule's fix, the input's path); others are not kept beyond these. */
  private static final int MAX_REPEATED = 64;

  private final Writer out;
  private final Map<String, char[]> repeated = new HashMap<>();
  private char[] chars = new char[DRAIN_AT + 1024];
  private int length;

  ReportText(Writer out) {
    this.out = out;
  }

  /** Appends {@code s} as it is: text of the report's own, never from an input. */
  ReportText append(String s) {
    int n = s.length();
    room(n);
    s.getChars(0, n, chars, length);
    length += n;
    return this;
  }

  ReportText append(char c) {
    room(1);
    chars[length++] = c;
    return this;
  }

  /** Appends the first {@code n} characters of {@code s}, as it is. */
  ReportText append(String s, int n) {
    room(n);
    s.getChars(0, n, chars, length);
    length += n;
    return this;
  }

  ReportText append(int n) {
    return append(Integer.toString(n));
  }

  /**
   * Appends {@link Texts#oneLine}{@code (s)} for a text that recurs in many findings, such as a
   * rule's fix: cleaned up once, then copied.
   */
  ReportText oneLineRepeated(String s) {
    char[] clean = repeated.get(s);
    if (clean == null) {
      int start = length;
      oneLine(s);
      if (repeated.size() < MAX_REPEATED) {
        repeated.put(s, Arrays.copyOfRange(chars, start, length));
      }
      return this;
    }
    room(clean.length);
    System.arraycopy(clean, 0, chars, length, clean.length);
    length += clean.length;
    return this;
  }

  /** Appends {@link Texts#oneLine}{@code (s)}. */
  ReportText oneLine(String s) {
    int start = copy(s);
    for (int i = start; i < length; i++) {
      char c = chars[i];
      // Printable ASCII, nearly every character, without a call: C1 inlines no method as long as kept.
      if (c >= ' ' && c < 0x7F) {
        continue;
      }
      if (c == '\n' || c == '\t' || !Texts.kept(c)) {
        length = start;
        return append(Texts.oneLine(s));
      }
    }
    return this;
  }

  /**
   * Appends {@link Texts#printable}{@code (s)} with {@code lineStart} after each of its line
   * breaks, so that a text of several lines stays indented under its first.
   */
  ReportText printable(String s, String lineStart) {
    int start = copy(s);
    for (int i = start; i < length; i++) {
      char c = chars[i];
      if (c >= ' ' && c < 0x7F) {
        continue;
      }
      if (c == '\n' || !Texts.kept(c)) {
        length = start;
        return append(Texts.printable(s).replace("\n", "\n" + lineStart));
      }
    }
    return this;
  }

  /** Hands what has been gathered to the writer once it reaches about 64 KB. */
  void drainWhenFull() throws IOException {
    if (length >= DRAIN_AT) {
      drain();
    }
  }

  /** Hands everything gathered to the writer. */
  void drain() throws IOException {
    out.write(chars, 0, length);
    length = 0;
  }

  /** Copies {@code s} to the end and returns where it starts; {@link #length} includes it. */
  private int copy(String s) {
    int start = length;
    append(s);
    return start;
  }

  private void room(int n) {
    if (length + n > chars.length) {
      chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + n));
    }
  }
}

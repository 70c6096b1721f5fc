package io.deployguard.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Resource patterns as written in configuration: {@code *} matches any run of characters
 * (dots, brackets and quotes included, so {@code module.net.*} covers every instance), {@code
 * ?} one character, everything else itself.
 *
 * <p>Matching never backtracks over stars: the pattern is split at its stars, the first part must
 * start the text, the last must end it, and each part between is taken at its leftmost place
 * after the previous one (which is always right for stars). So a pattern of m characters is
 * judged against a text of n characters in at most n x m steps, whatever the pattern
 * ({@code *_*_*_..._ZZZ} against a long address included).
 */
public final class Glob {
  private final String text;
  /** The parts between stars; one part when the pattern has no star. */
  private final List<String> parts;

  private Glob(String text) {
    this.text = text;
    List<String> p = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '*') {
        p.add(text.substring(start, i));
        start = i + 1;
      }
    }
    p.add(text.substring(start));
    this.parts = List.copyOf(p);
  }

  public static Glob of(String text) {
    return new Glob(text);
  }

  public boolean matches(String s) {
    if (parts.size() == 1) {
      return s.length() == text.length() && at(s, 0, text);
    }
    String first = parts.get(0);
    String last = parts.get(parts.size() - 1);
    if (s.length() < first.length() + last.length() || !at(s, 0, first)
        || !at(s, s.length() - last.length(), last)) {
      return false;
    }
    int pos = first.length();
    int end = s.length() - last.length();
    for (int k = 1; k < parts.size() - 1; k++) {
      String part = parts.get(k);
      int found = -1;
      for (int i = pos; i + part.length() <= end; i++) {
        if (at(s, i, part)) {
          found = i;
          break;
        }
      }
      if (found < 0) {
        return false;
      }
      pos = found + part.length();
    }
    return true;
  }

  /** Whether {@code part} ({@code ?} any one character) matches {@code s} at {@code offset}. */
  private static boolean at(String s, int offset, String part) {
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c != '?' && c != s.charAt(offset + i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return text;
  }
}

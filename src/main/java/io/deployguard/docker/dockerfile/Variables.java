package io.deployguard.docker.dockerfile;

import java.util.List;
import java.util.Map;

/**
 * Substitutes build arguments and environment variables the way the Dockerfile frontend does in
 * {@code FROM}, {@code USER} and the like: {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-word}},
 * {@code ${NAME-word}}, {@code ${NAME:+word}}, {@code ${NAME+word}}; the escape character before
 * {@code $} keeps it literal. Expansion is bounded: {@code ${...}} nests at most
 * {@value #MAX_NESTING} deep, and a {@link Budget} bounds the characters all expansions of one
 * pass may produce, so that an {@code ARG} that doubles its predecessor cannot fill the heap.
 */
final class Variables {
  private Variables() {}

  /** The deepest {@code ${A:-${B:-...}}} nesting read; real files use two or three levels. */
  static final int MAX_NESTING = 32;
  /** The characters the expansions of one pass over a Dockerfile (its parse, or one stage lineage) may produce. */
  static final int MAX_EXPANDED_CHARS = 4 << 20;

  /** Why an expansion was stopped; the caller names the file and line. */
  static final class LimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LimitException(String message) {
      super(message, null, false, false);
    }
  }

  /** What one pass of expansions may still produce. */
  static final class Budget {
    private long left;

    Budget(long chars) {
      left = chars;
    }

    static Budget standard() {
      return new Budget(MAX_EXPANDED_CHARS);
    }

    void spend(int chars) {
      left -= chars;
      if (left < 0) {
        throw new LimitException("expanding its build arguments and variables produces more than "
            + MAX_EXPANDED_CHARS + " characters (the limit for one Dockerfile stage)");
      }
    }
  }

  /** {@link #expand(String, Map, char, List, Budget)} with a budget of its own. */
  static String expand(String text, Map<String, String> values, char escape, List<String> unresolved) {
    return expand(text, values, escape, unresolved, Budget.standard());
  }

  /**
   * Expands {@code text}. A variable that is not in {@code values}, or maps to {@code null}
   * (declared without a value), expands to the empty string and is added to {@code unresolved},
   * unless a default or alternative applies.
   *
   * @throws LimitException when the nesting or the budget is exceeded
   */
  static String expand(String text, Map<String, String> values, char escape, List<String> unresolved, Budget budget) {
    if (text.indexOf('$') < 0) {
      return text;
    }
    return expand(text, values, escape, unresolved, budget, 0);
  }

  private static String expand(String text, Map<String, String> values, char escape, List<String> unresolved,
      Budget budget, int depth) {
    if (depth > MAX_NESTING) {
      throw new LimitException("its ${...} substitutions nest more than " + MAX_NESTING + " deep");
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int before = out.length();
      if (c == escape && i + 1 < text.length() && text.charAt(i + 1) == '$') {
        out.append('$');
        i += 2;
      } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
        int close = matchingBrace(text, i + 2, depth);
        if (close < 0) {
          out.append(text, i, text.length());
          break;
        }
        out.append(braced(text.substring(i + 2, close), values, escape, unresolved, budget, depth));
        i = close + 1;
      } else if (c == '$' && i + 1 < text.length() && isNameStart(text.charAt(i + 1))) {
        int j = i + 1;
        while (j < text.length() && isNamePart(text.charAt(j))) {
          j++;
        }
        out.append(lookup(text.substring(i + 1, j), values, unresolved));
        i = j;
      } else {
        out.append(c);
        i++;
      }
      budget.spend(out.length() - before);
    }
    return out.toString();
  }

  private static String braced(String inner, Map<String, String> values, char escape, List<String> unresolved,
      Budget budget, int depth) {
    int j = 0;
    while (j < inner.length() && isNamePart(inner.charAt(j))) {
      j++;
    }
    String name = inner.substring(0, j);
    String op = inner.substring(j);
    String value = values.get(name);
    boolean set = values.containsKey(name) && value != null;
    if (op.isEmpty()) {
      return lookup(name, values, unresolved);
    }
    if (op.startsWith(":-")) {
      return set && !value.isEmpty() ? value : expand(op.substring(2), values, escape, unresolved, budget, depth + 1);
    }
    if (op.startsWith("-")) {
      return set ? value : expand(op.substring(1), values, escape, unresolved, budget, depth + 1);
    }
    if (op.startsWith(":+")) {
      return set && !value.isEmpty() ? expand(op.substring(2), values, escape, unresolved, budget, depth + 1) : "";
    }
    if (op.startsWith("+")) {
      return set ? expand(op.substring(1), values, escape, unresolved, budget, depth + 1) : "";
    }
    // Pattern operators (#, %, /) are pre-release syntax; without them the value is what counts.
    return lookup(name, values, unresolved);
  }

  private static String lookup(String name, Map<String, String> values, List<String> unresolved) {
    String v = values.get(name);
    if (v == null) {
      if (!unresolved.contains(name)) {
        unresolved.add(name);
      }
      return "";
    }
    return v;
  }

  private static int matchingBrace(String s, int from, int depth) {
    int open = 1;
    for (int i = from; i < s.length(); i++) {
      if (s.charAt(i) == '{') {
        if (++open + depth > MAX_NESTING + 1) {
          throw new LimitException("its ${...} substitutions nest more than " + MAX_NESTING + " deep");
        }
      } else if (s.charAt(i) == '}' && --open == 0) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isNameStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isNamePart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}

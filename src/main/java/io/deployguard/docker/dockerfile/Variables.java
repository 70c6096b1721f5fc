package io.deployguard.docker.dockerfile;

import java.util.List;
import java.util.Map;

/**
 * Substitutes build arguments and environment variables the way the Dockerfile frontend does in
 * {@code FROM}, {@code USER} and the like: {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-word}},
 * {@code ${NAME-word}}, {@code ${NAME:+word}}, {@code ${NAME+word}}; the escape character before
 * {@code $} keeps it literal.
 */
final class Variables {
  private Variables() {}

  /**
   * Expands {@code text}. A variable that is not in {@code values}, or maps to {@code null}
   * (declared without a value), expands to the empty string and is added to {@code unresolved},
   * unless a default or alternative applies.
   */
  static String expand(String text, Map<String, String> values, char escape, List<String> unresolved) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == escape && i + 1 < text.length() && text.charAt(i + 1) == '$') {
        out.append('$');
        i += 2;
      } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
        int close = matchingBrace(text, i + 2);
        if (close < 0) {
          out.append(text, i, text.length());
          break;
        }
        out.append(braced(text.substring(i + 2, close), values, escape, unresolved));
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
    }
    return out.toString();
  }

  private static String braced(String inner, Map<String, String> values, char escape, List<String> unresolved) {
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
      return set && !value.isEmpty() ? value : expand(op.substring(2), values, escape, unresolved);
    }
    if (op.startsWith("-")) {
      return set ? value : expand(op.substring(1), values, escape, unresolved);
    }
    if (op.startsWith(":+")) {
      return set && !value.isEmpty() ? expand(op.substring(2), values, escape, unresolved) : "";
    }
    if (op.startsWith("+")) {
      return set ? expand(op.substring(1), values, escape, unresolved) : "";
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

  private static int matchingBrace(String s, int from) {
    int depth = 1;
    for (int i = from; i < s.length(); i++) {
      if (s.charAt(i) == '{') {
        depth++;
      } else if (s.charAt(i) == '}' && --depth == 0) {
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

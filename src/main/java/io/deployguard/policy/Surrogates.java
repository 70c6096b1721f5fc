package io.deployguard.policy;

/**
 * Half a UTF-16 surrogate pair without its other half, which JSON and YAML can write as an escape
 * ({@code \ud800}) but which is no character: a report would print it as {@code ?} or stop at it.
 * The readers refuse it where they read it.
 */
public final class Surrogates {
  private Surrogates() {}

  /** The index of the first lone surrogate in {@code s}, or -1 when every one has its pair. */
  public static int lone(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
    }
    return -1;
  }

  /** The fix a message of a configuration file gives for a lone surrogate. */
  public static final String FIX = "write the character itself, or both halves of its pair, such as \\ud83d\\ude00";

  /** What a message says of the lone surrogate at {@code i} of {@code s}. */
  public static String describe(String s, int i) {
    return String.format("\\u%04x, half of a UTF-16 surrogate pair without its other half, which is no character",
        (int) s.charAt(i));
  }
}

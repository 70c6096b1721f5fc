package io.deployguard.report;

import io.deployguard.policy.Finding;
import io.deployguard.policy.ScanResult;
import io.deployguard.policy.Severity;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Text clean-up and ordering shared by the human formats. */
final class Texts {
  private Texts() {}

  /**
   * Humans read the worst first: severity descending, then the result's own order. {@code
   * findings} must be in that order already ({@link ScanResult#ORDER}), as every part of a result's
   * {@link ScanResult#findings()} is, so counting them by severity sorts them.
   */
  static List<Finding> mostSevereFirst(List<Finding> findings) {
    int[] next = new int[Severity.values().length];
    for (Finding f : findings) {
      next[f.severity().ordinal()]++;
    }
    int start = 0;
    for (int s = next.length - 1; s >= 0; s--) {
      int count = next[s];
      next[s] = start;
      start += count;
    }
    Finding[] sorted = new Finding[findings.size()];
    for (Finding f : findings) {
      sorted[next[f.severity().ordinal()]++] = f;
    }
    return Arrays.asList(sorted);
  }

  /**
   * Replaces control characters (ANSI escapes from a crafted resource name included) with U+FFFD
   * so that report text cannot move the cursor or recolour a terminal; line breaks are kept as
   * {@code \n}.
   */
  static String printable(String s) {
    int clean = 0;
    while (clean < s.length() && kept(s.charAt(clean))) {
      clean++;
    }
    if (clean == s.length()) {
      // Nearly every text: no copy (a large plan's report prints 20,000 findings).
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length()).append(s, 0, clean);
    for (int i = clean; i < s.length(); i++) {
      char c = s.charAt(i);
      if (kept(c)) {
        sb.append(c);
      } else if (c == '\r') {
        if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
          continue;
        }
        sb.append('\n');
      } else {
        sb.append('\uFFFD');
      }
    }
    return sb.toString();
  }

  /**
   * Whether {@link #printable} keeps the character as it is: not an ISO control character other
   * than {@code \n} and {@code \t}, not a line or paragraph separator.
   */
  static boolean kept(char c) {
    if (c < ' ') {
      return c == '\n' || c == '\t';
    }
    return c < 0x7F || (c > 0x9F && c != '\u2028' && c != '\u2029');
  }

  /**
   * A severity as a word in a sentence or a table: {@code Critical}, {@code High}, ... {@code Info}
   * (also the GitLab security report's spelling).
   */
  static String capitalised(Severity s) {
    return s.name().charAt(0) + s.lowerName().substring(1);
  }

  /** A suppressed finding's kind and reason, {@code waiver: vendor appliance}, as JUnit and SARIF give it. */
  static String suppressedBy(Finding f) {
    return f.suppression().kind().name().toLowerCase(Locale.ROOT) + ": " + f.suppression().reason();
  }

  /** {@link #printable} on one line: line breaks become spaces. */
  static String oneLine(String s) {
    return printable(s).replace('\n', ' ').replace('\t', ' ');
  }
}

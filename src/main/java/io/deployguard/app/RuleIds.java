package io.deployguard.app;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/** "Did you mean" for rule ids: the same id in another case first, else the nearest by one edit. */
final class RuleIds {
  private RuleIds() {}

  /** {@code ; did you mean SG002?}, or empty when no id is near. */
  static String suggestion(String id, Collection<String> known) {
    String upper = id.toUpperCase(Locale.ROOT);
    return known.stream()
        .filter(k -> distance(k.toUpperCase(Locale.ROOT), upper) <= 1)
        .min(Comparator.comparingInt((String k) -> distance(k.toUpperCase(Locale.ROOT), upper))
            .thenComparing(Comparator.naturalOrder()))
        .map(k -> "; did you mean " + k + "?")
        .orElse("");
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}

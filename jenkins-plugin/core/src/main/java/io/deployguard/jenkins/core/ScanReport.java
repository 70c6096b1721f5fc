package io.deployguard.jenkins.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a step reads back from the JSON report the command line wrote (docs/json-format.md,
 * schemaVersion 1): the verdict, the threshold and the counts.
 *
 * @param verdict {@code pass}, {@code fail} or {@code error}
 * @param failOn the threshold in force
 * @param counts the {@code summary} object, keys in the report's order
 */
public record ScanReport(String verdict, Severity failOn, Map<String, Integer> counts) {
  /** The {@code summary} keys of schemaVersion 1, in its order. */
  static final List<String> COUNT_KEYS = List.of("active", "critical", "high", "medium", "low", "info", "failing",
      "suppressed", "waived", "baselined", "errors");

  /** The verdicts of schemaVersion 1. */
  private static final List<String> VERDICTS = List.of("pass", "fail", "error");

  public ScanReport {
    if (!VERDICTS.contains(verdict)) {
      throw new IllegalArgumentException("verdict must be pass, fail or error, not " + verdict);
    }
    counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }

  /**
   * The report in {@code text}.
   *
   * @param where the report's path, for the message
   * @throws IllegalArgumentException naming the report and what is wrong with it
   */
  public static ScanReport read(String text, String where) {
    Object root;
    try {
      root = Json.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": not JSON (" + e.getMessage() + ")");
    }
    if (!(root instanceof Map<?, ?> top)) {
      throw new IllegalArgumentException(where + ": not a deployguard report (no JSON object)");
    }
    Object schema = top.get("schemaVersion");
    if (!(schema instanceof Long version) || version != 1L) {
      throw new IllegalArgumentException(where + ": schemaVersion " + schema
          + " is not the 1 this plugin reads; use a plugin release that matches the deployguard version");
    }
    Object verdict = top.get("verdict");
    Object failOn = top.get("failOn");
    if (!(verdict instanceof String v) || !VERDICTS.contains(v)) {
      throw new IllegalArgumentException(where + ": verdict " + verdict + " is not pass, fail or error");
    }
    Severity threshold;
    try {
      threshold = Severity.parseOptional("failOn", failOn instanceof String s ? s : null);
    } catch (StepInputException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage());
    }
    if (threshold == null) {
      throw new IllegalArgumentException(where + ": failOn is missing");
    }
    if (!(top.get("summary") instanceof Map<?, ?> summary)) {
      throw new IllegalArgumentException(where + ": summary is missing");
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String key : COUNT_KEYS) {
      if (!(summary.get(key) instanceof Long n) || n < 0 || n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(where + ": summary." + key + " is " + summary.get(key)
            + ", not a count");
      }
      counts.put(key, n.intValue());
    }
    return new ScanReport(v, threshold, counts);
  }

  /** Active findings at {@code severity} or above. */
  public int activeAtLeast(Severity severity) {
    int n = 0;
    for (Severity s : Severity.values()) {
      if (s.compareTo(severity) >= 0) {
        n += counts.get(s.lowerName());
      }
    }
    return n;
  }
}

package io.deployguard.policy;

import java.util.Locale;

/** How bad a finding is, in ascending order; the policy fails a scan at a threshold. */
public enum Severity {
  INFO(0.0),
  LOW(3.0),
  MEDIUM(5.5),
  HIGH(8.0),
  CRITICAL(9.5);

  private final double score;

  Severity(double score) {
    this.score = score;
  }

  /** A CVSS-like score, as GitHub code scanning reads SARIF's {@code security-severity}. */
  public double score() {
    return score;
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }

  /**
   * Parses a severity name in any case.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Severity parse(String text) {
    if (text != null) {
      String upper = text.trim().toUpperCase(Locale.ROOT);
      for (Severity s : values()) {
        if (s.name().equals(upper)) {
          return s;
        }
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a severity; use one of info, low, medium, high, critical");
  }

  public String lowerName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package io.deployguard.jenkins.core;

import java.util.Locale;

/** The severities of deployguard's findings, in ascending order, as the JSON report spells them. */
public enum Severity {
  INFO,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /**
   * The severity a step parameter names, in any case; {@code null} for an empty value.
   *
   * @throws StepInputException naming the parameter and the accepted values
   */
  public static Severity parseOptional(String parameter, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String upper = value.trim().toUpperCase(Locale.ROOT);
    for (Severity s : values()) {
      if (s.name().equals(upper)) {
        return s;
      }
    }
    throw new StepInputException(parameter + ": '" + value.trim()
        + "' is not a severity; use one of info, low, medium, high, critical (or leave it empty)");
  }

  /** {@code high}, as the command line and the JSON report write it. */
  public String lowerName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

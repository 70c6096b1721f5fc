package io.deployguard.policy;

import java.util.Objects;

/**
 * A suppression written where the finding lives ({@code # deployguard:ignore=DF001 reason} in a
 * Dockerfile or a {@code .tf} file) or given on the command line ({@code --skip-rule ID=REASON}).
 * Findings it matches are reported as suppressed, with its reason; one that matches nothing is
 * reported (POL003).
 *
 * @param rule the rule id it suppresses
 * @param input the input it applies to, as findings name it, or {@code null} for every input
 * @param fromLine first line it covers, or {@code null} for the whole input
 * @param toLine last line it covers, or {@code null} for the whole input
 * @param reason why; required
 * @param source where it is written ({@code Dockerfile:3}, {@code --skip-rule})
 * @param kind {@link Finding.Suppression.Kind#INLINE} or {@link Finding.Suppression.Kind#SKIPPED}
 */
public record Ignore(String rule, String input, Integer fromLine, Integer toLine, String reason, Location source,
    Finding.Suppression.Kind kind) {

  public Ignore {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(kind, "kind");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("a suppression needs a reason");
    }
  }

  /** Whether {@code f} is of the rule, in the input and within the lines this covers. */
  public boolean matches(Finding f) {
    if (!rule.equalsIgnoreCase(f.ruleId()) || (input != null && !input.equals(f.location().input()))) {
      return false;
    }
    if (fromLine == null) {
      return true;
    }
    Integer line = f.location().line();
    return line != null && line >= fromLine && line <= toLine;
  }
}

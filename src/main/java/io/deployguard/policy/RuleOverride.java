package io.deployguard.policy;

/**
 * A configured change to one rule: switched off, or reported at another severity.
 *
 * @param enabled {@code false} drops the rule's findings; {@code null} keeps the default
 * @param severity the severity to report at; {@code null} keeps the default
 */
public record RuleOverride(Boolean enabled, Severity severity) {
  public boolean disabled() {
    return Boolean.FALSE.equals(enabled);
  }
}

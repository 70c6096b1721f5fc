package io.deployguard.policy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a rule is, kept beside its code: a stable id, a title, the default severity, why it
 * matters and how to fix a violation.
 *
 * @param id stable id such as {@code SG002}; never reused for another meaning
 * @param title one-line summary
 * @param defaultSeverity severity before configuration overrides
 * @param category capability the rule belongs to, e.g. {@code network}, {@code dockerfile}
 * @param rationale why a violation matters
 * @param fix what to change, one sentence
 */
public record RuleMetadata(
    String id, String title, Severity defaultSeverity, String category, String rationale, String fix) {

  private static final Pattern ID = Pattern.compile("[A-Z]{2,8}[0-9]{3}");

  public RuleMetadata {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("rule id '" + id + "' must look like SG001");
    }
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(defaultSeverity, "defaultSeverity");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(rationale, "rationale");
    Objects.requireNonNull(fix, "fix");
  }

  /** Where the rule is documented: its section of docs/rules.md. */
  public String helpUri() {
    return "https://github.com/deployguard/deployguard/blob/main/docs/rules.md#" + id.toLowerCase();
  }
}

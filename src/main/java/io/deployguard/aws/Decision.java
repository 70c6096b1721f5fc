package io.deployguard.aws;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What remediation decided for one live rule, and why: one entry of the audit record.
 *
 * @param ruleId the {@code sgr-} id
 * @param ruleArn the rule's ARN
 * @param groupId the group's id
 * @param groupName the group's name
 * @param direction {@code ingress} or {@code egress}
 * @param rule the rule as text ({@code ingress tcp 22 0.0.0.0/0})
 * @param outcome what happened to it
 * @param reason why, one line
 * @param violations the findings that count against the rule (empty for a clean rule)
 */
public record Decision(
    @JsonProperty("rule_id") String ruleId,
    @JsonProperty("rule_arn") String ruleArn,
    @JsonProperty("group_id") String groupId,
    @JsonProperty("group_name") String groupName,
    @JsonProperty("direction") String direction,
    @JsonProperty("rule") String rule,
    @JsonProperty("outcome") Outcome outcome,
    @JsonProperty("reason") String reason,
    @JsonProperty("violations") List<Violation> violations) {

  public Decision {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
    violations = List.copyOf(violations);
  }

  public Decision with(Outcome o, String why) {
    return new Decision(ruleId, ruleArn, groupId, groupName, direction, rule, o, why, violations);
  }

  public boolean violating() {
    return !violations.isEmpty();
  }

  /** One finding against the rule. */
  public record Violation(
      @JsonProperty("rule") String rule,
      @JsonProperty("severity") String severity,
      @JsonProperty("message") String message) {}

  /** What happened to a rule; written in lower case with dashes ({@code left-open-by-limit}). */
  public enum Outcome {
    /** Left in place: clean, egress, or its violations are below {@code revoke_at}. */
    KEPT,
    /** Every finding on it is waived in {@code deployguard.yml}. */
    WAIVED,
    /** Its exemption tag holds (a reason, and a last day not yet passed). */
    EXEMPT,
    /** Violating; a run with {@code --apply} would revoke it. */
    WOULD_REVOKE,
    /** Revoked by this run. */
    REVOKED,
    /** Violating, but the limit ({@code --max-revocations}) was spent on worse rules. */
    LEFT_OPEN_BY_LIMIT,
    /** The revocation failed or was not attempted; the reason says whether the rule is still there. */
    FAILED,
    /** Someone else removed the rule before this run could. */
    ALREADY_GONE;

    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code left open by the limit}: the wire name as words, for reports a person reads. */
    public String words() {
      return this == LEFT_OPEN_BY_LIMIT ? "left open by the limit" : wireName().replace('-', ' ');
    }
  }
}

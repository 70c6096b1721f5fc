package io.deployguard.aws;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.deployguard.policy.Finding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of remediating one target (an account in a region): a decision for every rule
 * read, whether changes were allowed, whether the limit left rules open, and every AWS call the
 * remediation made with what it answered.
 *
 * @param scope account and region
 * @param applied whether the run was allowed to change anything ({@code --apply})
 * @param maxRevocations the limit the run honoured
 * @param limitReached whether rules were left open because of the limit
 * @param decisions one per rule, sorted by group and rule id
 * @param error why the run could not do what it should (a refused permission check, the
 *     deadline), or {@code null}
 * @param worstLeftOpen the worst rule the limit left open, or {@code null}
 * @param calls the mutating calls and read-backs of this target, in order
 */
public record RemediationReport(AwsScope scope, boolean applied, int maxRevocations, boolean limitReached,
    List<Decision> decisions, String error, Decision worstLeftOpen, List<Call> calls) {

  /**
   * One AWS call remediation made and what came of it.
   *
   * @param action the IAM action, e.g. {@code ec2:RevokeSecurityGroupIngress}
   * @param dryRun whether it was the {@code DryRun} permission check
   * @param groupId the group it was about
   * @param ruleIds the rules it named
   * @param result {@code ok}, or the error code and message
   */
  public record Call(
      @JsonProperty("action") String action,
      @JsonProperty("dry_run") boolean dryRun,
      @JsonProperty("group_id") String groupId,
      @JsonProperty("rule_ids") List<String> ruleIds,
      @JsonProperty("result") String result) {
    public Call {
      ruleIds = List.copyOf(ruleIds);
    }
  }

  public RemediationReport {
    Objects.requireNonNull(scope, "scope");
    decisions = List.copyOf(decisions);
    calls = List.copyOf(calls);
  }

  public long count(Decision.Outcome outcome) {
    return decisions.stream().filter(d -> d.outcome() == outcome).count();
  }

  /** Decisions on rules with violations, in order (including ones kept as egress or below {@code revoke_at}). */
  public List<Decision> violating() {
    return decisions.stream().filter(Decision::violating).toList();
  }

  /**
   * Decisions on violating rules that remediation acted on or would have: revoked, to revoke,
   * left open by the limit, failed, already gone. These are what notifications are about; exempt
   * and waived rules are not.
   */
  public List<Decision> actionable() {
    return decisions.stream().filter(d -> switch (d.outcome()) {
      case KEPT, WAIVED, EXEMPT -> false;
      default -> true;
    }).toList();
  }

  /** The rules kept by their exemption tag. */
  public List<Decision> exempt() {
    return decisions.stream().filter(d -> d.outcome() == Decision.Outcome.EXEMPT).toList();
  }

  /** One line: {@code us-east-1/123456789012: applied; 43 rules read, 2 revoked, 1 exempt}. */
  public String summary() {
    StringBuilder sb = new StringBuilder(scope.region() + "/" + scope.account() + ": "
        + (applied ? "applied" : "dry run (nothing changed; use --apply to revoke)") + "; "
        + decisions.size() + (decisions.size() == 1 ? " rule read" : " rules read"));
    for (Decision.Outcome o : Decision.Outcome.values()) {
      long n = count(o);
      if (n > 0 && o != Decision.Outcome.KEPT) {
        sb.append(", ").append(n).append(' ').append(o.words());
      }
    }
    if (error != null) {
      sb.append("; ").append(error);
    }
    return sb.toString();
  }

  /**
   * {@code limit reached: ...} naming how many rules were left open and the worst of them, or
   * {@code null} when the limit left nothing open.
   */
  public String limitLine() {
    if (!limitReached) {
      return null;
    }
    long left = count(Decision.Outcome.LEFT_OPEN_BY_LIMIT);
    String worst = worstLeftOpen == null ? "" : "; the worst left open: " + worstLeftOpen.ruleId() + " in "
        + group(worstLeftOpen) + " (" + worstLeftOpen.rule() + ", " + worstLeftOpen.reason().split(";")[0] + ")";
    return "limit reached: --max-revocations " + maxRevocations + " left " + left + " violating rule"
        + (left == 1 ? "" : "s") + " open" + worst + "; run again with a higher limit to finish";
  }

  /**
   * REM002 on the worst rule the limit left open, or nothing when the limit left nothing open.
   */
  public java.util.Optional<Finding> limitFinding() {
    if (!limitReached || worstLeftOpen == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(Finding.builder(AwsRules.REM002).resource(worstLeftOpen.ruleId())
        .message(limitLine()).location(scope.location(worstLeftOpen.groupId())).key("limit").build());
  }

  /**
   * Every rule remediation acted on or set aside (all but {@code kept}: the findings list those),
   * one line each: its outcome ({@code revoked}, {@code would
   * revoke}, {@code exempt until DATE: reason}, {@code waived}, {@code left open by the limit},
   * {@code failed: reason} ...), the rule id, its group's name and id, and the rule.
   */
  public List<String> outcomeLines() {
    List<String> out = new ArrayList<>();
    for (Decision d : decisions) {
      if (d.outcome() == Decision.Outcome.KEPT) {
        continue;
      }
      String what = switch (d.outcome()) {
        case EXEMPT -> d.reason();
        case FAILED -> d.outcome().words() + ": " + d.reason();
        default -> d.outcome().words();
      };
      String worst = d.violations().isEmpty() ? "" : " [" + d.violations().get(0).rule() + " "
          + d.violations().get(0).severity() + "]";
      out.add(what + " - " + d.ruleId() + " in " + group(d) + ": " + d.rule() + worst);
    }
    return out;
  }

  private static String group(Decision d) {
    return "group " + (d.groupName() == null ? "" : d.groupName() + " ") + "(" + d.groupId() + ")";
  }

  /**
   * The findings with what happened to their rule added as details ({@code remediation},
   * {@code remediation_reason}), so that every report format shows the decision.
   */
  public List<Finding> annotate(List<Finding> findings) {
    Map<String, Decision> byRule = new HashMap<>();
    decisions.forEach(d -> byRule.put(d.ruleId(), d));
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings) {
      Decision d = byRule.get(f.resource());
      if (d == null) {
        out.add(f);
        continue;
      }
      Finding g = FindingDetails.with(f, Map.of("remediation", d.outcome().wireName(), "remediation_reason",
          d.reason(), "rule_arn", d.ruleArn()), f.fix());
      if (d.outcome() == Decision.Outcome.EXEMPT && (!g.suppressed()
          || g.suppression().kind() == Finding.Suppression.Kind.BASELINE)) {
        g = g.withSuppression(new Finding.Suppression(Finding.Suppression.Kind.EXEMPTION, d.reason()));
      }
      out.add(g);
    }
    return out;
  }
}

package io.deployguard.aws;

import io.deployguard.policy.Finding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of remediating one scope: a decision for every rule read, whether changes were
 * allowed, and whether the blast-radius limit stopped the run.
 *
 * @param scope account and region
 * @param applied whether the run was allowed to change anything ({@code --apply})
 * @param maxRevocations the limit the run honoured
 * @param limitReached whether rules were left in place because of the limit
 * @param decisions one per rule, sorted by group and rule id
 * @param error why the run could not do what it should (a refused permission check), or {@code null}
 */
public record RemediationReport(
    AwsScope scope, boolean applied, int maxRevocations, boolean limitReached, List<Decision> decisions, String error) {

  public RemediationReport {
    Objects.requireNonNull(scope, "scope");
    decisions = List.copyOf(decisions);
  }

  public long count(Decision.Outcome outcome) {
    return decisions.stream().filter(d -> d.outcome() == outcome).count();
  }

  /** Decisions on rules with violations, in order (including ones kept as egress or below {@code revoke_at}). */
  public List<Decision> violating() {
    return decisions.stream().filter(Decision::violating).toList();
  }

  /**
   * Decisions on violating rules that remediation acted on or would have: every outcome but
   * {@code kept}. These are what notifications list.
   */
  public List<Decision> actionable() {
    return decisions.stream().filter(d -> d.outcome() != Decision.Outcome.KEPT).toList();
  }

  /** One line: {@code us-east-1/123456789012: 2 violating, 2 revoked, 0 exempt ...}. */
  public String summary() {
    StringBuilder sb = new StringBuilder(scope.region() + "/" + scope.account() + ": "
        + (applied ? "applied" : "dry run (nothing changed; use --apply to revoke)") + "; "
        + decisions.size() + (decisions.size() == 1 ? " rule read, " : " rules read, ") + actionable().size() + " to act on");
    for (Decision.Outcome o : Decision.Outcome.values()) {
      long n = count(o);
      if (n > 0 && o != Decision.Outcome.KEPT) {
        sb.append(", ").append(n).append(' ').append(o.wireName());
      }
    }
    if (limitReached) {
      sb.append("; stopped at --max-revocations ").append(maxRevocations);
    }
    if (error != null) {
      sb.append("; ").append(error);
    }
    return sb.toString();
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
      out.add(FindingDetails.with(f, Map.of("remediation", d.outcome().wireName(), "remediation_reason", d.reason(),
          "rule_arn", d.ruleArn()), f.fix()));
    }
    return out;
  }
}

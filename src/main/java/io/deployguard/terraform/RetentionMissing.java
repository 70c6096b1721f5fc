package io.deployguard.terraform;

import io.deployguard.policy.Finding;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.util.List;

/**
 * LOG001: a log group whose events never expire. MEDIUM by default: it costs money rather than
 * exposing anything, so it is reported without failing the default HIGH threshold; raise it in
 * {@code rules:} where log spend matters. A retention known only after apply is not reported.
 */
final class RetentionMissing extends Rule.Base<LogGroup, LogSettings> {

  RetentionMissing() {
    super(METADATA);
  }

  static final RuleMetadata METADATA = new RuleMetadata(
      "LOG001",
      "Log group keeps events forever",
      Severity.MEDIUM,
      "logs",
      "Without retention_in_days CloudWatch Logs keeps every event forever and bills its storage"
          + " every month; a crash loop that logs heavily turns into a bill that keeps growing after"
          + " the incident is over.",
      "Set retention_in_days on the aws_cloudwatch_log_group (for example 30, or what your"
          + " retention policy requires).");

  @Override
  public List<Finding> check(LogGroup g, LogSettings settings) {
    if (!g.neverExpires()) {
      return List.of();
    }
    String name = g.name() == null ? "" : " '" + g.name() + "'";
    String why = g.retentionInDays() == null ? "has no retention_in_days" : "has retention_in_days = 0";
    return List.of(finding()
        .resource(g.address())
        .location(g.location())
        .key("retention_in_days")
        .message("log group" + name + " " + why + ", so its events never expire")
        .detail("retentionInDays", g.retentionInDays() == null ? "unset" : g.retentionInDays())
        .build());
  }
}

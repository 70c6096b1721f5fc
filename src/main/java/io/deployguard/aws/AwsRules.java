package io.deployguard.aws;

import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.util.List;

/** The rules of the live account checks: security-group drift and required CloudWatch alarms. */
public final class AwsRules {
  private AwsRules() {}

  public static final RuleMetadata DRIFT001 = new RuleMetadata(
      "DRIFT001",
      "Live security-group rule not declared in the plan",
      Severity.MEDIUM,
      "drift",
      "A rule added by hand outside Terraform is invisible to code review and survives until someone notices it;"
          + " the all-ports rule of the proof of concept was one.",
      "Declare the rule in the Terraform code, or revoke it.");

  public static final RuleMetadata REM001 = new RuleMetadata(
      "REM001",
      "Exemption tag has expired or cannot be read",
      Severity.HIGH,
      "remediation",
      "An exemption past its until date, without a reason, without an until date or with an unreadable one exempts nothing:"
          + " the rule it was meant to keep is judged (and revoked) like any other, and the tag misleads whoever reads it.",
      "Remove the tag, or renew it as 'REASON; until=YYYY-MM-DD' if the rule must stay.");

  public static final RuleMetadata REM002 = new RuleMetadata(
      "REM002",
      "Remediation limit left violating rules open",
      Severity.CRITICAL,
      "remediation",
      "--max-revocations stopped the run after the worst rules; the rest are still open to the internet.",
      "Run again with a higher --max-revocations (or remediate.max_revocations) to finish the job.");

  public static final RuleMetadata ALARM001 = new RuleMetadata(
      "ALARM001",
      "Required CloudWatch alarm is missing",
      Severity.HIGH,
      "alarms",
      "Without the alarm nobody is told when node disks fill up or log ingestion explodes;"
          + " the disk-pressure loop ran for five days unnoticed.",
      "Create the alarm (deployguard alarms --create-missing --apply) or add it to the Terraform code.");

  public static final RuleMetadata ALARM002 = new RuleMetadata(
      "ALARM002",
      "Required alarm notifies nobody",
      Severity.HIGH,
      "alarms",
      "An alarm whose actions are disabled, empty or point at a deleted SNS topic changes state silently.",
      "Enable the alarm's actions and point them at an existing SNS topic.");

  public static final RuleMetadata ALARM003 = new RuleMetadata(
      "ALARM003",
      "Required alarm's threshold is looser than required",
      Severity.MEDIUM,
      "alarms",
      "An alarm that fires too late (a higher threshold, the wrong direction or a smoothing statistic)"
          + " leaves too little time to act.",
      "Set the alarm's statistic, comparison and threshold to what deployguard.yml requires.");

  public static final RuleMetadata ALARM004 = new RuleMetadata(
      "ALARM004",
      "Required alarm has had insufficient data for too long",
      Severity.MEDIUM,
      "alarms",
      "An alarm stuck in INSUFFICIENT_DATA watches a metric nobody publishes: the agent is not running,"
          + " or the dimensions do not match.",
      "Check that the metric is published (CloudWatch agent, Container Insights) with the alarm's dimensions.");

  /** Every rule of this package. */
  public static final List<RuleMetadata> ALL = List.of(DRIFT001, REM001, REM002, ALARM001, ALARM002, ALARM003,
      ALARM004);
}

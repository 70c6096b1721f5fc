package io.deployguard.aws;

import io.deployguard.policy.Finding;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.RuleSet;
import io.deployguard.policy.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of the live account checks: required CloudWatch alarms (a rule set over what the
 * alarm checker read), and security-group drift and remediation (reported by those steps).
 */
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

  /** ALARM001-ALARM004, in id order: pure functions over what {@link AlarmChecker} read. */
  public static final RuleSet<RequiredAlarm, Duration> ALARMS = RuleSet.of(
      new AlarmMissing(), new AlarmSilent(), new AlarmLooser(), new AlarmInsufficientData());

  /**
   * The rules whose findings the remediation and drift steps report themselves, from what they
   * decided: there is no subject to run them over on their own.
   */
  public static final List<RuleMetadata> REMEDIATION = List.of(DRIFT001, REM001, REM002);

  /** What the alarm rules found, and the requirements no alarm watches. */
  public record AlarmFindings(List<Finding> findings, List<AlarmRequirement> missing) {
    public AlarmFindings {
      findings = List.copyOf(findings);
      missing = List.copyOf(missing);
    }
  }

  /**
   * Judges every requirement against the snapshot. Where several alarms watch a requirement, the
   * one with the fewest findings speaks for it (the first of them on a tie).
   *
   * @param defaultRegion region of requirements that do not name one
   * @param insufficientDataMax how long an alarm may sit in INSUFFICIENT_DATA
   */
  public static AlarmFindings judgeAlarms(List<AlarmRequirement> requirements, AlarmSnapshot snapshot,
      Duration insufficientDataMax, String defaultRegion) {
    List<Finding> findings = new ArrayList<>();
    List<AlarmRequirement> missing = new ArrayList<>();
    for (AlarmRequirement req : requirements) {
      String region = req.region() != null ? req.region() : defaultRegion;
      List<LiveAlarm> candidates = snapshot.alarmsIn(region).stream().filter(a -> a.watches(req)).toList();
      if (candidates.isEmpty()) {
        missing.add(req);
        findings.addAll(ALARMS.evaluate(new RequiredAlarm(req, region, null, snapshot), insufficientDataMax));
        continue;
      }
      List<Finding> best = null;
      for (LiveAlarm a : candidates) {
        List<Finding> problems = ALARMS.evaluate(new RequiredAlarm(req, region, a, snapshot), insufficientDataMax);
        if (best == null || problems.size() < best.size()) {
          best = problems;
        }
      }
      findings.addAll(best);
    }
    return new AlarmFindings(findings, missing);
  }
}

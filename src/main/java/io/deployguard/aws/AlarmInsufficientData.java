package io.deployguard.aws;

import io.deployguard.policy.Finding;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.time.Duration;
import java.util.List;

/**
 * ALARM004: a required alarm has sat in INSUFFICIENT_DATA for longer than allowed (the
 * settings: how long it may), measured to when the snapshot was read.
 */
final class AlarmInsufficientData extends WatchingAlarmRule {

  AlarmInsufficientData() {
    super(METADATA);
  }

  static final RuleMetadata METADATA = new RuleMetadata(
      "ALARM004",
      "Required alarm has had insufficient data for too long",
      Severity.MEDIUM,
      "alarms",
      "An alarm stuck in INSUFFICIENT_DATA watches a metric nobody publishes: the agent is not running,"
          + " or the dimensions do not match.",
      "Check that the metric is published (CloudWatch agent, Container Insights) with the alarm's dimensions.");

  @Override
  List<Finding> check(RequiredAlarm r, LiveAlarm a, Duration insufficientDataMax) {
    if (!"INSUFFICIENT_DATA".equals(a.state()) || a.stateUpdated() == null) {
      return List.of();
    }
    Duration stuck = Duration.between(a.stateUpdated(), r.snapshot().readAt());
    if (stuck.compareTo(insufficientDataMax) <= 0) {
      return List.of();
    }
    return List.of(r.finding(finding(), a.name(), "alarm " + a.name() + " has had insufficient data since "
        + a.stateUpdated() + " (" + hours(stuck) + "; allowed " + hours(insufficientDataMax)
        + "): is " + r.requirement().watches() + " published?"));
  }

  private static String hours(Duration d) {
    long h = d.toHours();
    return h >= 1 ? h + "h" : d.toMinutes() + "m";
  }
}

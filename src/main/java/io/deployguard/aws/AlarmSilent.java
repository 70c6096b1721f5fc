package io.deployguard.aws;

import io.deployguard.policy.Finding;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.time.Duration;
import java.util.List;

/**
 * ALARM002: a required alarm notifies nobody: its actions are disabled or empty, or it notifies
 * an SNS topic that does not exist. Only for requirements that ask for actions.
 */
final class AlarmSilent extends WatchingAlarmRule {

  AlarmSilent() {
    super(METADATA);
  }

  static final RuleMetadata METADATA = new RuleMetadata(
      "ALARM002",
      "Required alarm notifies nobody",
      Severity.HIGH,
      "alarms",
      "An alarm whose actions are disabled, empty or point at a deleted SNS topic changes state silently.",
      "Enable the alarm's actions and point them at an existing SNS topic.");

  @Override
  List<Finding> check(RequiredAlarm r, LiveAlarm a, Duration insufficientDataMax) {
    if (!r.requirement().actionsRequired()) {
      return List.of();
    }
    String why = silent(a, r.snapshot());
    return why == null ? List.of() : List.of(r.finding(finding(), a.name(), "alarm " + a.name() + " " + why));
  }

  /** Why the alarm notifies nobody, or {@code null}. */
  private static String silent(LiveAlarm a, AlarmSnapshot snapshot) {
    if (Boolean.FALSE.equals(a.actionsEnabled())) {
      return "has its actions disabled";
    }
    if (a.actions().isEmpty()) {
      return "has no alarm actions";
    }
    for (String arn : a.snsTopics()) {
      if (!snapshot.topicExists(arn)) {
        return "notifies SNS topic " + arn + ", which does not exist";
      }
    }
    return null;
  }
}

package io.deployguard.aws;

import io.deployguard.policy.Finding;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.time.Duration;
import java.util.List;

/**
 * ALARM003: a required alarm fires later than required: a looser threshold, the other direction,
 * no static threshold, or another statistic than the required one.
 */
final class AlarmLooser extends WatchingAlarmRule {

  AlarmLooser() {
    super(METADATA);
  }

  static final RuleMetadata METADATA = new RuleMetadata(
      "ALARM003",
      "Required alarm's threshold is looser than required",
      Severity.MEDIUM,
      "alarms",
      "An alarm that fires too late (a higher threshold, the wrong direction or a smoothing statistic)"
          + " leaves too little time to act.",
      "Set the alarm's statistic, comparison and threshold to what deployguard.yml requires.");

  @Override
  List<Finding> check(RequiredAlarm r, LiveAlarm a, Duration insufficientDataMax) {
    AlarmRequirement req = r.requirement();
    String looser = req.bound().looser(a.comparisonOperator(), a.threshold());
    if (looser == null && req.statistic() != null) {
      String stat = a.statisticOf(req);
      if (stat != null && !req.statistic().equalsIgnoreCase(stat)) {
        looser = "statistic " + stat + " is not the required " + req.statistic();
      }
    }
    return looser == null ? List.of() : List.of(r.finding(finding(), a.name(), "alarm " + a.name() + ": " + looser));
  }
}

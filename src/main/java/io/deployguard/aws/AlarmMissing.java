package io.deployguard.aws;

import io.deployguard.policy.Finding;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.time.Duration;
import java.util.List;

/** ALARM001: no alarm of the region watches what the requirement names. */
final class AlarmMissing extends Rule.Base<RequiredAlarm, Duration> {

  AlarmMissing() {
    super(METADATA);
  }

  static final RuleMetadata METADATA = new RuleMetadata(
      "ALARM001",
      "Required CloudWatch alarm is missing",
      Severity.HIGH,
      "alarms",
      "Without the alarm nobody is told when node disks fill up or log ingestion explodes;"
          + " the disk-pressure loop ran for five days unnoticed.",
      "Create the alarm (deployguard alarms --create-missing --apply) or add it to the Terraform code.");

  @Override
  public List<Finding> check(RequiredAlarm r, Duration insufficientDataMax) {
    if (r.alarm() != null) {
      return List.of();
    }
    AlarmRequirement req = r.requirement();
    return List.of(r.finding(finding(), req.alarmName(),
        "no alarm watches " + req.watches() + " (" + req.description() + ")"));
  }
}

package io.deployguard.aws;

import io.deployguard.policy.Finding;
import io.deployguard.policy.Location;
import java.util.Objects;

/**
 * What the alarm rules judge: one required alarm, in its region, with one of the alarms that
 * watch it ({@code null} when none does) and the snapshot it was read from.
 *
 * @param requirement the alarm that must exist
 * @param region where it must live
 * @param alarm an alarm that watches it, or {@code null} when none does
 * @param snapshot what was read from the account
 */
public record RequiredAlarm(AlarmRequirement requirement, String region, LiveAlarm alarm, AlarmSnapshot snapshot) {

  public RequiredAlarm {
    Objects.requireNonNull(requirement, "requirement");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(snapshot, "snapshot");
  }

  /** A finding of the rule {@code b} was started for, about {@code alarmName}. */
  Finding finding(Finding.Builder b, String alarmName, String message) {
    return b.resource(alarmName).message(message)
        .location(Location.pointer("cloudwatch://" + region, requirement.id()))
        .key(requirement.id())
        .detail("requirement", requirement.id())
        .detail("watches", requirement.watches())
        .detail("threshold_bound", AlarmRequirement.Bound.fmt(requirement.bound().threshold()))
        .build();
  }
}

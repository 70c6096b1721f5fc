package io.deployguard.aws;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link AlarmChecker} read from an account: the metric alarms of each region it looked at,
 * whether each SNS topic it asked about exists, and when. The alarm rules (ALARM001-ALARM004)
 * are pure functions over it.
 *
 * @param alarms the metric alarms of each region read
 * @param topics for each SNS topic ARN asked about, whether it exists
 * @param readAt the time INSUFFICIENT_DATA durations are measured to
 */
public record AlarmSnapshot(Map<String, List<LiveAlarm>> alarms, Map<String, Boolean> topics, Instant readAt) {

  public AlarmSnapshot {
    alarms = Map.copyOf(alarms);
    topics = Map.copyOf(topics);
    Objects.requireNonNull(readAt, "readAt");
  }

  /** The alarms of {@code region}. */
  public List<LiveAlarm> alarmsIn(String region) {
    List<LiveAlarm> in = alarms.get(region);
    if (in == null) {
      throw new IllegalArgumentException("the snapshot holds no alarms of region " + region + "; read it first");
    }
    return in;
  }

  /** Whether the SNS topic exists. */
  boolean topicExists(String arn) {
    Boolean exists = topics.get(arn);
    if (exists == null) {
      throw new IllegalArgumentException("the snapshot does not say whether SNS topic " + arn + " exists; read it first");
    }
    return exists;
  }

  /** How many alarms were read, over every region. */
  int alarmCount() {
    return alarms.values().stream().mapToInt(List::size).sum();
  }
}

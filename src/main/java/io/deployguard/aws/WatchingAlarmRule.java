package io.deployguard.aws;

import io.deployguard.policy.Finding;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import java.time.Duration;
import java.util.List;

/**
 * An alarm rule about the alarm that watches a requirement (ALARM002-ALARM004): silent when no
 * alarm does, which is ALARM001's to say.
 */
abstract class WatchingAlarmRule extends Rule.Base<RequiredAlarm, Duration> {

  WatchingAlarmRule(RuleMetadata metadata) {
    super(metadata);
  }

  @Override
  public final List<Finding> check(RequiredAlarm r, Duration insufficientDataMax) {
    return r.alarm() == null ? List.of() : check(r, r.alarm(), insufficientDataMax);
  }

  /** The findings on {@code alarm}, which watches {@code r}'s requirement. */
  abstract List<Finding> check(RequiredAlarm r, LiveAlarm alarm, Duration insufficientDataMax);
}

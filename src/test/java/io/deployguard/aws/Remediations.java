package io.deployguard.aws;

import io.deployguard.network.SecurityGroupRule;
import io.deployguard.policy.Severity;
import java.time.LocalDate;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Decides with {@link DecisionTable} and carries out with {@link Remediator}, as a run does, for tests of one target. */
final class Remediations {
  private Remediations() {}

  /** Judges {@code rules} with {@link WorldSshPolicy} (revoke at high, the default tag) and acts on them. */
  static RemediationReport run(Ec2Client ec2, AwsScope scope, List<SecurityGroupRule> rules, boolean apply, int max,
      LocalDate today) {
    DecisionTable.Plan plan = DecisionTable.decide(scope, rules, new WorldSshPolicy().evaluate(rules),
        new DecisionTable.Settings(Severity.HIGH, Exemption.DEFAULT_TAG, max), today);
    return new Remediator(ec2, scope, Deadline.none(), r -> { }).carryOut(plan, apply);
  }
}

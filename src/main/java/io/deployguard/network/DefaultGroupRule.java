package io.deployguard.network;

import io.deployguard.policy.Finding;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.util.List;

/**
 * SG007: a rule in a VPC's default security group ({@code aws_default_security_group}, or a live
 * group named {@code default}). One finding per rule, so that each can be revoked by its id.
 */
final class DefaultGroupRule extends Rule.Base<SecurityGroupRule, NetworkSettings> {

  DefaultGroupRule() {
    super(METADATA);
  }

  static final RuleMetadata METADATA = new RuleMetadata(
      "SG007",
      "Default security group has rules",
      Severity.MEDIUM,
      "network",
      "Resources land in the default group when no group is given; any rule there silently"
          + " applies to them. CIS AWS Foundations asks for a default group that allows nothing.",
      "Remove every ingress and egress rule from the default security group and give resources"
          + " their own groups.");

  @Override
  public List<Finding> check(SecurityGroupRule r, NetworkSettings settings) {
    if (!r.origin().defaultGroup() && !"default".equals(r.origin().groupName())) {
      return List.of();
    }
    return List.of(Exposure.finding(this, r)
        .message("the default security group has a rule: " + Exposure.phrase(r))
        .build());
  }
}

package io.deployguard.network;

import io.deployguard.policy.Finding;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.util.List;

/** SG006: all traffic may leave for the whole internet; common and often intended, so INFO. */
final class WorldEgressAll extends Rule.Base<SecurityGroupRule, NetworkSettings> {

  WorldEgressAll() {
    super(METADATA);
  }

  static final RuleMetadata METADATA = new RuleMetadata(
      "SG006",
      "All outbound traffic to the internet allowed",
      Severity.INFO,
      "network",
      "Unrestricted egress lets a compromised workload download tools and send data anywhere;"
          + " restricting it is defence in depth, not a requirement for every workload.",
      "Allow egress only to the ports and destinations the workload needs (for example 443 to"
          + " the internet, the database's security group) where that is practical.");

  @Override
  public List<Finding> check(SecurityGroupRule r, NetworkSettings settings) {
    if (r.direction() != Direction.EGRESS || !r.fromWorld() || r.ports() == null || !Exposure.allTraffic(r)) {
      return List.of();
    }
    return List.of(Exposure.finding(this, r)
        .message(Exposure.phrase(r) + " lets all outbound traffic reach the internet")
        .build());
  }
}

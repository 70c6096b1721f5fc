package io.deployguard.network;

import io.deployguard.policy.Finding;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.util.List;

/**
 * SG001: world ingress on all traffic. It subsumes SG002-SG004 for the same rule, which therefore
 * stay silent on it: one finding says everything is open.
 */
final class WorldAllTraffic extends Rule.Base<SecurityGroupRule, NetworkSettings> {

  WorldAllTraffic() {
    super(METADATA);
  }

  static final RuleMetadata METADATA = new RuleMetadata(
      "SG001",
      "Security group open to the internet on all traffic",
      Severity.CRITICAL,
      "network",
      "Every service on every instance behind the group is reachable from the whole internet,"
          + " including ones started later or by mistake; this is how an 'allow all' rule left from a"
          + " proof of concept becomes an incident.",
      "Replace the rule with one per needed port, from the narrowest source (a load balancer's"
          + " security group or known CIDRs).");

  @Override
  public List<Finding> check(SecurityGroupRule r, NetworkSettings settings) {
    if (!Exposure.worldIngress(r) || !Exposure.allTraffic(r)) {
      return List.of();
    }
    String what = r.protocol().isAll() ? "every port of every protocol" : "every " + r.protocol().displayName() + " port";
    return List.of(Exposure.finding(this, r)
        .message(Exposure.phrase(r) + ": " + what + " is open to the internet")
        .build());
  }
}

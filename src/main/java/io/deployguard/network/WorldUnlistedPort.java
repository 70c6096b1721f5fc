package io.deployguard.network;

import io.deployguard.policy.Finding;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * SG004: world ingress on ports outside {@code allowed_public_ports}. Reported once per rule,
 * for the ports that SG002 and SG003 do not already name, so that a rule opening 1-3000 gets
 * SG002 for 22, SG003 for the high-risk ports and SG004 for the rest, and one opening only 22
 * gets SG002 alone.
 */
final class WorldUnlistedPort extends Rule.Base<SecurityGroupRule, NetworkSettings> {

  WorldUnlistedPort() {
    super(METADATA);
  }

  static final RuleMetadata METADATA = new RuleMetadata(
      "SG004",
      "Port open to the internet that is not an allowed public port",
      Severity.MEDIUM,
      "network",
      "Only the ports meant to be public (by default 80 and 443) should face the internet; any"
          + " other port widens the attack surface and is usually an accident.",
      "Limit the rule to the allowed public ports, narrow its source, or add the port to"
          + " network.allowed_public_ports in deployguard.yml if it is meant to be public.");

  @Override
  public List<Finding> check(SecurityGroupRule r, NetworkSettings settings) {
    if (!Exposure.worldIngress(r) || Exposure.allTraffic(r) || !r.protocol().hasPorts()) {
      return List.of();
    }
    List<Integer> named = new ArrayList<>(settings.allowedPublicPorts());
    named.addAll(settings.adminPorts());
    named.addAll(settings.highRiskPorts());
    List<PortRange> rest = Exposure.minus(r.ports(), named);
    if (rest.isEmpty()) {
      return List.of();
    }
    String list = Exposure.summarise(rest);
    boolean one = rest.size() == 1 && rest.get(0).size() == 1;
    return List.of(Exposure.finding(this, r)
        .message(Exposure.phrase(r) + " opens port" + (one ? " " : "s ") + list
            + " to the internet, outside the allowed public ports " + settings.allowedPublicPorts())
        .detail("exposedPorts", list)
        .build());
  }
}

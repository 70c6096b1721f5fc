package io.deployguard.network;

import io.deployguard.policy.Finding;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.util.List;

/**
 * SG010: world ingress on a protocol that has no ports (GRE 47, ESP 50, AH 51, SCTP 132, any
 * number but tcp, udp, icmp and icmpv6). A port range cannot narrow such a rule, so the whole
 * protocol is open to the internet; SG001-SG004, which look at ports, would say nothing.
 */
final class PortlessProtocol extends Rule.Base<SecurityGroupRule, NetworkSettings> {

  PortlessProtocol() {
    super(METADATA);
  }

  static final RuleMetadata METADATA = new RuleMetadata(
      "SG010",
      "Protocol without ports open to the internet",
      Severity.HIGH,
      "network",
      "A rule for a protocol such as GRE, ESP, AH or SCTP cannot be limited to ports: every"
          + " service speaking it behind the group (tunnels, VPN endpoints, telephony) is reachable"
          + " from the whole internet.",
      "Limit the source to the peers that need the protocol (their CIDRs or security group), or"
          + " remove the rule.");

  @Override
  public List<Finding> check(SecurityGroupRule r, NetworkSettings settings) {
    Protocol p = r.protocol();
    if (r.direction() != Direction.INGRESS || !r.fromWorld() || p == null || p.isAll() || p.hasPorts()
        || p.number() == Protocol.ICMP.number() || p.number() == Protocol.ICMPV6.number()) {
      return List.of();
    }
    return List.of(Exposure.finding(this, r)
        .message(Exposure.phrase(r) + ": every packet of protocol " + p.number() + " is let in from the internet")
        .build());
  }
}

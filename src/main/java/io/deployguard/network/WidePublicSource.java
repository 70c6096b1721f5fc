package io.deployguard.network;

import io.deployguard.policy.Finding;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * SG005: ingress from a public (non-RFC1918) network wider than {@code wide_cidr_prefix} (but not
 * the world) to an administration or high-risk port. IPv6 networks count as wide below twice that
 * prefix (/32 by default), the size of a provider's whole allocation.
 */
final class WidePublicSource extends Rule.Base<SecurityGroupRule, NetworkSettings> {

  WidePublicSource() {
    super(METADATA);
  }

  static final RuleMetadata METADATA = new RuleMetadata(
      "SG005",
      "Sensitive port open to a wide public network",
      Severity.MEDIUM,
      "network",
      "A public range this wide holds millions of addresses owned by others (a whole provider or"
          + " cloud region); opening administration or service ports to it is close to opening them"
          + " to the internet.",
      "Narrow the source to the addresses that need access (a /32 per office or VPN egress), or use"
          + " a security-group source.");

  @Override
  public List<Finding> check(SecurityGroupRule r, NetworkSettings settings) {
    if (r.direction() != Direction.INGRESS || r.protocol() == null || r.ports() == null
        || !(r.source() instanceof Cidr c) || c.isWorld()) {
      return List.of();
    }
    int wide = c.ipv6() ? settings.wideCidrPrefix() * 2 : settings.wideCidrPrefix();
    // The prefix first: it is one comparison, and most sources of a plan are narrow.
    if (c.prefix() >= wide || !c.isPublic()) {
      return List.of();
    }
    List<Integer> sensitive = new ArrayList<>(settings.adminPorts());
    sensitive.addAll(settings.highRiskPorts());
    List<Integer> ports = Exposure.opened(r, sensitive);
    if (ports.isEmpty()) {
      return List.of();
    }
    String list = Exposure.list(ports);
    return List.of(Exposure.finding(this, r)
        .message(Exposure.phrase(r) + " opens sensitive port" + (ports.size() > 1 ? "s " : " ") + list
            + " to a public network wider than /" + wide)
        .detail("exposedPorts", list)
        .build());
  }
}

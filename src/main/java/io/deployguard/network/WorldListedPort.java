package io.deployguard.network;

import io.deployguard.policy.Finding;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.util.List;
import java.util.function.Function;

/**
 * SG002 and SG003: world ingress (short of all traffic, which is SG001) whose range covers a port
 * of a configured list. The finding names every such port.
 */
final class WorldListedPort extends Rule.Base<SecurityGroupRule, NetworkSettings> {

  static final RuleMetadata ADMIN = new RuleMetadata(
      "SG002",
      "Remote administration port open to the internet",
      Severity.CRITICAL,
      "network",
      "SSH and RDP are scanned and brute-forced within minutes of being exposed; one weak or"
          + " leaked credential gives an attacker a shell inside the VPC.",
      "Remove the rule and reach hosts through SSM Session Manager, a bastion or a VPN, or limit"
          + " the source to known administration CIDRs.");

  static final RuleMetadata HIGH_RISK = new RuleMetadata(
      "SG003",
      "High-risk service port open to the internet",
      Severity.HIGH,
      "network",
      "Databases, caches, search engines, Docker daemons and plain-text protocols on these ports"
          + " are routinely found by internet-wide scans and are often unauthenticated.",
      "Serve the port only to the security groups or private CIDRs that use it, or put it behind a"
          + " load balancer or VPN.");

  /** SG002 over {@code admin_ports}. */
  static WorldListedPort admin() {
    return new WorldListedPort(ADMIN, NetworkSettings::adminPorts, "remote-administration");
  }

  /** SG003 over {@code high_risk_ports}. */
  static WorldListedPort highRisk() {
    return new WorldListedPort(HIGH_RISK, NetworkSettings::highRiskPorts, "high-risk");
  }

  private final Function<NetworkSettings, List<Integer>> ports;
  private final String adjective;

  private WorldListedPort(RuleMetadata metadata, Function<NetworkSettings, List<Integer>> ports, String adjective) {
    super(metadata);
    this.ports = ports;
    this.adjective = adjective;
  }

  @Override
  public List<Finding> check(SecurityGroupRule r, NetworkSettings settings) {
    if (!Exposure.worldIngress(r) || Exposure.allTraffic(r)) {
      return List.of();
    }
    List<Integer> open = Exposure.opened(r, ports.apply(settings));
    if (open.isEmpty()) {
      return List.of();
    }
    String list = Exposure.list(open);
    return List.of(Exposure.finding(this, r)
        .message(Exposure.phrase(r) + " opens " + adjective + " port" + (open.size() > 1 ? "s " : " ") + list
            + " to the internet")
        .detail("exposedPorts", list)
        .build());
  }
}

package io.deployguard.network;

import io.deployguard.policy.Finding;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.util.List;

/**
 * SG008: an ingress rule whose CIDR, ports or protocol are known only after apply. Reported only
 * when some value of the unknown parts would break SG001-SG005 (unknown ports from a private
 * CIDR cannot, an unknown source on port 443 cannot), so that references to resources created in
 * the same plan do not drown the report.
 */
final class UnknownAtPlanTime extends Rule.Base<SecurityGroupRule, NetworkSettings> {

  UnknownAtPlanTime() {
    super(METADATA);
  }

  static final RuleMetadata METADATA = new RuleMetadata(
      "SG008",
      "Ingress rule cannot be verified before apply",
      Severity.MEDIUM,
      "network",
      "Part of the rule is computed during apply, so the plan cannot show whether it opens a"
          + " sensitive port to the internet; the post-deploy scan will judge the live rule.",
      "Use literal or variable values for CIDRs, ports and protocol, or run deployguard's"
          + " post-deploy scan after apply.");

  private static final List<Rule<SecurityGroupRule, NetworkSettings>> JUDGED = List.of(
      new WorldAllTraffic(), WorldListedPort.admin(), WorldListedPort.highRisk(), new WorldUnlistedPort(),
      new WidePublicSource());

  @Override
  public List<Finding> check(SecurityGroupRule r, NetworkSettings settings) {
    if (r.direction() != Direction.INGRESS || r.fullyKnown()) {
      return List.of();
    }
    SecurityGroupRule worst = new SecurityGroupRule(
        r.direction(),
        r.protocol() == null ? Protocol.ALL : r.protocol(),
        r.ports() == null ? PortRange.ALL : r.ports(),
        r.source() == null ? Cidr.WORLD_V4 : r.source(),
        r.origin(),
        r.defects());
    boolean couldFail = false;
    for (Rule<SecurityGroupRule, NetworkSettings> rule : JUDGED) {
      couldFail |= !rule.check(worst, settings).isEmpty();
    }
    if (!couldFail) {
      return List.of();
    }
    StringBuilder unknown = new StringBuilder();
    if (r.source() == null) {
      unknown.append("source");
    }
    if (r.protocol() == null) {
      unknown.append(unknown.length() > 0 ? ", " : "").append("protocol");
    }
    if (r.ports() == null) {
      unknown.append(unknown.length() > 0 ? ", " : "").append("ports");
    }
    return List.of(Exposure.finding(this, r)
        .message(Exposure.phrase(r) + ": the " + unknown + " will be known only after apply, so the rule"
            + " cannot be checked now")
        .detail("unknown", unknown)
        .build());
  }
}

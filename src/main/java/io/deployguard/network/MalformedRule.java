package io.deployguard.network;

import io.deployguard.policy.Finding;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.util.List;

/**
 * SG009: a rule the reader found malformed ({@link SecurityGroupRule#defects()}). The reader has
 * already widened it (unknown protocol as all traffic, reversed ports swapped, out-of-range ports
 * clamped, a bad CIDR as the world), so the other rules judge the widest reading too.
 */
final class MalformedRule extends Rule.Base<SecurityGroupRule, NetworkSettings> {

  MalformedRule() {
    super(METADATA);
  }

  static final RuleMetadata METADATA = new RuleMetadata(
      "SG009",
      "Malformed security-group rule",
      Severity.HIGH,
      "network",
      "A rule that AWS or the provider may read differently from its author cannot be judged as"
          + " written; deployguard assumes its widest reading, which may open far more than meant.",
      "Correct the rule: from_port <= to_port within 0-65535, a protocol of -1, tcp, udp, icmp,"
          + " icmpv6 or a number 0-255, and valid CIDRs.");

  @Override
  public List<Finding> check(SecurityGroupRule r, NetworkSettings settings) {
    if (r.defects().isEmpty()) {
      return List.of();
    }
    return List.of(Exposure.finding(this, r)
        .message("malformed " + r.direction().lowerName() + " rule (" + String.join("; ", r.defects())
            + "); judged as " + Exposure.phrase(r))
        .detail("defects", String.join("; ", r.defects()))
        .build());
  }
}

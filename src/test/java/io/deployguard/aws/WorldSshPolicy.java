package io.deployguard.aws;

import io.deployguard.network.Direction;
import io.deployguard.network.SecurityGroupRule;
import io.deployguard.policy.Finding;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * A small real policy for the live-account tests, independent of SG001-SG010: world ingress on
 * all traffic ({@code TEST001}, critical) or covering port 22 ({@code TEST002}, critical) is a
 * violation; world egress on all traffic is an info finding ({@code TEST003}).
 */
public final class WorldSshPolicy implements SecurityGroupPolicy {

  public static final RuleMetadata ALL_TRAFFIC = new RuleMetadata("TEST001", "World ingress on all traffic",
      Severity.CRITICAL, "network", "test", "Restrict the rule.");
  public static final RuleMetadata SSH = new RuleMetadata("TEST002", "World ingress on SSH",
      Severity.CRITICAL, "network", "test", "Restrict the rule.");
  public static final RuleMetadata EGRESS = new RuleMetadata("TEST003", "World egress on all traffic",
      Severity.INFO, "network", "test", "Restrict the rule.");
  public static final List<RuleMetadata> RULES = List.of(ALL_TRAFFIC, SSH, EGRESS);

  @Override
  public List<RuleMetadata> rules() {
    return RULES;
  }

  @Override
  public List<Finding> evaluate(List<SecurityGroupRule> rules) {
    List<Finding> out = new ArrayList<>();
    for (SecurityGroupRule r : rules) {
      if (!r.fromWorld() || r.protocol() == null) {
        continue;
      }
      RuleMetadata m = null;
      if (r.direction() == Direction.EGRESS) {
        m = r.protocol().isAll() ? EGRESS : null;
      } else if (r.protocol().isAll() || (r.protocol().hasPorts() && r.ports().coversAll())) {
        m = ALL_TRAFFIC;
      } else if (r.opensPort(22)) {
        m = SSH;
      }
      if (m != null) {
        out.add(Finding.builder(m).resource(r.origin().resource()).message(r.describe() + " is open to the world")
            .location(r.origin().location()).key(r.describe()).build());
      }
    }
    return out;
  }
}

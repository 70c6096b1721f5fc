package io.deployguard.aws;

import io.deployguard.network.SecurityGroupRule;
import io.deployguard.network.Source;
import io.deployguard.policy.Finding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares live rules with the rules a Terraform plan declares. A live rule matches a declared
 * one with the same group (id when both know it, else name), direction, protocol, port range
 * (for protocols with ports) and source; a declared part still unknown at plan time matches
 * anything. Only groups the plan declares are compared: a group the plan does not mention is
 * not this plan's business.
 */
public final class Drift {
  private Drift() {}

  /** The fix added to findings on a rule that the plan itself declares. */
  public static final String DECLARED_NOTE = "fix the Terraform code too, or the next apply will add it back";

  /**
   * @param findings DRIFT001 for each live rule of a declared group that the plan does not declare
   * @param declaredBy live rule id -> the plan address that declares it
   */
  public record Result(List<Finding> findings, Map<String, String> declaredBy) {
    public Result {
      findings = List.copyOf(findings);
      declaredBy = Map.copyOf(declaredBy);
    }

    /**
     * Marks findings on rules the plan declares with {@link #DECLARED_NOTE} and the plan address,
     * so that a revoked rule is also fixed at its source.
     */
    public List<Finding> markDeclared(List<Finding> in) {
      List<Finding> out = new ArrayList<>();
      for (Finding f : in) {
        String address = declaredBy.get(f.resource());
        if (address == null) {
          out.add(f);
          continue;
        }
        out.add(FindingDetails.with(f, Map.of("declared_in_plan", address, "terraform", DECLARED_NOTE),
            f.fix() + " Declared at " + address + ": " + DECLARED_NOTE + "."));
      }
      return out;
    }
  }

  public static Result compare(List<SecurityGroupRule> live, List<SecurityGroupRule> declared) {
    Set<String> ids = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (SecurityGroupRule d : declared) {
      if (d.origin().groupId() != null) {
        ids.add(d.origin().groupId());
      }
      if (d.origin().groupName() != null) {
        names.add(d.origin().groupName());
      }
    }
    List<Finding> findings = new ArrayList<>();
    Map<String, String> declaredBy = new HashMap<>();
    for (SecurityGroupRule l : live) {
      if (!ids.contains(l.origin().groupId()) && !names.contains(l.origin().groupName())) {
        continue;
      }
      SecurityGroupRule match = declared.stream().filter(d -> matches(l, d)).findFirst().orElse(null);
      if (match != null) {
        declaredBy.put(l.origin().resource(), match.origin().resource());
        continue;
      }
      findings.add(Finding.builder(AwsRules.DRIFT001)
          .resource(l.origin().resource())
          .message(l.describe() + " on " + group(l) + " is live but not declared in the plan")
          .location(l.origin().location())
          .key(l.describe())
          .detail("group_id", l.origin().groupId())
          .detail("group_name", l.origin().groupName())
          .build());
    }
    return new Result(findings, declaredBy);
  }

  static boolean matches(SecurityGroupRule live, SecurityGroupRule d) {
    if (live.direction() != d.direction()) {
      return false;
    }
    if (d.origin().groupId() != null && live.origin().groupId() != null) {
      if (!d.origin().groupId().equals(live.origin().groupId())) {
        return false;
      }
    } else if (d.origin().groupName() != null && !d.origin().groupName().equals(live.origin().groupName())) {
      return false;
    }
    if (d.protocol() != null && !d.protocol().equals(live.protocol())) {
      return false;
    }
    if (d.protocol() != null && d.ports() != null && d.protocol().hasPorts()
        && !d.effectivePorts().equals(live.effectivePorts())) {
      return false;
    }
    return d.source() == null || sameSource(live, d);
  }

  private static boolean sameSource(SecurityGroupRule live, SecurityGroupRule d) {
    Source a = normalise(live.source(), live.origin().groupId());
    Source b = normalise(d.source(), live.origin().groupId());
    return a.equals(b);
  }

  private static Source normalise(Source s, String ownGroup) {
    return s instanceof Source.Group g && g.id().equals(ownGroup) ? new Source.Self() : s;
  }

  private static String group(SecurityGroupRule r) {
    return r.origin().groupId() + (r.origin().groupName() == null ? "" : " (" + r.origin().groupName() + ")");
  }
}

package io.deployguard.network;

import io.deployguard.policy.Finding;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The security-group rules SG001-SG010, in one explicit list, and the one entry point that the
 * plan scanner and the live scanner both call, so a rule gets the same verdict before and after
 * deploy.
 *
 * <p>How the rules share a rule between them: all traffic from the world is SG001 alone;
 * otherwise SG002 names the administration ports, SG003 the high-risk ports and SG004 the
 * remaining ports outside {@code allowed_public_ports}, each at most once per rule. SG009 adds to
 * whatever the widened reading of a malformed rule gets; SG007 adds to whatever a rule of the
 * default group gets.
 */
public final class NetworkRules {
  private NetworkRules() {}

  private static final List<Rule<SecurityGroupRule, NetworkSettings>> RULES = List.of(
      new WorldAllTraffic(),
      WorldListedPort.admin(),
      WorldListedPort.highRisk(),
      new WorldUnlistedPort(),
      new WidePublicSource(),
      new WorldEgressAll(),
      new DefaultGroupRule(),
      new UnknownAtPlanTime(),
      new MalformedRule(),
      new PortlessProtocol());

  /** The rules that judge traffic from the world, and so judge a set of sources that reach most of it. */
  private static final List<Rule<SecurityGroupRule, NetworkSettings>> WORLD_RULES = List.of(
      new WorldAllTraffic(),
      WorldListedPort.admin(),
      WorldListedPort.highRisk(),
      new WorldUnlistedPort(),
      new WorldEgressAll(),
      new PortlessProtocol());

  private static final java.util.Set<String> WORLD_IDS = ids(WORLD_RULES);

  /** Metadata of SG001-SG010, in id order. */
  public static final List<RuleMetadata> ALL = metadata(RULES);

  /** The metadata of {@code rules}, in order. */
  public static <T, C> List<RuleMetadata> metadata(List<? extends Rule<T, C>> rules) {
    List<RuleMetadata> out = new ArrayList<>(rules.size());
    for (Rule<T, C> r : rules) {
      out.add(r.metadata());
    }
    return List.copyOf(out);
  }

  private static java.util.Set<String> ids(List<Rule<SecurityGroupRule, NetworkSettings>> rules) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (Rule<SecurityGroupRule, NetworkSettings> r : rules) {
      out.add(r.metadata().id());
    }
    return java.util.Set.copyOf(out);
  }

  /** Every finding of SG001-SG010 on {@code rules}, at default severities, in input order. */
  public static List<Finding> evaluate(List<SecurityGroupRule> rules, NetworkSettings settings) {
    Map<SecurityGroupRule, WorldReach.Reach> reach = WorldReach.of(rules);
    List<Finding> out = new ArrayList<>();
    for (SecurityGroupRule r : rules) {
      WorldReach.Reach wide = reach.get(r);
      if (wide == null) {
        for (Rule<SecurityGroupRule, NetworkSettings> rule : RULES) {
          out.addAll(rule.check(r, settings));
        }
        continue;
      }
      // Judged as the world it (nearly) is; SG005 would only repeat that at a lower severity.
      for (Rule<SecurityGroupRule, NetworkSettings> rule : RULES) {
        if (!WORLD_IDS.contains(rule.metadata().id()) && !(rule instanceof WidePublicSource)) {
          out.addAll(rule.check(r, settings));
        }
      }
      SecurityGroupRule asWorld = wide.asWorld(r);
      for (Rule<SecurityGroupRule, NetworkSettings> rule : WORLD_RULES) {
        for (Finding f : rule.check(asWorld, settings)) {
          out.add(wide.reword(f, r, asWorld));
        }
      }
    }
    return out;
  }
}

package io.deployguard.network;

import io.deployguard.policy.Finding;
import io.deployguard.policy.Futures;
import io.deployguard.policy.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

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

  /** SG001-SG010, in id order. */
  public static final RuleSet<SecurityGroupRule, NetworkSettings> RULES = RuleSet.of(
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
  private static final Set<String> WORLD_IDS = Set.of("SG001", "SG002", "SG003", "SG004", "SG006", "SG010");

  private static final RuleSet<SecurityGroupRule, NetworkSettings> WORLD_RULES =
      RULES.only(r -> WORLD_IDS.contains(r.metadata().id()));

  /** The rest, less SG005: a rule judged as the world would only get SG005's lower-severity repeat. */
  private static final RuleSet<SecurityGroupRule, NetworkSettings> BESIDE_WORLD =
      RULES.only(r -> !WORLD_IDS.contains(r.metadata().id()) && !(r instanceof WidePublicSource));

  /** Plans with fewer rules are judged on one thread: a second would not pay for itself. */
  static final int PARALLEL_FROM = 20_000;

  /**
   * Every finding of SG001-SG010 on {@code rules}, at default severities, in input order. Many
   * rules are judged in two halves, the second on another thread (the rules are pure functions of
   * a rule and the settings), and the findings joined in order; an error of a rule is thrown as it
   * would be on one thread.
   */
  public static List<Finding> evaluate(List<SecurityGroupRule> rules, NetworkSettings settings) {
    Map<SecurityGroupRule, WorldReach.Reach> reach = WorldReach.of(rules);
    int n = rules.size();
    if (n < PARALLEL_FROM || Runtime.getRuntime().availableProcessors() < 2) {
      return judge(rules, reach, settings);
    }
    FutureTask<List<Finding>> second = new FutureTask<>(() -> judge(rules.subList(n / 2, n), reach, settings));
    Thread t = new Thread(second, "deployguard-judge");
    t.setDaemon(true);
    t.start();
    List<Finding> out = judge(rules.subList(0, n / 2), reach, settings);
    try {
      out.addAll(second.get());
    } catch (ExecutionException e) {
      throw Futures.unwrapped(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while judging security-group rules", e);
    }
    return out;
  }

  /** The findings of {@code rules} on this thread, in order. */
  static List<Finding> judge(List<SecurityGroupRule> rules, Map<SecurityGroupRule, WorldReach.Reach> reach,
      NetworkSettings settings) {
    List<Finding> out = new ArrayList<>();
    for (SecurityGroupRule r : rules) {
      WorldReach.Reach wide = reach.get(r);
      if (wide == null) {
        RULES.evaluate(r, settings, out);
        continue;
      }
      // Judged as the world it (nearly) is; SG005 would only repeat that at a lower severity.
      BESIDE_WORLD.evaluate(r, settings, out);
      SecurityGroupRule asWorld = wide.asWorld(r);
      for (Finding f : WORLD_RULES.evaluate(asWorld, settings)) {
        out.add(wide.reword(f, r, asWorld));
      }
    }
    return out;
  }
}

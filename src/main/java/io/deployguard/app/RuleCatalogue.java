package io.deployguard.app;

import io.deployguard.aws.AwsRules;
import io.deployguard.capacity.CapacityRules;
import io.deployguard.docker.dockerfile.DockerfileRules;
import io.deployguard.docker.image.ImageRules;
import io.deployguard.network.NetworkRules;
import io.deployguard.policy.PolicyEngine;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.RuleSet;
import io.deployguard.terraform.LogRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every rule deployguard has, in one explicit list (no classpath scanning), sorted by id. */
public final class RuleCatalogue {
  private RuleCatalogue() {}

  /** Every family's rule set: the rules that run over a subject. */
  public static final List<RuleSet<?, ?>> RULE_SETS = List.of(
      NetworkRules.RULES,
      LogRules.RULES,
      DockerfileRules.RULES,
      ImageRules.RULES,
      CapacityRules.RULES,
      AwsRules.ALARMS);

  /**
   * The rules whose findings an engine reports from what it decided (waivers and suppressions,
   * drift and remediation), with no subject of their own to run over.
   */
  public static final List<RuleMetadata> REPORTED_BY_ENGINES = concat(PolicyEngine.RULES, AwsRules.REMEDIATION);

  public static List<RuleMetadata> all() {
    List<RuleMetadata> all = new ArrayList<>(REPORTED_BY_ENGINES);
    RULE_SETS.forEach(s -> all.addAll(s.metadata()));
    all.sort(Comparator.comparing(RuleMetadata::id));
    return List.copyOf(all);
  }

  private static List<RuleMetadata> concat(List<RuleMetadata> a, List<RuleMetadata> b) {
    List<RuleMetadata> out = new ArrayList<>(a);
    out.addAll(b);
    return List.copyOf(out);
  }
}

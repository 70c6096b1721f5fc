package io.deployguard.app;

import io.deployguard.policy.PolicyEngine;
import io.deployguard.policy.RuleMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every rule deployguard has, in one explicit list (no classpath scanning), sorted by id. */
public final class RuleCatalogue {
  private RuleCatalogue() {}

  public static List<RuleMetadata> all() {
    List<RuleMetadata> all = new ArrayList<>();
    all.addAll(PolicyEngine.RULES);
    all.addAll(io.deployguard.docker.dockerfile.DockerfileRules.METADATA);
    all.addAll(io.deployguard.aws.AwsRules.ALL);
    all.addAll(io.deployguard.docker.image.ImageRules.METADATA);
    all.addAll(io.deployguard.terraform.PlanScanner.RULES);
    all.add(io.deployguard.capacity.EvictionRiskRule.METADATA);
    all.sort(Comparator.comparing(RuleMetadata::id));
    return List.copyOf(all);
  }
}

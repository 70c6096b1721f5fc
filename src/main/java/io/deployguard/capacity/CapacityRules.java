package io.deployguard.capacity;

import io.deployguard.policy.RuleSet;

/** The capacity rules (EKS001) in one explicit list. */
public final class CapacityRules {
  private CapacityRules() {}

  /** EKS001, in id order. */
  public static final RuleSet<EvictionRiskRule.Input, EksSettings> RULES = RuleSet.of(new EvictionRiskRule());
}

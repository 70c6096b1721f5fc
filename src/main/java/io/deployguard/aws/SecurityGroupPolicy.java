package io.deployguard.aws;

import io.deployguard.network.NetworkRules;
import io.deployguard.network.NetworkSettings;
import io.deployguard.network.SecurityGroupRule;
import io.deployguard.policy.Finding;
import io.deployguard.policy.RuleMetadata;
import java.util.List;
import java.util.function.Function;

/**
 * The security-group policy the live scan, the remediation and the Lambda judge rules with: a pure
 * function from rules to findings whose {@link Finding#resource()} is the rule's {@code
 * Origin.resource()} (the live {@code sgr-} id). Given to this package rather than looked up, so
 * that the same code runs with SG001-SG010 in production and with a small policy in tests.
 */
@FunctionalInterface
public interface SecurityGroupPolicy {

  List<Finding> evaluate(List<SecurityGroupRule> rules);

  /** The metadata of every rule this policy can report (for reports that list rules). */
  default List<RuleMetadata> rules() {
    return List.of();
  }

  /** A policy of the given rules and evaluation function. */
  static SecurityGroupPolicy of(List<RuleMetadata> rules, Function<List<SecurityGroupRule>, List<Finding>> evaluate) {
    List<RuleMetadata> copy = List.copyOf(rules);
    return new SecurityGroupPolicy() {
      @Override
      public List<Finding> evaluate(List<SecurityGroupRule> r) {
        return evaluate.apply(r);
      }

      @Override
      public List<RuleMetadata> rules() {
        return copy;
      }
    };
  }

  /** SG001-SG010 with the given port settings: the policy every front end uses. */
  static SecurityGroupPolicy standard(NetworkSettings settings) {
    return of(NetworkRules.RULES.metadata(), rules -> NetworkRules.evaluate(rules, settings));
  }
}

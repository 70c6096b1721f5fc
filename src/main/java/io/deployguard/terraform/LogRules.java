package io.deployguard.terraform;

import io.deployguard.policy.Finding;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import java.util.ArrayList;
import java.util.List;

/** The log-group rules (LOG001) in one explicit list, and their entry point. */
public final class LogRules {
  private LogRules() {}

  private static final List<Rule<LogGroup, LogSettings>> RULES = List.of(new RetentionMissing());

  /** Metadata of the log-group rules, in id order. */
  public static final List<RuleMetadata> ALL = io.deployguard.network.NetworkRules.metadata(RULES);

  /** Every finding of the log-group rules on {@code groups}, at default severities. */
  public static List<Finding> evaluate(List<LogGroup> groups, LogSettings settings) {
    List<Finding> out = new ArrayList<>();
    for (LogGroup g : groups) {
      for (Rule<LogGroup, LogSettings> rule : RULES) {
        out.addAll(rule.check(g, settings));
      }
    }
    return out;
  }
}

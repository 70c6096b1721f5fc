package io.deployguard.terraform;

import io.deployguard.policy.RuleSet;

/** The log-group rules (LOG001) in one explicit list. */
public final class LogRules {
  private LogRules() {}

  /** LOG001, in id order. */
  public static final RuleSet<LogGroup, LogSettings> RULES = RuleSet.of(new RetentionMissing());
}

package io.deployguard.aws;

import io.deployguard.policy.Finding;
import java.util.HashMap;
import java.util.Map;

/** Adds facts learnt after a rule ran (what remediation did, where the plan declares the rule) to its findings. */
final class FindingDetails {
  private FindingDetails() {}

  static Finding with(Finding f, Map<String, String> extra, String fix) {
    Map<String, String> details = new HashMap<>(f.details());
    details.putAll(extra);
    return new Finding(f.ruleId(), f.title(), f.severity(), f.resource(), f.message(), f.location(), fix, f.key(),
        details, f.suppression());
  }
}

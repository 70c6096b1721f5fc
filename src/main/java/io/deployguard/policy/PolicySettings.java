package io.deployguard.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The generic part of the policy: where the verdict fails, per-rule overrides and waivers.
 *
 * @param failOn findings at or above this severity fail the run (default HIGH)
 * @param rules overrides by rule id
 * @param waivers accepted risks
 */
public record PolicySettings(Severity failOn, Map<String, RuleOverride> rules, List<Waiver> waivers) {

  public static final PolicySettings DEFAULT = new PolicySettings(Severity.HIGH, Map.of(), List.of());

  public PolicySettings {
    Objects.requireNonNull(failOn, "failOn");
    rules = Map.copyOf(rules);
    waivers = List.copyOf(waivers);
  }

  public PolicySettings withFailOn(Severity s) {
    return new PolicySettings(s, rules, waivers);
  }

  public boolean enabled(String ruleId) {
    RuleOverride o = rules.get(ruleId);
    return o == null || !o.disabled();
  }

  /** The clock the engine judges expiry against; a parameter so tests can pin it. */
  public record Today(LocalDate date) {
    public static Today now() {
      return new Today(LocalDate.now(java.time.ZoneOffset.UTC));
    }
  }
}

package io.deployguard.app;

import io.deployguard.policy.ConfigException;
import io.deployguard.policy.Finding;
import io.deployguard.policy.Ignore;
import io.deployguard.policy.Location;
import io.deployguard.policy.PolicySettings;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.RuleOverride;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --rule ID} (run only these rules) and {@code --skip-rule ID=REASON} (report that rule's
 * findings as suppressed, with the reason), checked against the rules of the command before
 * anything is scanned.
 *
 * @param rules the rules that run
 * @param only ids given to {@code --rule}, as the rules spell them (empty: every rule)
 * @param skips the suppressions {@code --skip-rule} asks for
 */
public record RuleSelection(List<RuleMetadata> rules, Set<String> only, List<Ignore> skips) {

  public RuleSelection {
    rules = List.copyOf(rules);
    only = Set.copyOf(only);
    skips = List.copyOf(skips);
  }

  /**
   * @param command what to name in errors ({@code deployguard plan})
   * @throws ConfigException for an id that is not a rule of the command, or a skip without a reason
   */
  public static RuleSelection of(List<String> only, List<String> skip, List<RuleMetadata> rules, String command) {
    Map<String, RuleMetadata> byId = new LinkedHashMap<>();
    rules.forEach(r -> byId.put(r.id(), r));
    Set<String> chosen = new TreeSet<>();
    for (String id : only) {
      chosen.add(known(id, byId.keySet(), "--rule " + id, command));
    }
    List<Ignore> skips = new ArrayList<>();
    for (String s : skip) {
      int eq = s.indexOf('=');
      String id = eq < 0 ? s : s.substring(0, eq);
      String reason = eq < 0 ? "" : s.substring(eq + 1).strip();
      if (id.isBlank()) {
        throw new ConfigException("--skip-rule " + s + ": no rule id before '='; give ID=REASON, e.g. --skip-rule '"
            + (rules.isEmpty() ? "ID" : rules.get(0).id()) + "=public web tier, reviewed in SEC-12'");
      }
      String canonical = known(id, byId.keySet(), "--skip-rule " + s, command);
      if (reason.isEmpty()) {
        throw new ConfigException("--skip-rule " + s + ": give a reason, e.g. --skip-rule '" + canonical
            + "=public web tier, reviewed in SEC-12'");
      }
      skips.add(new Ignore(canonical, null, null, null, reason, Location.of("--skip-rule"), Finding.Suppression.Kind.SKIPPED));
    }
    List<RuleMetadata> running = chosen.isEmpty() ? rules
        : rules.stream().filter(r -> chosen.contains(r.id())).toList();
    return new RuleSelection(running, chosen, skips);
  }

  private static String known(String id, Set<String> ids, String option, String command) {
    for (String k : ids) {
      if (k.equalsIgnoreCase(id)) {
        return k;
      }
    }
    throw new ConfigException(option + ": '" + command + "' has no rule '" + id + "'" + RuleIds.suggestion(id, ids)
        + " (its rules: " + String.join(", ", new TreeSet<>(ids)) + ")");
  }

  /** {@code policy} with every rule outside {@code --rule} switched off. */
  public PolicySettings applyTo(PolicySettings policy, List<RuleMetadata> all) {
    if (only.isEmpty()) {
      return policy;
    }
    Map<String, RuleOverride> overrides = new LinkedHashMap<>(policy.rules());
    for (RuleMetadata r : all) {
      if (!only.contains(r.id())) {
        RuleOverride o = overrides.get(r.id());
        overrides.put(r.id(), new RuleOverride(false, o == null ? null : o.severity()));
      }
    }
    return new PolicySettings(policy.failOn(), overrides, policy.waivers());
  }
}

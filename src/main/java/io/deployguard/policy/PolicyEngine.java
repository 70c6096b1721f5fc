package io.deployguard.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the configured policy to what the rules reported: drops disabled rules, sets
 * overridden severities, marks waived and baselined findings, and reports expired (POL001) and
 * unused (POL002) waivers. Rules stay pure; this is the only place configuration meets findings.
 */
public final class PolicyEngine {

  public static final RuleMetadata EXPIRED_WAIVER =
      new RuleMetadata(
          "POL001",
          "Waiver has expired",
          Severity.HIGH,
          "policy",
          "A waiver is a time-boxed acceptance of risk; once it expires the risk must be looked at again.",
          "Fix the waived finding, or renew the waiver with a new reason and expiry date.");

  public static final RuleMetadata UNUSED_WAIVER =
      new RuleMetadata(
          "POL002",
          "Waiver matches no finding",
          Severity.INFO,
          "policy",
          "A waiver that matches nothing is stale and may hide a future, unrelated finding.",
          "Remove the waiver, or correct its rule id or resource pattern.");

  public static final List<RuleMetadata> RULES = List.of(EXPIRED_WAIVER, UNUSED_WAIVER);

  private final PolicySettings settings;
  private final Baseline baseline;
  private final LocalDate today;

  public PolicyEngine(PolicySettings settings, Baseline baseline, LocalDate today) {
    this.settings = settings;
    this.baseline = baseline;
    this.today = today;
  }

  public List<Finding> apply(List<Finding> raw) {
    List<Finding> out = new ArrayList<>();
    boolean[] used = new boolean[settings.waivers().size()];
    for (Finding f : raw) {
      if (!settings.enabled(f.ruleId())) {
        continue;
      }
      RuleOverride o = settings.rules().get(f.ruleId());
      Finding g = o != null && o.severity() != null ? f.withSeverity(o.severity()) : f;
      for (int i = 0; i < settings.waivers().size(); i++) {
        Waiver w = settings.waivers().get(i);
        if (w.matches(g)) {
          used[i] = true;
          if (!w.expiredOn(today) && !g.suppressed()) {
            g = g.withSuppression(new Finding.Suppression(
                Finding.Suppression.Kind.WAIVER, w.reason() + " (until " + w.expires() + ")"));
          }
        }
      }
      if (!g.suppressed() && baseline.contains(g)) {
        g = g.withSuppression(new Finding.Suppression(Finding.Suppression.Kind.BASELINE, "in the baseline"));
      }
      out.add(g);
    }
    for (int i = 0; i < settings.waivers().size(); i++) {
      Waiver w = settings.waivers().get(i);
      String what = "waiver for " + w.rule() + " on '" + w.resource() + "'";
      if (w.expiredOn(today) && settings.enabled(EXPIRED_WAIVER.id())) {
        out.add(overridden(Finding.builder(EXPIRED_WAIVER)
            .resource(w.source().display())
            .message(what + " expired on " + w.expires() + " (reason was: " + w.reason() + ")")
            .location(w.source())
            .key(w.rule() + " " + w.resource())
            .detail("expires", w.expires())
            .build()));
      } else if (!used[i] && settings.enabled(UNUSED_WAIVER.id())) {
        out.add(overridden(Finding.builder(UNUSED_WAIVER)
            .resource(w.source().display())
            .message(what + " matches no finding")
            .location(w.source())
            .key(w.rule() + " " + w.resource())
            .build()));
      }
    }
    return out;
  }

  private Finding overridden(Finding f) {
    RuleOverride o = settings.rules().get(f.ruleId());
    return o != null && o.severity() != null ? f.withSeverity(o.severity()) : f;
  }
}

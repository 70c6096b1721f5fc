package io.deployguard.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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

  public static final RuleMetadata UNUSED_SUPPRESSION =
      new RuleMetadata(
          "POL003",
          "Suppression matches no finding",
          Severity.INFO,
          "policy",
          "A suppression comment or --skip-rule that matches nothing is stale and may hide a future, unrelated finding.",
          "Remove the suppression, or correct its rule id or where it is written.");

  public static final List<RuleMetadata> RULES = List.of(EXPIRED_WAIVER, UNUSED_WAIVER, UNUSED_SUPPRESSION);

  private final PolicySettings settings;
  private final Baseline baseline;
  private final LocalDate today;

  /**
   * @param settings overrides and waivers to apply
   * @param baseline fingerprints of accepted findings ({@link Baseline#NONE} for none)
   * @param today the day waiver expiry is judged against (UTC in production, pinned in tests)
   */
  public PolicyEngine(PolicySettings settings, Baseline baseline, LocalDate today) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.baseline = Objects.requireNonNull(baseline, "baseline");
    this.today = Objects.requireNonNull(today, "today");
  }

  /**
   * Judges what the rules reported. The result holds every finding of an enabled rule (waived
   * and baselined ones marked as suppressed, not removed) followed by the POL001/POL002 findings
   * about the waivers themselves; order is left to {@link ScanResult}.
   */
  public List<Finding> apply(List<Finding> raw) {
    return apply(raw, null);
  }

  /**
   * Judges what the rules of one run reported, as {@link #apply(List)} does, but reports a waiver
   * as unused (POL002) only when the run could have used it: its rule ran and, when it is scoped
   * to inputs, one of the run's inputs matches its scope. One shared configuration then stays
   * quiet about plan waivers in a Dockerfile run.
   *
   * @param ran the rules that ran and the inputs read, or {@code null} to judge every waiver
   */
  public List<Finding> apply(List<Finding> raw, Ran ran) {
    return apply(raw, ran, List.of());
  }

  /**
   * Judges as {@link #apply(List, Ran)} does, after marking the findings that {@code ignores}
   * match as suppressed (inline comments, {@code --skip-rule}); an ignore that matches nothing
   * although its rule ran on its input is reported (POL003).
   */
  public List<Finding> apply(List<Finding> raw, Ran ran, List<Ignore> ignores) {
    boolean[] matched = new boolean[ignores.size()];
    // Most runs have no suppression: the findings go to judging as they are.
    List<Finding> marked = ignores.isEmpty() ? raw : mark(raw, ignores, matched);
    List<Finding> out = judge(marked, ran);
    for (int i = 0; i < ignores.size(); i++) {
      Ignore ig = ignores.get(i);
      boolean couldMatch = ran == null || ran.ran(ig.rule());
      if (!matched[i] && couldMatch && settings.enabled(UNUSED_SUPPRESSION.id())) {
        String where = ig.kind() == Finding.Suppression.Kind.SKIPPED ? "--skip-rule " + ig.rule()
            : "suppression of " + ig.rule() + " at " + ig.source().display();
        out.add(withOverride(Finding.builder(UNUSED_SUPPRESSION)
            .resource("suppression " + ig.rule() + (ig.input() == null ? "" : " " + ig.input()))
            .location(ig.source())
            .key(ig.rule() + " " + ig.source().display())
            .message(where + " matches no finding (reason was: " + ig.reason() + ")")
            .build()));
      }
    }
    return out;
  }

  /** {@code raw} with the findings that {@code ignores} match suppressed, noting in {@code matched} which matched. */
  private static List<Finding> mark(List<Finding> raw, List<Ignore> ignores, boolean[] matched) {
    List<Finding> marked = new ArrayList<>(raw.size());
    for (Finding f : raw) {
      Finding g = f;
      for (int i = 0; i < ignores.size(); i++) {
        Ignore ig = ignores.get(i);
        if (ig.matches(f)) {
          matched[i] = true;
          if (!g.suppressed()) {
            g = g.withSuppression(new Finding.Suppression(ig.kind(), ig.reason()));
          }
        }
      }
      marked.add(g);
    }
    return marked;
  }

  private List<Finding> judge(List<Finding> raw, Ran ran) {
    List<Waiver> waivers = settings.waivers();
    List<Waiver.Matcher> matchers = new ArrayList<>(waivers.size());
    for (Waiver w : waivers) {
      matchers.add(w.matcher());
    }
    boolean[] used = new boolean[waivers.size()];
    List<Finding> out = new ArrayList<>(raw.size() + waivers.size());
    for (Finding f : raw) {
      if (!settings.enabled(f.ruleId())) {
        continue;
      }
      Finding g = withOverride(f);
      for (int i = 0; i < waivers.size(); i++) {
        Waiver w = waivers.get(i);
        if (matchers.get(i).matches(g)) {
          used[i] = true;
          // An expired waiver still counts as used (POL001 reports it) but no longer suppresses.
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
    for (int i = 0; i < waivers.size(); i++) {
      Waiver w = waivers.get(i);
      if (w.expiredOn(today)) {
        if (settings.enabled(EXPIRED_WAIVER.id())) {
          out.add(withOverride(aboutWaiver(EXPIRED_WAIVER, w)
              .message(describe(w) + " expired on " + w.expires() + " (reason was: " + w.reason() + ")")
              .detail("expires", w.expires())
              .build()));
        }
      } else if (!used[i] && settings.enabled(UNUSED_WAIVER.id()) && (ran == null || ran.couldUse(w))) {
        out.add(withOverride(aboutWaiver(UNUSED_WAIVER, w).message(describe(w) + " matches no finding").build()));
      }
    }
    return out;
  }

  /**
   * What one run evaluated: the ids of the rules that ran and the inputs it read (as findings
   * name them).
   */
  public record Ran(java.util.Set<String> ruleIds, List<String> inputs) {
    public Ran {
      ruleIds = java.util.Set.copyOf(ruleIds);
      inputs = List.copyOf(inputs);
    }

    /** Whether a waiver had a chance to match: its rule ran and its input scope met an input. */
    boolean couldUse(Waiver w) {
      boolean rule = w.rule().equals("*") ? !ruleIds.isEmpty() : ran(w.rule());
      Waiver.Matcher m = w.matcher();
      return rule && inputs.stream().anyMatch(m::matchesInput);
    }

    /** Whether rule {@code id} ran (suppressions come from the inputs read, or the files beside them). */
    boolean ran(String id) {
      return ruleIds.stream().anyMatch(r -> r.equalsIgnoreCase(id));
    }
  }

  /**
   * The resource of a finding about a waiver is the waiver's rule and pattern, not where it is
   * written, so that its fingerprint survives moving the configuration file or reordering waivers.
   */
  private static Finding.Builder aboutWaiver(RuleMetadata rule, Waiver w) {
    return Finding.builder(rule)
        .resource("waiver " + w.rule() + " " + w.resource())
        .location(w.source())
        .key(w.rule() + " " + w.resource());
  }

  private static String describe(Waiver w) {
    return "waiver for " + w.rule() + " on '" + w.resource() + "'";
  }

  private Finding withOverride(Finding f) {
    RuleOverride o = settings.rules().get(f.ruleId());
    return o != null && o.severity() != null ? f.withSeverity(o.severity()) : f;
  }
}

package io.deployguard.aws;

import io.deployguard.network.Cidr;
import io.deployguard.network.Direction;
import io.deployguard.network.SecurityGroupRule;
import io.deployguard.policy.Finding;
import io.deployguard.policy.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one place that decides what happens to each live rule of one target (an account in a
 * region), documented row by row in {@code docs/aws.md}. A pure function: the rules as read,
 * the findings on them after the policy of {@code deployguard.yml} (severity overrides and
 * waivers; a baseline marks findings but changes no decision), the settings and the day.
 *
 * <p>The rows, first match wins:
 * <ol>
 *   <li>no finding on the rule: {@code kept};
 *   <li>every finding on it waived: {@code waived};
 *   <li>an exemption tag (the rule's own, else its group's) with a reason and no passed {@code
 *       until} date: {@code exempt} (its findings do not fail the run);
 *   <li>an egress rule: {@code kept} (reported, never revoked);
 *   <li>no counting finding at or above {@code revoke_at}: {@code kept} (reported);
 *   <li>otherwise a candidate: the worst candidates first (severity, then the lowest rule id at
 *       that severity, then the widest source, then the rule id) are {@code would-revoke} up to
 *       the limit, the rest {@code left-open-by-limit}.
 * </ol>
 * {@code --fail-on}, {@code --soft-fail} and the baseline are not inputs: they change the exit
 * code only.
 */
public final class DecisionTable {
  private DecisionTable() {}

  /**
   * The settings that decide.
   *
   * @param revokeAt a counting finding at or above this severity makes an ingress rule a candidate
   * @param exemptTag the tag key that exempts a rule or its group
   * @param maxRevocations at most this many rules are revoked per target
   */
  public record Settings(Severity revokeAt, String exemptTag, int maxRevocations) {
    public Settings {
      Objects.requireNonNull(revokeAt, "revokeAt");
      Objects.requireNonNull(exemptTag, "exemptTag");
      if (maxRevocations < 0) {
        throw new IllegalArgumentException("maxRevocations must be 0 or more");
      }
    }
  }

  /**
   * What the table decided for one target.
   *
   * @param scope the target
   * @param settings what it was decided with
   * @param decisions one per rule read, in group and rule id order
   * @param toRevoke the {@code would-revoke} decisions, worst first
   * @param leftOpen the {@code left-open-by-limit} decisions, worst first
   */
  public record Plan(AwsScope scope, Settings settings, List<Decision> decisions, List<Decision> toRevoke,
      List<Decision> leftOpen) {
    public Plan {
      decisions = List.copyOf(decisions);
      toRevoke = List.copyOf(toRevoke);
      leftOpen = List.copyOf(leftOpen);
    }

    /** Whether the limit left violating rules open. */
    public boolean limitReached() {
      return !leftOpen.isEmpty();
    }

    /** The plan as a report of a run that changed nothing. */
    public RemediationReport unapplied() {
      return new RemediationReport(scope, false, settings.maxRevocations(), limitReached(), decisions, null,
          leftOpen.isEmpty() ? null : leftOpen.get(0), List.of());
    }
  }

  /** Findings that are about a rule but are no grounds to revoke it: drift, stale exemptions, the limit. */
  public static final Set<String> NOT_GROUNDS = Set.of(
      AwsRules.DRIFT001.id(), AwsRules.REM001.id(), AwsRules.REM002.id());

  private record Candidate(SecurityGroupRule rule, Decision decision, Severity worst, String worstRule, int width) {}

  /** Worst first: severity, the rule id of the worst finding (SG001 before SG002), source width, rule id. */
  private static final Comparator<Candidate> WORST_FIRST = Comparator
      .comparing(Candidate::worst, Comparator.reverseOrder())
      .thenComparing(Candidate::worstRule)
      .thenComparing(Candidate::width)
      .thenComparing(c -> c.decision().ruleId());

  /**
   * Decides for every rule.
   *
   * @param rules the target's live rules
   * @param findings the findings on them after the policy (other targets' findings are ignored)
   */
  public static Plan decide(AwsScope scope, List<SecurityGroupRule> rules, List<Finding> findings, Settings settings,
      LocalDate today) {
    Map<String, List<Finding>> byRule = new HashMap<>();
    for (Finding f : findings) {
      if (NOT_GROUNDS.contains(f.ruleId())) {
        continue;
      }
      byRule.computeIfAbsent(f.resource(), k -> new ArrayList<>()).add(f);
    }
    Map<String, Decision> decisions = new LinkedHashMap<>();
    List<Candidate> candidates = new ArrayList<>();
    for (SecurityGroupRule r : rules) {
      String id = r.origin().ruleId();
      List<Finding> own = byRule.getOrDefault(r.origin().resource(), List.of());
      List<Finding> counting = own.stream().filter(DecisionTable::counts).toList();
      Decision d = new Decision(id, scope.ruleArn(id), r.origin().groupId(), r.origin().groupName(),
          r.direction().lowerName(), r.describe(), Decision.Outcome.KEPT, "no violation",
          violations(counting.isEmpty() ? own : counting));
      Exemption exemption = exemption(r, settings.exemptTag());
      if (own.isEmpty()) {
        d = d.with(Decision.Outcome.KEPT, "no violation");
      } else if (counting.isEmpty()) {
        d = d.with(Decision.Outcome.WAIVED, "waived in deployguard.yml: " + own.get(0).suppression().reason());
      } else if (exemption != null && exemption.activeOn(today)) {
        d = d.with(Decision.Outcome.EXEMPT, exemption.explain(today) + " (tag " + settings.exemptTag() + ")");
      } else if (r.direction() == Direction.EGRESS) {
        d = d.with(Decision.Outcome.KEPT, "egress rules are reported, not revoked");
      } else if (counting.stream().noneMatch(f -> f.severity().atLeast(settings.revokeAt()))) {
        d = d.with(Decision.Outcome.KEPT, "violations are below revoke_at (" + settings.revokeAt().lowerName() + ")");
      } else {
        Finding worst = counting.stream().sorted(Comparator.comparing(Finding::severity, Comparator.reverseOrder())
            .thenComparing(Finding::ruleId)).findFirst().orElseThrow();
        String note = exemption == null ? "" : "; " + exemption.explain(today);
        d = d.with(Decision.Outcome.WOULD_REVOKE, "violates " + worst.ruleId() + " (" + worst.severity().lowerName()
            + ")" + note);
        candidates.add(new Candidate(r, d, worst.severity(), worst.ruleId(), width(r)));
      }
      decisions.put(id, d);
    }
    candidates.sort(WORST_FIRST);
    List<Decision> toRevoke = new ArrayList<>();
    List<Decision> leftOpen = new ArrayList<>();
    for (Candidate c : candidates) {
      if (toRevoke.size() < settings.maxRevocations()) {
        toRevoke.add(c.decision());
      } else {
        Decision d = c.decision().with(Decision.Outcome.LEFT_OPEN_BY_LIMIT, c.decision().reason()
            + "; left open: --max-revocations " + settings.maxRevocations() + " was spent on worse rules");
        leftOpen.add(d);
        decisions.put(d.ruleId(), d);
      }
    }
    return new Plan(scope, settings, new ArrayList<>(decisions.values()), toRevoke, leftOpen);
  }

  /** A finding counts unless a waiver suppresses it (a baseline changes the exit code only). */
  public static boolean counts(Finding f) {
    return !f.suppressed() || f.suppression().kind() == Finding.Suppression.Kind.BASELINE;
  }

  /** The rule's own exemption tag, else its group's; {@code null} when neither is tagged. */
  static Exemption exemption(SecurityGroupRule r, String tag) {
    String value = r.origin().tags().get(tag);
    return value == null ? null : Exemption.parse(value);
  }

  /**
   * How narrow the source is, so that wider sources sort first: the prefix length in 128ths of
   * the address family's bits (0 for the whole internet, 128 for one address),
   * {@code Integer.MAX_VALUE} for prefix lists and security groups.
   */
  private static int width(SecurityGroupRule r) {
    if (r.source() instanceof Cidr c) {
      return c.ipv6() ? c.prefix() : c.prefix() * 4;
    }
    return Integer.MAX_VALUE;
  }

  /**
   * REM001 for every ingress rule with a finding whose exemption tag (its own or its group's) has expired
   * or cannot be read: such a tag exempts nothing, and says so where the findings are read.
   */
  public static List<Finding> staleExemptions(List<SecurityGroupRule> rules, List<Finding> raw, String tag,
      LocalDate today) {
    Set<String> withFindings = new HashSet<>();
    raw.forEach(f -> withFindings.add(f.resource()));
    List<Finding> out = new ArrayList<>();
    for (SecurityGroupRule r : rules) {
      Exemption e = exemption(r, tag);
      if (e == null || e.activeOn(today) || r.direction() == Direction.EGRESS
          || !withFindings.contains(r.origin().resource())) {
        continue;
      }
      out.add(Finding.builder(AwsRules.REM001).resource(r.origin().resource())
          .message("tag " + tag + " on " + r.origin().ruleId() + " or its group " + r.origin().groupId() + ": "
              + e.explain(today))
          .location(r.origin().location()).key("exemption " + tag).build());
    }
    return out;
  }

  private static List<Decision.Violation> violations(List<Finding> findings) {
    return findings.stream()
        .map(f -> new Decision.Violation(f.ruleId(), f.severity().lowerName(), f.message()))
        .sorted(Comparator.comparing(Decision.Violation::rule).thenComparing(Decision.Violation::message))
        .distinct()
        .toList();
  }
}

package io.deployguard.report;

import io.deployguard.policy.Finding;
import io.deployguard.policy.ScanResult;
import io.deployguard.policy.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The one summary of a run that every format and front end shows: active findings by severity,
 * suppressed ones by kind (waived, exempt, baselined, suppressed in source, skipped), failing
 * findings and scan errors, and the words for them. The text report ends with {@link #line()},
 * the Markdown report opens with {@link #counts()}, the JSON report's {@code summary} holds the
 * counts, and a front end's one-line status is {@link #line()} too.
 *
 * @param activeBySeverity active (unsuppressed) findings of each severity, every severity present
 * @param active active findings, any severity
 * @param waived findings matched by a waiver in {@code deployguard.yml}
 * @param exempt findings kept by an exemption tag on the live rule or its group
 * @param baselined findings present in the {@code --baseline} file
 * @param inline findings suppressed by a comment where they live
 * @param skipped findings of a rule given to {@code --skip-rule}
 * @param failing active findings at or above the threshold
 * @param errors inputs that could not be scanned
 * @param inputs inputs of the run
 * @param rules rules evaluated
 * @param failOn the threshold in force
 * @param verdict the run's verdict
 * @param softFail whether a failing verdict exits 0
 */
public record RunSummary(
    Map<Severity, Integer> activeBySeverity,
    int active,
    int waived,
    int exempt,
    int baselined,
    int inline,
    int skipped,
    int failing,
    int errors,
    int inputs,
    int rules,
    Severity failOn,
    ScanResult.Verdict verdict,
    boolean softFail) {

  public RunSummary {
    activeBySeverity = Map.copyOf(activeBySeverity);
  }

  /** The summary of {@code result}. */
  public static RunSummary of(ScanResult result) {
    Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      bySeverity.put(s, 0);
    }
    Map<Finding.Suppression.Kind, Integer> byKind = new EnumMap<>(Finding.Suppression.Kind.class);
    for (Finding f : result.findings()) {
      if (f.suppression() == null) {
        bySeverity.merge(f.severity(), 1, Integer::sum);
      } else {
        byKind.merge(f.suppression().kind(), 1, Integer::sum);
      }
    }
    int active = 0;
    int failing = 0;
    for (Map.Entry<Severity, Integer> e : bySeverity.entrySet()) {
      active += e.getValue();
      failing += e.getKey().atLeast(result.failOn()) ? e.getValue() : 0;
    }
    return new RunSummary(bySeverity, active,
        byKind.getOrDefault(Finding.Suppression.Kind.WAIVER, 0), byKind.getOrDefault(Finding.Suppression.Kind.EXEMPTION, 0),
        byKind.getOrDefault(Finding.Suppression.Kind.BASELINE, 0), byKind.getOrDefault(Finding.Suppression.Kind.INLINE, 0),
        byKind.getOrDefault(Finding.Suppression.Kind.SKIPPED, 0), failing, result.errors().size(),
        result.inputs().size(), result.rules().size(), result.failOn(), result.verdict(), result.softFail());
  }

  /** Every suppressed finding, whatever suppressed it. */
  public int suppressed() {
    return waived + exempt + baselined + inline + skipped;
  }

  /**
   * {@code 3 findings (1 critical, 2 high), 1 waived, 1 exempt, 1 baselined, 1 suppressed in source,
   * 1 skipped, 1 scan error}, each part after the first only when it is not zero; {@code no
   * findings} when nothing is active.
   */
  public String counts() {
    StringBuilder sb = new StringBuilder();
    if (active == 0) {
      sb.append("no findings");
    } else {
      sb.append(plural(active, "finding")).append(" (");
      List<String> parts = new ArrayList<>();
      for (int i = Severity.values().length - 1; i >= 0; i--) {
        Severity s = Severity.values()[i];
        int n = activeBySeverity.get(s);
        if (n > 0) {
          parts.add(n + " " + s.lowerName());
        }
      }
      sb.append(String.join(", ", parts)).append(')');
    }
    appendNonZero(sb, waived, "waived");
    appendNonZero(sb, exempt, "exempt");
    appendNonZero(sb, baselined, "baselined");
    appendNonZero(sb, inline, "suppressed in source");
    appendNonZero(sb, skipped, "skipped");
    if (errors > 0) {
      sb.append(", ").append(plural(errors, "scan error"));
    }
    return sb.toString();
  }

  /** {@code 2 inputs, 7 rules}: what the run covered. */
  public String scope() {
    return plural(inputs, "input") + ", " + plural(rules, "rule");
  }

  /**
   * The closing line of a run: {@code 1 finding (1 critical), 1 waived; failing at high: FAIL},
   * with {@code (soft fail: exits 0)} after a failing verdict under soft fail.
   */
  public String line() {
    return line(UnaryOperator.identity());
  }

  /** {@link #line()} with the verdict's word ({@code PASS}, {@code FAIL}, {@code ERROR}) passed through {@code verdictStyle}. */
  public String line(UnaryOperator<String> verdictStyle) {
    return counts() + "; failing at " + failOn.lowerName() + ": " + verdictStyle.apply(verdict.name())
        + (softFail && verdict == ScanResult.Verdict.FAIL ? " (soft fail: exits 0)" : "");
  }

  private static void appendNonZero(StringBuilder sb, int n, String word) {
    if (n > 0) {
      sb.append(", ").append(n).append(' ').append(word);
    }
  }

  static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}

package io.deployguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.policy.Finding;
import io.deployguard.policy.ScanResult;
import io.deployguard.policy.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one summary of a run: the counts every format shows and the words for them. */
class RunSummaryTest {

  private static ScanResult withKinds(Finding.Suppression.Kind... kinds) {
    ScanResult many = Scenarios.many();
    List<Finding> findings = new java.util.ArrayList<>(many.active());
    for (Finding.Suppression.Kind kind : kinds) {
      findings.add(many.active().get(0).withSuppression(new Finding.Suppression(kind, "reason")));
    }
    return new ScanResult(many.toolVersion(), many.inputs(), many.rules(), findings, List.of(), many.failOn(), List.of());
  }

  @Test
  void everySuppressionKind_isCountedUnderItsOwnWord_inOneFixedOrder() {
    RunSummary s = RunSummary.of(withKinds(Finding.Suppression.Kind.values()));

    assertThat(s.counts()).isEqualTo("6 findings (1 critical, 2 high, 1 medium, 1 low, 1 info), 1 waived, 1 exempt,"
        + " 1 baselined, 1 suppressed in source, 1 skipped");
    assertThat(List.of(s.waived(), s.exempt(), s.baselined(), s.inline(), s.skipped())).containsOnly(1);
    assertThat(s.suppressed()).isEqualTo(5);
  }

  @Test
  void anExemptionTag_isNotCountedAsAWaiver() {
    RunSummary s = RunSummary.of(withKinds(Finding.Suppression.Kind.EXEMPTION, Finding.Suppression.Kind.EXEMPTION));

    assertThat(s.exempt()).isEqualTo(2);
    assertThat(s.waived()).isZero();
    assertThat(s.counts()).endsWith(", 2 exempt").doesNotContain("waived");
  }

  @Test
  void line_isTheCountsTheThresholdAndTheVerdict() {
    assertThat(RunSummary.of(Scenarios.none()).line()).isEqualTo("no findings; failing at high: PASS");
    assertThat(RunSummary.of(Scenarios.error()).line()).isEqualTo("1 finding (1 high), 1 scan error; failing at high: ERROR");
    assertThat(RunSummary.of(Scenarios.one().withSoftFail(true)).line())
        .isEqualTo("1 finding (1 critical); failing at high: FAIL (soft fail: exits 0)");
    assertThat(RunSummary.of(Scenarios.one()).line(word -> "<" + word + ">")).endsWith(": <FAIL>");
  }

  @Test
  void scope_countsInputsAndRules() {
    assertThat(RunSummary.of(Scenarios.none()).scope()).isEqualTo("1 input, 3 rules");
    assertThat(RunSummary.of(Scenarios.many()).scope()).isEqualTo("3 inputs, 6 rules");
  }

  @Test
  void everySeverity_isPresent_evenWithoutFindings() {
    assertThat(RunSummary.of(Scenarios.none()).activeBySeverity()).containsOnlyKeys(Severity.values())
        .allSatisfy((severity, n) -> assertThat(n).isZero());
  }
}

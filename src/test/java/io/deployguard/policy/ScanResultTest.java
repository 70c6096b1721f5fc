package io.deployguard.policy;

import static io.deployguard.policy.Fixtures.ADMIN;
import static io.deployguard.policy.Fixtures.OTHER_PORT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScanResultTest {

  private static Finding at(RuleMetadata rule, String input, Integer line, String resource, String key) {
    return Finding.builder(rule).resource(resource).message("m").location(new Location(input, line, null)).key(key)
        .build();
  }

  private static ScanResult result(List<Finding> findings, List<ScanError> errors, Severity failOn) {
    return new ScanResult("1.0", List.of("b.json", "a.json"), List.of(OTHER_PORT, ADMIN), findings, errors, failOn,
        List.of());
  }

  private static List<Finding> sample() {
    Finding f1 = at(ADMIN, "a.json", null, "x", "k");
    Finding f2 = at(ADMIN, "a.json", 3, "a", "k");
    Finding f3 = at(ADMIN, "a.json", 3, "b", "k");
    Finding f4 = at(OTHER_PORT, "a.json", 3, "b", "k");
    Finding f5 = at(OTHER_PORT, "a.json", 3, "b", "l");
    Finding f6 = at(OTHER_PORT, "a.json", 3, "b", "l").withSeverity(Severity.LOW);
    Finding f7 = at(ADMIN, "b.json", 1, "a", "k");
    return List.of(f1, f2, f3, f4, f5, f6, f7);
  }

  @Test
  void findings_areSortedByInputLineResourceRuleKeyThenHigherSeverityFirst() {
    List<Finding> expected = sample();
    List<Finding> shuffled = new ArrayList<>(expected);
    Collections.reverse(shuffled);
    assertThat(result(shuffled, List.of(), Severity.HIGH).findings()).containsExactlyElementsOf(expected);
  }

  @Test
  void findingOrder_doesNotDependOnTheOrderTheRulesReportedIn() {
    List<Finding> findings = new ArrayList<>(sample());
    findings.add(sample().get(0).withSuppression(new Finding.Suppression(Finding.Suppression.Kind.BASELINE, "b")));
    List<Finding> first = result(findings, List.of(), Severity.HIGH).findings();
    Random random = new Random(42);
    for (int i = 0; i < 50; i++) {
      Collections.shuffle(findings, random);
      assertThat(result(findings, List.of(), Severity.HIGH).findings()).containsExactlyElementsOf(first);
    }
  }

  @Test
  void findingsThatDifferOnlyInALaterField_areOrderedByItToo() {
    // Every field, in the order of ORDER's documentation, as a chain of comparisons.
    java.util.Comparator<Finding> documented = java.util.Comparator.comparing((Finding f) -> f.location().input())
        .thenComparing(f -> f.location().line() == null ? 0 : f.location().line())
        .thenComparing(Finding::resource).thenComparing(Finding::ruleId).thenComparing(Finding::key)
        .thenComparing(Finding::message).thenComparing(Finding::severity, java.util.Comparator.reverseOrder())
        .thenComparing(f -> f.location().pointer() == null ? "" : f.location().pointer())
        .thenComparing(f -> f.suppression() == null ? "" : f.suppression().kind() + " " + f.suppression().reason())
        .thenComparing(Finding::fix).thenComparing(Finding::title).thenComparing(f -> f.details().toString());
    List<Finding> findings = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < 400; i++) {
      Finding.Builder b = Finding.builder(random.nextBoolean() ? ADMIN : OTHER_PORT)
          .resource(random.nextBoolean() ? "a" : "b").message(random.nextBoolean() ? "m" : "n")
          .location(new Location(random.nextBoolean() ? "a.json" : "b.json", random.nextBoolean() ? null : 1 + random.nextInt(2),
              random.nextBoolean() ? null : random.nextBoolean() ? "" : "p"))
          .key(random.nextBoolean() ? "k" : "").fix(random.nextBoolean() ? "f" : "g")
          .detail("d", random.nextBoolean() ? "1" : null).detail("e", random.nextBoolean() ? "2" : null)
          .severity(Severity.values()[random.nextInt(Severity.values().length)]);
      Finding f = b.build();
      int s = random.nextInt(3);
      findings.add(s == 0 ? f : f.withSuppression(new Finding.Suppression(
          s == 1 ? Finding.Suppression.Kind.WAIVER : Finding.Suppression.Kind.BASELINE, random.nextBoolean() ? "r" : "s")));
    }
    List<Finding> expected = new ArrayList<>(findings);
    expected.sort(documented);
    ScanResult r = result(findings, List.of(), Severity.HIGH);
    assertThat(r.findings()).containsExactlyElementsOf(expected);
    assertThat(r.withSoftFail(true).findings()).containsExactlyElementsOf(expected);
    assertThat(result(r.findings(), List.of(), Severity.HIGH)).isEqualTo(r);
  }

  @Test
  void rules_areSortedByIdWithOneEntryPerId() {
    ScanResult r = new ScanResult("1.0", List.of(), List.of(OTHER_PORT, ADMIN, OTHER_PORT), List.of(), List.of(),
        Severity.HIGH, List.of());
    assertThat(r.rules()).extracting(RuleMetadata::id).containsExactly("SG002", "SG004");
  }

  @Test
  void errors_areSortedAndInputsKeepTheirGivenOrder() {
    ScanError e1 = new ScanError("a.json", "", "empty", "");
    ScanError e2 = new ScanError("a.json", "line 2", "bad", "");
    ScanError e3 = new ScanError("b.json", "", "bad", "");
    ScanResult r = result(List.of(), List.of(e3, e2, e1), Severity.HIGH);
    assertThat(r.errors()).containsExactly(e1, e2, e3);
    assertThat(r.inputs()).containsExactly("b.json", "a.json");
  }

  @Test
  void verdict_errorWinsOverFailingFindings() {
    List<Finding> findings = List.of(at(ADMIN, "a.json", null, "x", "k"));
    assertThat(result(findings, List.of(), Severity.HIGH).verdict()).isEqualTo(ScanResult.Verdict.FAIL);
    assertThat(result(findings, List.of(new ScanError("b.json", "", "bad", "")), Severity.HIGH).verdict())
        .isEqualTo(ScanResult.Verdict.ERROR);
  }

  @Test
  void findingsBelowTheThresholdOrSuppressed_doNotFail() {
    Finding medium = at(OTHER_PORT, "a.json", null, "x", "k");
    Finding waived = at(ADMIN, "a.json", null, "y", "k")
        .withSuppression(new Finding.Suppression(Finding.Suppression.Kind.WAIVER, "ok"));
    ScanResult r = result(List.of(medium, waived), List.of(), Severity.HIGH);
    assertThat(r.verdict()).isEqualTo(ScanResult.Verdict.PASS);
    assertThat(r.active()).containsExactly(medium);
    assertThat(result(List.of(medium, waived), List.of(), Severity.MEDIUM).failing()).containsExactly(medium);
  }

  @Test
  void merge_combinesEverythingAndKeepsOneEntryPerRuleAndInput() {
    ScanResult a = new ScanResult("1.0", List.of("a.json"), List.of(ADMIN),
        List.of(at(ADMIN, "a.json", null, "x", "k")), List.of(), Severity.HIGH, List.of(new ScanResult.Note("t", "1")));
    ScanResult b = new ScanResult("1.0", List.of("a.json", "b.json"), List.of(ADMIN, OTHER_PORT),
        List.of(at(OTHER_PORT, "b.json", null, "x", "k")), List.of(new ScanError("b.json", "", "bad", "")),
        Severity.HIGH, List.of(new ScanResult.Note("t", "2")));
    ScanResult m = a.merge(b);
    assertThat(m.inputs()).containsExactly("a.json", "b.json");
    assertThat(m.rules()).extracting(RuleMetadata::id).containsExactly("SG002", "SG004");
    assertThat(m.findings()).hasSize(2);
    assertThat(m.errors()).hasSize(1);
    assertThat(m.notes()).extracting(ScanResult.Note::text).containsExactly("1", "2");
  }
}

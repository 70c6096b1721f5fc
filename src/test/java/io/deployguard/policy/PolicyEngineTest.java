package io.deployguard.policy;

import static io.deployguard.policy.Fixtures.ADMIN;
import static io.deployguard.policy.Fixtures.OTHER_PORT;
import static io.deployguard.policy.Fixtures.TODAY;
import static io.deployguard.policy.Fixtures.finding;
import static io.deployguard.policy.Fixtures.waiver;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {

  private static List<Finding> apply(PolicySettings settings, Baseline baseline, Finding... raw) {
    return new PolicyEngine(settings, baseline, TODAY).apply(List.of(raw));
  }

  private static PolicySettings overrides(Map<String, RuleOverride> rules) {
    return new PolicySettings(Severity.HIGH, rules, List.of());
  }

  private static PolicySettings waivers(Waiver... w) {
    return new PolicySettings(Severity.HIGH, Map.of(), List.of(w));
  }

  private static List<String> ruleIds(List<Finding> findings) {
    return findings.stream().map(Finding::ruleId).toList();
  }

  @Test
  void withoutConfiguration_findingsPassThroughUnchanged() {
    Finding f = finding(ADMIN, "aws_security_group.web");
    assertThat(apply(PolicySettings.DEFAULT, Baseline.NONE, f)).containsExactly(f);
  }

  @Test
  void findingsOfADisabledRule_areDropped() {
    List<Finding> out = apply(overrides(Map.of("SG004", new RuleOverride(false, null))), Baseline.NONE,
        finding(ADMIN, "a"), finding(OTHER_PORT, "b"));
    assertThat(ruleIds(out)).containsExactly("SG002");
  }

  @Test
  void severityOverride_changesTheReportedSeverity() {
    List<Finding> out = apply(overrides(Map.of("SG002", new RuleOverride(null, Severity.LOW))), Baseline.NONE,
        finding(ADMIN, "a"));
    assertThat(out).singleElement().extracting(Finding::severity).isEqualTo(Severity.LOW);
  }

  @Test
  void enabledWithoutSeverity_keepsTheDefaultSeverity() {
    List<Finding> out = apply(overrides(Map.of("SG002", new RuleOverride(true, null))), Baseline.NONE,
        finding(ADMIN, "a"));
    assertThat(out).singleElement().extracting(Finding::severity).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void waiverMatchingRuleAndGlob_suppressesWithItsReasonAndExpiry() {
    List<Finding> out = apply(waivers(waiver("SG002", "module.bastion.*", TODAY.plusDays(30))), Baseline.NONE,
        finding(ADMIN, "module.bastion.aws_security_group.ssh"), finding(ADMIN, "module.web.aws_security_group.ssh"));
    assertThat(out).hasSize(2);
    Finding waived = out.get(0);
    assertThat(waived.suppression().kind()).isEqualTo(Finding.Suppression.Kind.WAIVER);
    assertThat(waived.suppression().reason()).isEqualTo("accepted for the migration (until 2025-07-15)");
    assertThat(out.get(1).suppressed()).isFalse();
  }

  @Test
  void waiverGlob_questionMarkIsOneCharacterAndOtherCharactersAreLiteral() {
    Waiver w = waiver("SG002", "aws_security_group.web[?]", TODAY);
    List<Finding> out = apply(waivers(w), Baseline.NONE,
        finding(ADMIN, "aws_security_group.web[0]"),
        finding(ADMIN, "aws_security_group.web[10]"),
        finding(ADMIN, "aws_security_group.webX0]"));
    assertThat(out).extracting(Finding::suppressed).containsExactly(true, false, false);
  }

  @Test
  void waiverForAnotherRule_doesNotSuppress() {
    List<Finding> out = apply(waivers(waiver("SG004", "*", TODAY)), Baseline.NONE, finding(ADMIN, "a"));
    assertThat(out).filteredOn(f -> f.ruleId().equals("SG002")).singleElement()
        .extracting(Finding::suppressed).isEqualTo(false);
  }

  @Test
  void waiverWithStarRule_suppressesEveryRuleOnTheResource() {
    List<Finding> out = apply(waivers(waiver("*", "sandbox.*", TODAY)), Baseline.NONE,
        finding(ADMIN, "sandbox.a"), finding(OTHER_PORT, "sandbox.b"), finding(ADMIN, "prod.a"));
    assertThat(out).extracting(Finding::resource, Finding::suppressed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("sandbox.a", true),
            org.assertj.core.groups.Tuple.tuple("sandbox.b", true),
            org.assertj.core.groups.Tuple.tuple("prod.a", false));
  }

  @Test
  void waiverRuleId_isMatchedInAnyCase() {
    List<Finding> out = apply(waivers(waiver("sg002", "*", TODAY)), Baseline.NONE, finding(ADMIN, "a"));
    assertThat(out).singleElement().extracting(Finding::suppressed).isEqualTo(true);
  }

  @Test
  void waiverOnItsExpiryDay_stillApplies() {
    List<Finding> out = apply(waivers(waiver("SG002", "*", TODAY)), Baseline.NONE, finding(ADMIN, "a"));
    assertThat(ruleIds(out)).containsExactly("SG002");
    assertThat(out.get(0).suppressed()).isTrue();
  }

  @Test
  void expiredWaiver_noLongerSuppresses_andIsItselfAHighFinding() {
    Waiver w = waiver("SG002", "aws_security_group.*", TODAY.minusDays(1));
    List<Finding> out = apply(waivers(w), Baseline.NONE, finding(ADMIN, "aws_security_group.web"));
    assertThat(ruleIds(out)).containsExactly("SG002", "POL001");
    assertThat(out.get(0).suppressed()).isFalse();
    Finding expired = out.get(1);
    assertThat(expired.severity()).isEqualTo(Severity.HIGH);
    assertThat(expired.message())
        .isEqualTo("waiver for SG002 on 'aws_security_group.*' expired on 2025-06-14 (reason was: accepted for the migration)");
    assertThat(expired.location()).isEqualTo(w.source());
    assertThat(expired.details()).containsEntry("expires", "2025-06-14");
  }

  @Test
  void expiredWaiverThatMatchesNothing_isReportedAsExpiredOnly() {
    List<Finding> out = apply(waivers(waiver("SG002", "gone.*", TODAY.minusDays(1))), Baseline.NONE);
    assertThat(ruleIds(out)).containsExactly("POL001");
  }

  @Test
  void expiredWaiverFinding_takesTheConfiguredSeverity() {
    PolicySettings s = new PolicySettings(Severity.HIGH, Map.of("POL001", new RuleOverride(null, Severity.CRITICAL)),
        List.of(waiver("SG002", "*", TODAY.minusDays(1))));
    assertThat(apply(s, Baseline.NONE)).singleElement().extracting(Finding::severity).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void disablingPol001_silencesTheReportButTheExpiredWaiverStillDoesNotSuppress() {
    PolicySettings s = new PolicySettings(Severity.HIGH, Map.of("POL001", new RuleOverride(false, null)),
        List.of(waiver("SG002", "*", TODAY.minusDays(1))));
    List<Finding> out = apply(s, Baseline.NONE, finding(ADMIN, "a"));
    assertThat(ruleIds(out)).containsExactly("SG002");
    assertThat(out.get(0).suppressed()).isFalse();
  }

  @Test
  void unusedWaiver_isReportedAsPol002AtInfo() {
    List<Finding> out = apply(waivers(waiver("SG002", "module.old.*", TODAY)), Baseline.NONE, finding(ADMIN, "a"));
    assertThat(ruleIds(out)).containsExactly("SG002", "POL002");
    assertThat(out.get(1).severity()).isEqualTo(Severity.INFO);
    assertThat(out.get(1).message()).isEqualTo("waiver for SG002 on 'module.old.*' matches no finding");
  }

  @Test
  void waiverForADisabledRule_matchesNothing() {
    PolicySettings s = new PolicySettings(Severity.HIGH, Map.of("SG002", new RuleOverride(false, null)),
        List.of(waiver("SG002", "*", TODAY)));
    assertThat(ruleIds(apply(s, Baseline.NONE, finding(ADMIN, "a")))).containsExactly("POL002");
  }

  @Test
  void disablingPol002_silencesUnusedWaivers() {
    PolicySettings s = new PolicySettings(Severity.HIGH, Map.of("POL002", new RuleOverride(false, null)),
        List.of(waiver("SG002", "nothing", TODAY)));
    assertThat(apply(s, Baseline.NONE)).isEmpty();
  }

  @Test
  void findingInTheBaseline_isSuppressedAsBaseline_andANewOneIsNot() {
    Finding known = finding(ADMIN, "a");
    Finding fresh = finding(ADMIN, "b");
    List<Finding> out = apply(PolicySettings.DEFAULT, new Baseline(Set.of(known.fingerprint())), known, fresh);
    assertThat(out.get(0).suppression().kind()).isEqualTo(Finding.Suppression.Kind.BASELINE);
    assertThat(out.get(1).suppressed()).isFalse();
  }

  @Test
  void baselineMatchesAfterASeverityOverride_becauseSeverityIsNotPartOfTheFingerprint() {
    Finding known = finding(ADMIN, "a");
    PolicySettings s = overrides(Map.of("SG002", new RuleOverride(null, Severity.LOW)));
    List<Finding> out = apply(s, new Baseline(Set.of(known.fingerprint())), known);
    assertThat(out).singleElement().extracting(Finding::suppressed).isEqualTo(true);
  }

  @Test
  void waiverWinsOverBaseline_soTheReaderSeesTheReason() {
    Finding f = finding(ADMIN, "a");
    List<Finding> out = apply(waivers(waiver("SG002", "a", TODAY)), new Baseline(Set.of(f.fingerprint())), f);
    assertThat(out.get(0).suppression().kind()).isEqualTo(Finding.Suppression.Kind.WAIVER);
  }

  @Test
  void findingAboutAWaiver_hasAFingerprintIndependentOfWhereTheWaiverIsWritten() {
    Waiver here = waiver("SG002", "gone.*", TODAY);
    Waiver moved = new Waiver("SG002", "gone.*", "another reason", TODAY,
        Location.pointer("/elsewhere/deployguard.yml", "waivers[7]"));
    String a = apply(waivers(here), Baseline.NONE).get(0).fingerprint();
    String b = apply(waivers(moved), Baseline.NONE).get(0).fingerprint();
    String other = apply(waivers(waiver("SG002", "other.*", TODAY)), Baseline.NONE).get(0).fingerprint();
    assertThat(a).isEqualTo(b).isNotEqualTo(other);
  }

  // --- what one run could have used

  private static PolicyEngine.Ran ran(Set<String> rules, String... inputs) {
    return new PolicyEngine.Ran(rules, List.of(inputs));
  }

  @Test
  void aWaiverOfARuleThatDidNotRun_isNotReportedAsUnused() {
    PolicyEngine engine = new PolicyEngine(waivers(waiver("SG002", "gone.*", TODAY)), Baseline.NONE, TODAY);
    assertThat(ruleIds(engine.apply(List.of(), ran(Set.of("DF001"), "Dockerfile")))).isEmpty();
    assertThat(ruleIds(engine.apply(List.of(), ran(Set.of("SG002"), "plan.json")))).containsExactly("POL002");
  }

  @Test
  void aWaiverScopedToOtherInputs_isNotReportedAsUnused_andCoversOnlyItsInputs() {
    Waiver prodOnly = new Waiver("SG002", "*", "reviewed", TODAY, Location.pointer("deployguard.yml", "waivers[0]"),
        "envs/prod/*.json");
    PolicyEngine engine = new PolicyEngine(waivers(prodOnly), Baseline.NONE, TODAY);
    assertThat(ruleIds(engine.apply(List.of(), ran(Set.of("SG002"), "envs/staging/a.json")))).isEmpty();
    assertThat(ruleIds(engine.apply(List.of(), ran(Set.of("SG002"), "envs/prod/a.json")))).containsExactly("POL002");

    Finding staging = Finding.builder(ADMIN).resource("a").message("m").key("k")
        .location(Location.of("envs/staging/a.json")).build();
    assertThat(engine.apply(List.of(staging), ran(Set.of("SG002"), "envs/staging/a.json"))).singleElement()
        .satisfies(f -> assertThat(f.suppressed()).isFalse());
  }

  @Test
  void anIgnore_suppressesTheFindingsOnItsLines_andOneThatMatchesNothingIsPol003() {
    Finding at5 = Finding.builder(ADMIN).resource("a").message("m").key("k").location(Location.at("main.tf", 5)).build();
    Ignore covering = new Ignore("SG002", "main.tf", 3, 9, "reviewed", Location.at("main.tf", 2),
        Finding.Suppression.Kind.INLINE);
    Ignore elsewhere = new Ignore("SG002", "main.tf", 20, 30, "stale", Location.at("main.tf", 19),
        Finding.Suppression.Kind.INLINE);
    List<Finding> out = new PolicyEngine(PolicySettings.DEFAULT, Baseline.NONE, TODAY)
        .apply(List.of(at5), ran(Set.of("SG002"), "plan.json"), List.of(covering, elsewhere));
    assertThat(out.get(0).suppression()).isEqualTo(new Finding.Suppression(Finding.Suppression.Kind.INLINE, "reviewed"));
    assertThat(out.get(1).ruleId()).isEqualTo("POL003");
    assertThat(out.get(1).message()).isEqualTo("suppression of SG002 at main.tf:19 matches no finding (reason was: stale)");
  }
}

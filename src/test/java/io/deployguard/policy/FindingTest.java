package io.deployguard.policy;

import static io.deployguard.policy.Fixtures.ADMIN;
import static io.deployguard.policy.Fixtures.OTHER_PORT;
import static io.deployguard.policy.Fixtures.finding;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FindingTest {

  @Test
  void fingerprint_isPinnedSoThatExistingBaselinesKeepMatching() {
    // First 16 bytes of SHA-256("SG002\0aws_security_group.web\0ingress tcp 22 0.0.0.0/0"), hex.
    assertThat(finding(ADMIN, "aws_security_group.web").fingerprint())
        .isEqualTo("fb27fa8e7b089998355b218a672a7ffa");
  }

  @Test
  void fingerprint_ignoresWordingLocationSeverityAndSuppression() {
    Finding f = finding(ADMIN, "aws_security_group.web");
    Finding reworded = new Finding(f.ruleId(), "new title", Severity.LOW, f.resource(), "new message",
        Location.at("/other/checkout/plan.json", 9), "new fix", f.key(), java.util.Map.of("a", "b"),
        new Finding.Suppression(Finding.Suppression.Kind.WAIVER, "why"));
    assertThat(reworded.fingerprint()).isEqualTo(f.fingerprint());
  }

  @Test
  void fingerprint_differsByRuleResourceAndKey() {
    Finding f = finding(ADMIN, "r", "k");
    assertThat(finding(OTHER_PORT, "r", "k").fingerprint()).isNotEqualTo(f.fingerprint());
    assertThat(finding(ADMIN, "r2", "k").fingerprint()).isNotEqualTo(f.fingerprint());
    assertThat(finding(ADMIN, "r", "k2").fingerprint()).isNotEqualTo(f.fingerprint());
    // The separator keeps "a"+"bc" apart from "ab"+"c".
    assertThat(finding(ADMIN, "a", "bc").fingerprint()).isNotEqualTo(finding(ADMIN, "ab", "c").fingerprint());
  }

  @Test
  void builder_presetsTheRulesTitleSeverityAndFix_andSortsDetails() {
    Finding f = Finding.builder(ADMIN).resource("r").message("m").location(Location.of("plan.json"))
        .detail("zeta", 1).detail("alpha", "x").detail("skipped", null).build();
    assertThat(f.title()).isEqualTo(ADMIN.title());
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(f.fix()).isEqualTo(ADMIN.fix());
    assertThat(f.details().keySet()).containsExactly("alpha", "zeta");
  }

  @Test
  void details_readAsTheSortedUnmodifiableMapTheyWereGiven_andAreSharedByFindingsMadeFromOne() {
    java.util.Map<String, String> given = new java.util.HashMap<>();
    given.put("zeta", "1");
    given.put("alpha", "x");
    given.put("mid", null);
    Finding f = new Finding("SG002", "t", Severity.HIGH, "r", "m", Location.of("plan.json"), "fix", "k", given, null);
    java.util.TreeMap<String, String> expected = new java.util.TreeMap<>(given);
    given.put("late", "y");
    assertThat(f.details()).isEqualTo(expected).hasSameHashCodeAs(expected).containsExactlyEntriesOf(expected);
    assertThat(expected).isEqualTo(f.details());
    assertThat(f.details().toString()).isEqualTo("{alpha=x, mid=null, zeta=1}");
    assertThat(f.details().get("zeta")).isEqualTo("1");
    assertThat(f.details().get("late")).isNull();
    assertThat(f.details().containsKey("mid")).isTrue();
    assertThat(f.details().getOrDefault("mid", "d")).isNull();
    assertThat(f.details().getOrDefault("none", "d")).isEqualTo("d");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.details().put("a", "b"))
        .isInstanceOf(UnsupportedOperationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.details().entrySet().iterator().remove())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(f.withSeverity(Severity.LOW).details()).isSameAs(f.details());
    assertThat(new Finding("SG002", "t", Severity.HIGH, "r2", "m", Location.of("plan.json"), "fix", "k2", f.details(),
        null).details()).isSameAs(f.details());
  }
}

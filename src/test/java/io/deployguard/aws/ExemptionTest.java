package io.deployguard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ExemptionTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

  @Test
  void reasonWithoutAnUntilDate_exemptsNothing() {
    Exemption e = Exemption.parse("bastion host");
    assertThat(e.activeOn(TODAY)).isFalse();
    assertThat(e.reason()).isEqualTo("bastion host");
    assertThat(e.explain(TODAY)).contains("has no until date");
  }

  @Test
  void untilDate_holdsThroughThatDayOnly() {
    Exemption e = Exemption.parse("PoC for ACME; until=2026-06-01");
    assertThat(e.reason()).isEqualTo("PoC for ACME");
    assertThat(e.activeOn(TODAY)).isTrue();
    assertThat(e.activeOn(TODAY.plusDays(1))).isFalse();
    assertThat(e.explain(TODAY.plusDays(1))).contains("expired on 2026-06-01");
  }

  @Test
  void unreadableDateOrEmptyReason_exemptsNothing() {
    assertThat(Exemption.parse("x; until=01/06/2027").activeOn(TODAY)).isFalse();
    assertThat(Exemption.parse("x; until=01/06/2027").explain(TODAY)).contains("not YYYY-MM-DD");
    assertThat(Exemption.parse("  ").activeOn(TODAY)).isFalse();
    assertThat(Exemption.parse("; until=2030-01-01").activeOn(TODAY)).isFalse();
  }

  @Test
  void semicolonInTheReason_isKeptWhenNoDateFollows() {
    assertThat(Exemption.parse("a; b").reason()).isEqualTo("a; b");
  }
}

package io.deployguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LimitsTest {
  private record Bounded(
      @Limits(min = 0, max = 32) Integer both,
      @Limits(min = 1) Integer atLeastOne,
      @Limits(min = 0, minExclusive = true, max = 100) Double percent,
      @Limits(min = 0, max = 1e9, maxExclusive = true) Double price) {}

  private static Limits of(String component) throws NoSuchFieldException {
    return Bounded.class.getDeclaredField(component).getAnnotation(Limits.class);
  }

  @Test
  void valueWithinItsLimits_hasNoProblem() throws Exception {
    assertThat(Limits.Check.problem(of("both"), 0)).isNull();
    assertThat(Limits.Check.problem(of("both"), 32)).isNull();
    assertThat(Limits.Check.problem(of("atLeastOne"), Integer.MAX_VALUE)).isNull();
    assertThat(Limits.Check.problem(of("percent"), 100)).isNull();
    assertThat(Limits.Check.problem(of("price"), 0)).isNull();
  }

  @Test
  void valueOutsideBothInclusiveBounds_isSaidToBeOutsideTheRange() throws Exception {
    assertThat(Limits.Check.problem(of("both"), 40)).isEqualTo("40 is outside 0-32");
    assertThat(Limits.Check.problem(of("both"), -1)).isEqualTo("-1 is outside 0-32");
  }

  @Test
  void valueBelowAnOpenEndedBound_namesTheBoundAndTheValue() throws Exception {
    assertThat(Limits.Check.problem(of("atLeastOne"), 0)).isEqualTo("must be at least 1, got 0");
  }

  @Test
  void exclusiveBounds_refuseTheBoundItself() throws Exception {
    assertThat(Limits.Check.problem(of("percent"), 0)).isEqualTo("must be more than 0 and at most 100, got 0");
    assertThat(Limits.Check.problem(of("price"), 1e9))
        .isEqualTo("must be at least 0 and below 1000000000, got 1000000000");
  }

  @Test
  void notANumber_isNeverWithinLimits() throws Exception {
    assertThat(Limits.Check.problem(of("atLeastOne"), Double.NaN)).isNotNull();
  }

  @Test
  void decimals_keepTheirFraction() throws Exception {
    assertThat(Limits.Check.problem(of("percent"), 100.5)).endsWith("got 100.5");
  }
}

package io.deployguard.aws;

import io.deployguard.policy.InputException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The overall deadline of one run ({@code --timeout}): checked before every AWS call, so a run
 * ends at most one call's own timeout after it. Crossing it is an input error (exit 3) that says
 * what the run was doing; what was done before is in the audit record.
 *
 * @param total the whole budget, as given
 * @param end the instant the run must stop starting calls
 * @param clock the clock {@code end} is measured on
 */
public record Deadline(Duration total, Instant end, Clock clock) {

  /** The default {@code --timeout}: long enough for thousands of rules, short enough for a pipeline. */
  public static final Duration DEFAULT = Duration.ofMinutes(5);

  public Deadline {
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(clock, "clock");
  }

  /** A deadline {@code total} from now. */
  public static Deadline in(Duration total) {
    Clock c = Clock.systemUTC();
    return new Deadline(total, c.instant().plus(total), c);
  }

  /** No deadline (tests, and callers with their own, such as the Lambda runtime). */
  public static Deadline none() {
    return new Deadline(Duration.ofSeconds(Long.MAX_VALUE / 4), Instant.MAX, Clock.systemUTC());
  }

  public boolean passed() {
    return clock.instant().isAfter(end);
  }

  /**
   * @param input the target, e.g. {@code aws://eu-west-1/123456789012}
   * @param doing what the next call is for, e.g. {@code DescribeSecurityGroupRules}
   * @throws Exceeded when the deadline has passed
   */
  public void check(String input, String doing) {
    if (passed()) {
      throw new Exceeded(input, doing, total);
    }
  }

  /** The run passed its deadline before {@code doing}. */
  public static final class Exceeded extends InputException {
    Exceeded(String input, String doing, Duration total) {
      super(input, doing, "the run passed --timeout " + DurationText.format(total) + " before " + doing
          + "; nothing more was called", "run again (what was done is in the audit record), or raise --timeout");
    }
  }
}
